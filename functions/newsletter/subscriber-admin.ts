import { formatOsloCsvDate, interests, subscriberStatuses, type Subscriber, type SubscriberPageQuery, type SubscriberQuery } from '../../content-model';
import { toCsv } from '../shared/csv';
import type { Page } from '../shared/db/client';
import { NotFoundError } from '../shared/errors';
import type { Actor } from '../shared/actor';
import type { Platform } from '../shared/platform';

type Deps = Pick<Platform, 'store' | 'clock'>;

const matches = (query: SubscriberQuery) => (subscriber: Subscriber) =>
  (!query.status || subscriber.status === query.status) && (!query.interest || subscriber.interests.includes(query.interest));

// The nonce of a pending confirmation is part of its link: nobody but the link's owner needs it.
const withoutNonce = ({ confirmationNonce: _nonce, ...subscriber }: Subscriber): Subscriber => subscriber;

/** Subscribers for the secretariat: search by the start of the address, filter by status and interest. */
export async function listSubscribers({ store }: Pick<Deps, 'store'>, query: SubscriberQuery): Promise<{ items: Subscriber[] }> {
  const candidates = await store.subscribers.list(query.q);
  return { items: candidates.filter(matches(query)).map(withoutNonce) };
}

/** The same list a page at a time, by address (GET /admin/subscribers). */
export async function subscriberPage({ store }: Pick<Deps, 'store'>, query: SubscriberPageQuery): Promise<Page<Subscriber>> {
  const page = await store.subscribers.page(query.q, query, matches(query));
  return { items: page.items.map(withoutNonce), nextCursor: page.nextCursor };
}

export async function subscribersCsv(deps: Pick<Deps, 'store'>, query: SubscriberQuery): Promise<string> {
  const { items } = await listSubscribers(deps, query);
  return toCsv(items, [
    ['E-post', (subscriber) => subscriber.email],
    ['Status', (subscriber) => subscriberStatuses.labels[subscriber.status]],
    ['Interesser', (subscriber) => subscriber.interests.map((code) => interests.labels[code]).join(', ') || 'Generelle nyheter'],
    ['Registrert', (subscriber) => formatOsloCsvDate(subscriber.createdAt)],
    ['Bekreftet', (subscriber) => (subscriber.confirmedAt ? formatOsloCsvDate(subscriber.confirmedAt) : '')],
    ['Avmeldt', (subscriber) => (subscriber.unsubscribedAt ? formatOsloCsvDate(subscriber.unsubscribedAt) : '')],
  ]);
}

/**
 * Deletes a person's data on request (GDPR). The audit record says who erased which subscriber and
 * when, but keeps no address: it must not hold on to what was erased.
 */
export async function eraseSubscriber({ store, clock }: Deps, actor: Actor, id: string): Promise<void> {
  const subscriber = await store.subscribers.get(id);
  if (!subscriber) throw new NotFoundError('Abonnenten finnes ikke');
  await store.transact([
    ...store.subscribers.erase(subscriber),
    store.audit.insert({
      entityType: 'subscriber',
      entityId: id,
      at: clock.now().toISOString(),
      by: actor.username,
      action: 'erased',
      changes: ['email', 'interests'],
      revision: subscriber.revision + 1,
      note: 'Personopplysninger slettet på forespørsel',
    }),
  ]);
}
