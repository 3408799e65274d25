import { randomUUID } from 'node:crypto';
import { formatNumber, type Campaign, type CampaignProgress, type Interest, type JobEffects, type RecipientSend, type Subscriber } from '../../content-model';
import type { JobOutcome } from '../jobs/runner';
import type { Clock } from '../shared/clock';
import { ConflictError } from '../shared/errors';
import { logger } from '../shared/logger';
import { isThrottling } from '../shared/email/mailer';
import { composeEmail } from '../shared/email/compose';
import type { Store } from '../store';
import { renderCampaign } from './campaigns';
import type { Platform } from '../shared/platform';

export interface DispatchDependencies extends Pick<Platform, 'store' | 'clock' | 'mailer' | 'tokens' | 'publicApiUrl' | 'from'> {
  /**
   * Emails per second: a number, "account" for the SES account's maximum send rate (read at the
   * start of each dispatch), or "unlimited" (benchmarks and tests against SES local).
   */
  sendRate: number | 'account' | 'unlimited';
  concurrency: number;
  /**
   * How long a claimed record may stay "sending" before it is sent again. A crash between SES
   * accepting a message and the record being marked leaves it in doubt; SES's Send event (through
   * the feedback function) marks it sent well within this time, so only truly unsent ones return.
   */
  inDoubtAfterMs: number;
  /** How long a dispatcher holds a campaign without renewing; a crashed one blocks no longer. */
  leaseMs: number;
  /** Waits between throttling retries; a parameter so tests need not sleep. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** When SES does not say (SES local, or a missing permission): the starting quota of a new account. */
export const FALLBACK_SEND_RATE = 1;

async function effectiveRate(deps: Pick<DispatchDependencies, 'sendRate' | 'mailer'>): Promise<number> {
  if (deps.sendRate === 'unlimited') return Infinity;
  if (deps.sendRate !== 'account') return deps.sendRate;
  const rate = await deps.mailer.maxSendRate();
  if (rate === null) logger.warn('SES did not report a send rate; pacing at the fallback', { rate: FALLBACK_SEND_RATE });
  return rate ?? FALLBACK_SEND_RATE;
}

/** Spaces sends evenly at `rate` per second across all workers (an infinite rate never waits). */
function createPacer(rate: number, sleep: (ms: number) => Promise<void>) {
  const interval = Number.isFinite(rate) && rate > 0 ? 1000 / rate : 0;
  let nextSlot = 0;
  return async () => {
    if (interval === 0) return;
    const now = Date.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + interval;
    if (slot > now) await sleep(slot - now);
  };
}

/** The recipients of a campaign: everyone confirmed for general news, else the union of its interests. */
async function recipientsOf(store: Store, interests: readonly Interest[]): Promise<{ subscriberId: string; email: string }[]> {
  const audiences: (Interest | 'all')[] = interests.length === 0 ? ['all'] : [...interests];
  const byId = new Map<string, { subscriberId: string; email: string }>();
  for (const audience of audiences) for (const member of await store.subscribers.members(audience)) byId.set(member.subscriberId, member);
  return [...byId.values()];
}

/**
 * Freezes the recipient list as one "pending" record per person. Nothing is sent before the list
 * is complete, so a crash here simply prepares again.
 */
export async function prepareCampaign(deps: Pick<DispatchDependencies, 'store' | 'clock'>, campaign: Campaign): Promise<Campaign> {
  const { store, clock } = deps;
  let current = campaign;
  if (current.status === 'scheduled') {
    const preparing: Campaign = { ...current, status: 'preparing', revision: current.revision + 1 };
    await store.transact([store.campaigns.update(preparing, current.revision)]);
    current = preparing;
  }
  if (current.status !== 'preparing') return current;
  const recipients = await recipientsOf(store, current.interests);
  await store.sends.writePending(current.id, recipients);
  const sending: Campaign = {
    ...current,
    status: 'sending',
    preparedAt: clock.now().toISOString(),
    progress: { ...current.progress, recipients: recipients.length },
    revision: current.revision + 1,
  };
  await store.transact([store.campaigns.update(sending, current.revision)]);
  return sending;
}

/** What became of one recipient send; "lost" means another dispatcher had claimed it first. */
type Outcome = 'sent' | 'failed' | 'skipped' | 'lost';

/**
 * Sends what is still pending, until done or `deadline` (epoch ms): claim → send → mark, so a
 * crash or a re-run resumes without a second copy to anyone and without skipping anyone.
 */
export async function dispatchCampaign(
  deps: DispatchDependencies,
  campaignId: string,
  deadline: number,
): Promise<{ done: boolean; sent: number; failed: number; skipped: number }> {
  const { store } = deps;
  const sleep = deps.sleep ?? defaultSleep;
  const found = await store.campaigns.get(campaignId);
  if (found?.status !== 'sending') return { done: true, sent: 0, failed: 0, skipped: 0 };
  const campaign: Campaign = found;
  // One dispatcher per campaign at a time, so overlapping runs never add up past the send rate.
  const owner = randomUUID();
  if (!(await store.campaigns.takeDispatchLease(campaignId, owner, deps.leaseMs))) return { done: false, sent: 0, failed: 0, skipped: 0 };
  let renewedAt = Date.now();
  let renewal: Promise<boolean> | null = null;
  const holdLease = async (): Promise<boolean> => {
    if (Date.now() - renewedAt < deps.leaseMs / 3) return true;
    renewal ??= store.campaigns.takeDispatchLease(campaignId, owner, deps.leaseMs).finally(() => {
      renewedAt = Date.now();
      renewal = null;
    });
    return renewal;
  };
  try {
    return await sendPending(deps, campaign, deadline, createPacer(await effectiveRate(deps), sleep), sleep, holdLease);
  } finally {
    await store.campaigns.releaseDispatchLease(campaignId, owner);
  }
}

async function sendPending(
  deps: DispatchDependencies,
  campaign: Campaign,
  deadline: number,
  pace: () => Promise<void>,
  sleep: (ms: number) => Promise<void>,
  holdLease: () => Promise<boolean>,
): Promise<{ done: boolean; sent: number; failed: number; skipped: number }> {
  const { store, clock, mailer } = deps;
  const campaignId = campaign.id;

  const totals = { sent: 0, failed: 0, skipped: 0 };
  let unfinished = 0;

  async function sendOne(send: RecipientSend, subscriber: Subscriber | null): Promise<Outcome> {
    const at = clock.now().toISOString();
    if (!(await store.sends.claim(send, at))) return 'lost';
    // Checked at send time: someone who unsubscribed or bounced since preparation gets nothing.
    if (subscriber?.status !== 'confirmed') {
      await store.sends.markSkipped(send);
      return 'skipped';
    }
    // Composed once, so a throttled send goes out again as the same message.
    const raw = await composeEmail(deps.from, { to: send.email, ...renderCampaign(deps, campaign, send, clock.now()) });
    for (let attempt = 0; ; attempt += 1) {
      await pace();
      try {
        const messageId = await mailer.sendRaw(raw, { tags: { campaign: campaignId, subscriber: send.subscriberId } });
        await store.sends.markSent(send, clock.now().toISOString(), messageId);
        return 'sent';
      } catch (error) {
        if (isThrottling(error) && attempt < 8) {
          await sleep(Math.min(5000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2));
          continue;
        }
        const message = error instanceof Error ? error.message : String(error);
        logger.warn('Newsletter send failed', { campaignId, subscriberId: send.subscriberId, message });
        await store.sends.markFailed(send, message.slice(0, 500));
        return 'failed';
      }
    }
  }

  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await store.sends.page(campaignId, startKey);
    startKey = page.next;
    const now = clock.now().getTime();
    const work: RecipientSend[] = [];
    for (const send of page.items) {
      if (send.status === 'pending') work.push(send);
      else if (send.status === 'sending') {
        const claimedAt = send.claimedAt ? new Date(send.claimedAt).getTime() : 0;
        if (now - claimedAt > deps.inDoubtAfterMs && (await store.sends.release(send))) {
          work.push({ ...send, status: 'pending', claimedAt: null });
        } else unfinished += 1;
      }
    }
    const found = await Promise.all(work.map((send) => store.subscribers.get(send.subscriberId)));
    const subscribers = new Map(work.map((send, index) => [send.subscriberId, found[index] ?? null]));
    const delta = { sent: 0, failed: 0, skipped: 0 };
    let next = 0;
    let handled = 0;
    let leaseLost = false;
    const worker = async () => {
      while (!leaseLost && Date.now() < deadline) {
        const send = work[next++]; // taken before any await, so no two workers share one
        if (!send) break;
        if (!(await holdLease())) {
          leaseLost = true; // another dispatcher took over; it sends the rest
          break;
        }
        const outcome = await sendOne(send, subscribers.get(send.subscriberId) ?? null);
        handled += 1;
        if (outcome !== 'lost') delta[outcome] += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, deps.concurrency) }, worker));
    unfinished += work.length - handled;
    await store.campaigns.addProgress(campaignId, delta);
    totals.sent += delta.sent;
    totals.failed += delta.failed;
    totals.skipped += delta.skipped;
    if (Date.now() >= deadline || leaseLost) return { done: false, ...totals };
  } while (startKey);

  if (unfinished > 0) return { done: false, ...totals };
  await finish(store, campaignId, clock);
  return { done: true, ...totals };
}

