import { randomUUID } from 'node:crypto';
import { SafeHtml } from '../shared/html';
import type { Actor } from '../shared/actor';
import { heading, paragraph, type Email } from '../shared/email/blocks';
import { mailDomain } from '../shared/email/compose';
import { renderEmail, type RenderedEmail } from '../shared/email/render';
import type { Page } from '../shared/db/client';
import { sanitizeRichText } from '../shared/sanitize';
import type { Store } from '../store';
import { manageLinks, manageLinksBlock } from './subscriptions';
import {
  applyEdits,
  formatOsloDateTime,
  interests,
  type Campaign,
  type CampaignInput,
  type CampaignPageQuery,
  type CampaignSend,
  type CampaignUpdate,
} from '../../content-model';
import { ConflictError, StaleRevisionError, NotFoundError, ValidationError } from '../shared/errors';
import type { Platform } from '../shared/platform';

export type CampaignDependencies = Pick<Platform, 'store' | 'clock' | 'mailer' | 'tokens' | 'publicApiUrl' | 'from'>;

const emptyProgress = { recipients: 0, sent: 0, failed: 0, skipped: 0, bounced: 0, complained: 0 };

async function assertLinkedProducts(store: Store, slugs: readonly string[]): Promise<void> {
  for (const [index, slug] of slugs.entries()) {
    if (!(await store.products.findIdBySlug(slug))) throw ValidationError.field(`linkedProducts.${index}`, `Ukjent produkt «${slug}»`);
  }
}

export async function createCampaign({ store, clock }: Pick<Platform, 'store' | 'clock'>, actor: Actor, input: CampaignInput): Promise<Campaign> {
  await assertLinkedProducts(store, input.linkedProducts);
  const at = clock.now().toISOString();
  const campaign: Campaign = {
    ...input,
    body: sanitizeRichText(input.body),
    id: randomUUID(),
    status: 'draft',
    scheduledAt: null,
    preparedAt: null,
    sentAt: null,
    createdAt: at,
    createdBy: actor.username,
    lastChangedAt: at,
    lastChangedBy: actor.username,
    revision: 1,
    progress: emptyProgress,
  };
  await store.transact([store.campaigns.insert(campaign)]);
  return campaign;
}

export async function getCampaign({ store }: Pick<Platform, 'store'>, id: string): Promise<Campaign> {
  const campaign = await store.campaigns.get(id);
  if (!campaign) throw new NotFoundError('Utsendelsen finnes ikke');
  return campaign;
}

/** Drafts and scheduled issues can be edited; once preparation has started, the text is final. */
export async function updateCampaign({ store, clock }: Pick<Platform, 'store' | 'clock'>, actor: Actor, id: string, update: CampaignUpdate): Promise<Campaign> {
  const current = await getCampaign({ store }, id);
  if (current.revision !== update.expectedRevision) throw new StaleRevisionError('Utsendelsen');
  if (current.status !== 'draft' && current.status !== 'scheduled') throw new ConflictError('Utsendelsen er allerede sendt eller under sending');
  const { expectedRevision, ...fields } = update;
  if (fields.linkedProducts) await assertLinkedProducts(store, fields.linkedProducts);
  const next: Campaign = {
    ...applyEdits(current, fields),
    body: fields.body === undefined ? current.body : sanitizeRichText(fields.body),
    revision: current.revision + 1,
    lastChangedAt: clock.now().toISOString(),
    lastChangedBy: actor.username,
  };
  await store.transact([store.campaigns.update(next, expectedRevision)]);
  return next;
}

