import { z } from 'zod';
import type { Subscriber } from '../../content-model';
import { logger } from '../shared/logger';
import type { Store } from '../store';
import { audiencesOf } from './subscriber-repository';
import type { Platform } from '../shared/platform';

/** Soft bounces in a row that suppress an address. */
export const SOFT_BOUNCE_LIMIT = 3;

/**
 * The parts of an SES event (configuration-set event publishing, delivered through SNS) that we
 * use. Tags identify the recipient send; the X-Normen-Delivery header does too, for events without tags
 * (the header keeps its old name: emails already sent carry it, and their events still arrive).
 */
const sesEventSchema = z.object({
  eventType: z.string(),
  mail: z.object({
    messageId: z.string(),
    tags: z.record(z.string(), z.array(z.string())).optional(),
    headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  }),
  bounce: z.object({ bounceType: z.string(), bouncedRecipients: z.array(z.object({ emailAddress: z.string() })) }).optional(),
  complaint: z.object({ complainedRecipients: z.array(z.object({ emailAddress: z.string() })) }).optional(),
});
export type SesEvent = z.infer<typeof sesEventSchema>;

export function parseSesEvent(message: string): SesEvent | null {
  try {
    const parsed = sesEventSchema.safeParse(JSON.parse(message));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function recipientSendOf(event: SesEvent): { campaignId: string; subscriberId: string } | null {
  const campaignId = event.mail.tags?.campaign?.[0];
  const subscriberId = event.mail.tags?.subscriber?.[0];
  if (campaignId && subscriberId) return { campaignId, subscriberId };
  const header = event.mail.headers?.find((candidate) => candidate.name.toLowerCase() === 'x-normen-delivery')?.value;
  const [fromHeaderCampaign, fromHeaderSubscriber] = header?.split('.') ?? [];
  return fromHeaderCampaign && fromHeaderSubscriber ? { campaignId: fromHeaderCampaign, subscriberId: fromHeaderSubscriber } : null;
}

async function suppress(store: Store, subscriber: Subscriber, reason: string): Promise<void> {
  if (subscriber.status === 'suppressed') return;
  const next: Subscriber = { ...subscriber, status: 'suppressed', suppressedReason: reason, revision: subscriber.revision + 1 };
  await store.transact([store.subscribers.update(next, subscriber.revision), ...store.subscribers.membershipChanges(subscriber, audiencesOf(subscriber), [])]);
}

/**
 * SES feedback: a Send event settles a recipient send left in doubt by a crash; a hard bounce or a
 * complaint suppresses the address at once, soft bounces after several in a row. Bounces and
 * complaints are counted on the campaign.
 */
export async function handleSesEvent({ store, clock }: Pick<Platform, 'store' | 'clock'>, event: SesEvent): Promise<void> {
  const send = recipientSendOf(event);
  switch (event.eventType) {
    case 'Send': {
      if (send) await store.sends.markSent(send, clock.now().toISOString(), event.mail.messageId);
      return;
    }
    case 'Bounce': {
      const permanent = event.bounce?.bounceType === 'Permanent';
      for (const { emailAddress } of event.bounce?.bouncedRecipients ?? []) {
        const subscriber = await store.subscribers.findByEmail(emailAddress.toLowerCase());
        if (!subscriber) continue;
        const softBounces = subscriber.softBounces + 1;
        // A concurrent change to the subscriber fails the event with a conflict; Lambda retries it.
        if (permanent || softBounces >= SOFT_BOUNCE_LIMIT) await suppress(store, subscriber, permanent ? 'hard-bounce' : 'soft-bounces');
        else await store.transact([store.subscribers.update({ ...subscriber, softBounces, revision: subscriber.revision + 1 }, subscriber.revision)]);
      }
      if (send) await store.campaigns.addProgress(send.campaignId, { bounced: 1 });
      return;
    }
    case 'Complaint': {
      for (const { emailAddress } of event.complaint?.complainedRecipients ?? []) {
        const subscriber = await store.subscribers.findByEmail(emailAddress.toLowerCase());
        if (subscriber) await suppress(store, subscriber, 'complaint');
      }
      if (send) await store.campaigns.addProgress(send.campaignId, { complained: 1 });
      return;
    }
    default:
      logger.debug('Ignored SES event', { eventType: event.eventType });
  }
}