/** Counts every record once more, so the final figures are exact whatever crashed on the way. */
async function finish(store: Store, campaignId: string, clock: Clock): Promise<void> {
  const counts: Record<RecipientSend['status'], number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await store.sends.page(campaignId, startKey);
    for (const send of page.items) counts[send.status] += 1;
    startKey = page.next;
  } while (startKey);
  const campaign = await store.campaigns.get(campaignId);
  if (campaign?.status !== 'sending') return;
  const progress: CampaignProgress = {
    ...campaign.progress,
    recipients: counts.pending + counts.sending + counts.sent + counts.failed + counts.skipped,
    sent: counts.sent,
    failed: counts.failed,
    skipped: counts.skipped,
  };
  try {
    await store.transact([
      store.campaigns.update({ ...campaign, status: 'sent', sentAt: clock.now().toISOString(), progress, revision: campaign.revision + 1 }, campaign.revision),
    ]);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error; // another dispatcher finished it
  }
}

/**
 * The scheduled sweeper: starts campaigns whose time has come and resumes interrupted ones, until
 * the deadline (a Lambda stops well before its 15 minutes; the next run continues).
 */
export async function runDispatchSweep(deps: DispatchDependencies, budgetMs: number): Promise<JobOutcome> {
  const deadline = Date.now() + budgetMs;
  const due = await dueCampaigns(deps);
  const counts = { campaigns: due.length, sent: 0, failed: 0, skipped: 0, finished: 0 };
  const errors: string[] = [];
  for (const campaign of due) {
    if (Date.now() >= deadline) break;
    try {
      const prepared = await prepareCampaign(deps, campaign);
      const result = await dispatchCampaign(deps, prepared.id, deadline);
      counts.sent += result.sent;
      counts.failed += result.failed;
      counts.skipped += result.skipped;
      if (result.done) counts.finished += 1;
    } catch (error) {
      if (error instanceof ConflictError) continue; // another sweeper is on it
      errors.push(`${campaign.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { counts, errors };
}

/** Campaigns whose time has come, and interrupted ones. */
async function dueCampaigns({ store, clock }: Pick<DispatchDependencies, 'store' | 'clock'>): Promise<Campaign[]> {
  const now = clock.now().toISOString();
  return (await store.campaigns.list()).filter(
    (campaign) => (campaign.status === 'scheduled' && (campaign.scheduledAt ?? '') <= now) || campaign.status === 'preparing' || campaign.status === 'sending',
  );
}

/** Who the sweep would email now: a campaign not yet frozen goes to its audience, a sending one to those still waiting. */
export async function previewDispatch(deps: Pick<DispatchDependencies, 'store' | 'clock'>): Promise<JobEffects> {
  const people = new Set<string>();
  const effects: string[] = [];
  for (const campaign of await dueCampaigns(deps)) {
    const waiting: string[] = [];
    if (campaign.status === 'sending') {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await deps.store.sends.page(campaign.id, startKey);
        for (const send of page.items) if (send.status === 'pending' || send.status === 'sending') waiting.push(send.subscriberId);
        startKey = page.next;
      } while (startKey);
    } else {
      for (const recipient of await recipientsOf(deps.store, campaign.interests)) waiting.push(recipient.subscriberId);
    }
    for (const id of waiting) people.add(id);
    effects.push(`Nyhetsbrevet «${campaign.subject}» sendes til ${formatNumber(waiting.length)} ${waiting.length === 1 ? 'mottaker' : 'mottakere'}`);
  }
  return { recipients: people.size, becomeNotCurrent: [], effects };
}