/** Sends now (the dispatcher picks it up within a minute) or at a set time. */
export async function scheduleCampaign(
  { store, clock }: Pick<Platform, 'store' | 'clock'>,
  actor: Actor,
  id: string,
  request: CampaignSend,
): Promise<Campaign> {
  const current = await getCampaign({ store }, id);
  if (current.revision !== request.expectedRevision) throw new StaleRevisionError('Utsendelsen');
  if (current.status !== 'draft' && current.status !== 'scheduled') throw new ConflictError('Utsendelsen er allerede sendt eller under sending');
  const now = clock.now();
  if (request.scheduledAt && new Date(request.scheduledAt) < new Date(now.getTime() - 60_000)) {
    throw ValidationError.field('scheduledAt', 'Tidspunktet har allerede vært');
  }
  const scheduledAt = request.scheduledAt ?? now.toISOString();
  const next: Campaign = {
    ...current,
    status: 'scheduled',
    scheduledAt,
    revision: current.revision + 1,
    lastChangedAt: now.toISOString(),
    lastChangedBy: actor.username,
  };
  await store.transact([
    store.campaigns.update(next, request.expectedRevision),
    store.audit.insert({
      entityType: 'campaign',
      entityId: id,
      at: now.toISOString(),
      by: actor.username,
      action: 'scheduled',
      changes: ['status'],
      revision: next.revision,
      note: `Sendes ${formatOsloDateTime(scheduledAt)}`,
    }),
  ]);
  return next;
}

/**
 * One recipient's email: the issue with their own preferences and unsubscribe links, and the
 * RFC 8058 headers that let mail clients offer one-click unsubscribe.
 */
export function renderCampaign(
  deps: Pick<Platform, 'tokens' | 'publicApiUrl' | 'from'>,
  campaign: Pick<Campaign, 'id' | 'subject' | 'body' | 'interests' | 'linkedProducts'>,
  recipient: { subscriberId: string; email: string },
  now: Date,
): Email & { headers: Record<string, string> } {
  const links = manageLinks(deps, recipient.subscriberId, now);
  const productLinks = campaign.linkedProducts.map((slug) => `${deps.publicApiUrl}/content/products/${encodeURIComponent(slug)}`);
  const topics = campaign.interests.length ? campaign.interests.map((code) => interests.labels[code]).join(', ') : 'Generelle nyheter';
  return {
    subject: campaign.subject,
    blocks: [
      paragraph(`Nyhetsbrev fra Normen · ${topics}`, { muted: true }),
      // Sanitized when the campaign was saved (sanitizeRichText).
      { kind: 'rich', html: new SafeHtml(campaign.body) },
      ...(productLinks.length
        ? [heading('Les mer'), { kind: 'list' as const, items: productLinks.map((url) => ({ link: { label: url, url }, text: '' })) }]
        : []),
    ],
    footer: [
      paragraph('Du får denne e-posten fordi du abonnerer på nyhetsbrevet fra Normen.'),
      manageLinksBlock(links),
      paragraph(`Referanse: ${campaign.id}.${recipient.subscriberId}`),
    ],
    headers: {
      'List-Unsubscribe': `<${links.unsubscribe}>, <mailto:avmelding@${mailDomain(deps.from)}?subject=unsubscribe%20${recipient.subscriberId}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Normen-Delivery': `${campaign.id}.${recipient.subscriberId}`,
    },
  };
}

/** What a recipient would get, rendered for the editor. */
export async function previewCampaign(deps: CampaignDependencies, actor: Actor, id: string): Promise<RenderedEmail & { headers: Record<string, string> }> {
  const campaign = await getCampaign(deps, id);
  const email = renderCampaign(deps, campaign, { subscriberId: 'forhandsvisning', email: actor.username }, deps.clock.now());
  return { ...renderEmail(email), headers: email.headers };
}

/** The issue to the editor's own address, marked as a test; it reaches no subscriber. */
export async function sendTestCampaign(deps: CampaignDependencies, actor: Actor, id: string): Promise<{ sentTo: string }> {
  const campaign = await getCampaign(deps, id);
  const rendered = renderCampaign(deps, campaign, { subscriberId: 'test', email: actor.username }, deps.clock.now());
  await deps.mailer.send({ ...rendered, to: actor.username, subject: `[TEST] ${rendered.subject}` });
  return { sentTo: actor.username };
}

export async function listCampaigns({ store }: Pick<Platform, 'store'>): Promise<{ items: Campaign[] }> {
  return { items: await store.campaigns.list() };
}

/** The issues, newest first, a page at a time (GET /admin/campaigns). */
export function campaignPage({ store }: Pick<Platform, 'store'>, query: CampaignPageQuery): Promise<Page<Campaign>> {
  return store.campaigns.page(query, (campaign) => !query.status || campaign.status === query.status);
}
