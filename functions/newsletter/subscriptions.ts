import { randomBytes, randomUUID } from 'node:crypto';
import { interests as interestVocabulary, type Interest, type PreferencesUpdate, type Subscriber, type SubscriptionRequest } from '../../content-model';
import { ConflictError, ValidationError } from '../shared/errors';
import { action, paragraph, type Block } from '../shared/email/blocks';
import { logger } from '../shared/logger';
import type { RateLimit } from '../shared/rate-limit';
import { audiencesOf } from './subscriber-repository';
import { invalidLink } from '../shared/link-tokens';
import type { Platform } from '../shared/platform';

export type NewsletterDependencies = Pick<Platform, 'store' | 'clock' | 'mailer' | 'rateLimiter' | 'tokens' | 'publicApiUrl'>;

export const subscriptionRateLimit: RateLimit = { limit: 5, windowSeconds: 600 };

export function manageLinks(deps: Pick<Platform, 'tokens' | 'publicApiUrl'>, subscriberId: string, now: Date) {
  const token = encodeURIComponent(deps.tokens.issue(subscriberId, 'manage', now));
  return {
    preferences: `${deps.publicApiUrl}/newsletter/preferences?token=${token}`,
    unsubscribe: `${deps.publicApiUrl}/newsletter/unsubscribe?token=${token}`,
  };
}

/** «Endre interesser · Meld deg av», with the subscriber's own links. */
export const manageLinksBlock = (links: ReturnType<typeof manageLinks>): Block => ({
  kind: 'links',
  links: [
    { label: 'Endre interesser', url: links.preferences },
    { label: 'Meld deg av', url: links.unsubscribe },
  ],
});

const describeInterests = (chosen: readonly Interest[]) =>
  chosen.length === 0 ? 'generelle nyheter fra Normen' : chosen.map((code) => interestVocabulary.labels[code]).join(', ');

/**
 * A confirm token names the subscriber and the nonce of this one request (`<id>.<nonce>`): the
 * signature proves the link came from us, the nonce that it is still the one to use.
 */
const confirmSubject = (subscriberId: string, nonce: string) => `${subscriberId}.${nonce}`;
const newNonce = () => randomBytes(16).toString('base64url');

function parseConfirmSubject(subject: string): { subscriberId: string; nonce: string } {
  const dot = subject.indexOf('.');
  if (dot <= 0 || dot === subject.length - 1) throw invalidLink();
  return { subscriberId: subject.slice(0, dot), nonce: subject.slice(dot + 1) };
}

/** The token of the confirmation link for a pending sign-up (the one its latest email carries). */
export function confirmToken(deps: Pick<Platform, 'tokens'>, subscriber: Pick<Subscriber, 'id' | 'confirmationNonce'>, now: Date): string {
  if (!subscriber.confirmationNonce) throw new Error(`Subscriber ${subscriber.id} has no confirmation pending`);
  return deps.tokens.issue(confirmSubject(subscriber.id, subscriber.confirmationNonce), 'confirm', now);
}

async function sendConfirmation(deps: NewsletterDependencies, subscriber: Subscriber, now: Date): Promise<void> {
  const token = confirmToken(deps, subscriber, now);
  const link = `${deps.publicApiUrl}/newsletter/confirm?token=${encodeURIComponent(token)}`;
  await deps.mailer.send({
    to: subscriber.email,
    subject: 'Bekreft abonnementet på nyhetsbrevet fra Normen',
    blocks: [
      paragraph('Hei,'),
      paragraph(`Noen (forhåpentligvis du) har meldt denne adressen på nyhetsbrevet fra Normen om ${describeInterests(subscriber.interests)}.`),
      action('Bekreft ved å åpne lenken og trykke «Bekreft» innen sju dager:', 'Bekreft abonnementet', link),
      paragraph('Har du ikke bedt om dette, kan du se bort fra e-posten. Da får du ingenting fra oss.'),
    ],
  });
}

async function sendAlreadySubscribed(deps: NewsletterDependencies, subscriber: Subscriber, now: Date): Promise<void> {
  const links = manageLinks(deps, subscriber.id, now);
  await deps.mailer.send({
    to: subscriber.email,
    subject: 'Du abonnerer allerede på nyhetsbrevet fra Normen',
    blocks: [paragraph('Hei,'), paragraph('Denne adressen abonnerer allerede på nyhetsbrevet fra Normen.'), manageLinksBlock(links)],
  });
}

/**
 * Signs an address up with double opt-in. Whatever the address's state, the caller gets the same
 * answer, so the form never reveals who subscribes; the email tells the owner what happened.
 */
export async function subscribe(deps: NewsletterDependencies, request: SubscriptionRequest, clientAddress: string): Promise<void> {
  const now = deps.clock.now();
  await deps.rateLimiter.hit('subscriptions', clientAddress, subscriptionRateLimit, now);
  if (request.website) {
    logger.info('Discarded subscription caught by the honeypot', { clientAddress });
    return;
  }
  const existing = await deps.store.subscribers.findByEmail(request.email);
  if (existing?.status === 'suppressed') return; // bounced or complained: never mail it again
  if (existing?.status === 'confirmed') return sendAlreadySubscribed(deps, existing, now);

  const at = now.toISOString();
  // Every request for a confirmation gets its own nonce: the link sent before it stops working.
  const confirmationNonce = newNonce();
  if (existing) {
    // Pending or unsubscribed: take the new choice of interests and ask for confirmation again.
    const next: Subscriber = { ...existing, interests: request.interests, status: 'pending', confirmationNonce, revision: existing.revision + 1 };
    await deps.store.transact([deps.store.subscribers.update(next, existing.revision)]);
    return sendConfirmation(deps, next, now);
  }
  const subscriber: Subscriber = {
    id: randomUUID(),
    email: request.email,
    interests: request.interests,
    status: 'pending',
    createdAt: at,
    confirmedAt: null,
    unsubscribedAt: null,
    suppressedReason: null,
    softBounces: 0,
    confirmationNonce,
    revision: 1,
  };
  try {
    await deps.store.transact(deps.store.subscribers.insert(subscriber));
  } catch (error) {
    if (error instanceof ConflictError) return; // the same address signed up in the same instant
    throw error;
  }
  await sendConfirmation(deps, subscriber, now);
}

async function subscriberFromToken(deps: NewsletterDependencies, token: string, purpose: 'manage'): Promise<Subscriber> {
  const id = await deps.tokens.verify(token, purpose, deps.clock.now());
  const subscriber = await deps.store.subscribers.get(id);
  // A valid signature for a deleted subscriber: say no more than for a bad link.
  if (!subscriber) throw invalidLink();
  return subscriber;
}

async function save(deps: NewsletterDependencies, current: Subscriber, next: Subscriber): Promise<Subscriber> {
  await deps.store.transact([
    deps.store.subscribers.update(next, current.revision),
    ...deps.store.subscribers.membershipChanges(current, audiencesOf(current), audiencesOf(next)),
  ]);
  return next;
}

const usedLink = () =>
  ValidationError.field('token', 'Lenken er allerede brukt, eller det er sendt en nyere. Bruk lenken i den nyeste e-posten, eller meld deg på på nytt.');

/**
 * What a confirm link leads to, changing nothing (mail scanners open every link): `pending` when
 * the button may confirm, `confirmed` when it already has (a second click, or a signed-up address).
 * A link that was used or replaced, or a suppressed address, is refused.
 */
export async function confirmation(deps: NewsletterDependencies, token: string): Promise<{ subscriber: Subscriber; nonce: string }> {
  const { subscriberId, nonce } = parseConfirmSubject(await deps.tokens.verify(token, 'confirm', deps.clock.now()));
  const subscriber = await deps.store.subscribers.get(subscriberId);
  // A valid signature for a deleted subscriber: say no more than for a bad link.
  if (!subscriber) throw invalidLink();
  if (subscriber.status === 'confirmed') return { subscriber, nonce };
  if (subscriber.status !== 'pending' || subscriber.confirmationNonce !== nonce) throw usedLink();
  return { subscriber, nonce };
}

/**
 * The "Bekreft" button behind the confirmation link: only now does the address start receiving
 * newsletters. The write consumes the link's nonce, so the link confirms once: used again after an
 * unsubscribe, it is refused rather than signing the person up again.
 */
export async function confirm(deps: NewsletterDependencies, token: string): Promise<Subscriber> {
  const { subscriber, nonce } = await confirmation(deps, token);
  if (subscriber.status === 'confirmed') return subscriber; // a double click on the button
  const at = deps.clock.now().toISOString();
  const next: Subscriber = {
    ...subscriber,
    status: 'confirmed',
    confirmedAt: at,
    unsubscribedAt: null,
    confirmationNonce: undefined,
    revision: subscriber.revision + 1,
  };
  try {
    await deps.store.transact([
      deps.store.subscribers.consumeConfirmation(next, subscriber.revision, nonce),
      ...deps.store.subscribers.membershipChanges(subscriber, audiencesOf(subscriber), audiencesOf(next)),
    ]);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Two clicks at once, or a new sign-up in between: answer for whatever happened first.
    return (await confirmation(deps, token)).subscriber;
  }
  return next;
}

export async function preferences(deps: NewsletterDependencies, token: string): Promise<Subscriber> {
  return subscriberFromToken(deps, token, 'manage');
}

/** What saving the preferences did: new interests, or (for an address that had left) a return to the list. */
export interface PreferencesOutcome {
  kind: 'saved' | 'resubscribed';
  subscriber: Subscriber;
}

/**
 * Runs a read-decide-write until it commits: when another write to the subscriber came first (a
 * double press, a mail client's one-click beside the person's button), it reads again and decides
 * on what that write left. `attempt` counts from 1.
 */
async function afreshOnConflict<T>(work: (attempt: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt === 3) throw error;
    }
  }
}

/**
 * New interests. Saving from the link in one's own email also re-subscribes someone who had left:
 * the signed link proves the address is theirs, and the press of the button (a POST; opening the
 * link changes nothing) is the consent. A suppressed address stays suppressed, and a pending one
 * stays pending until its confirmation link is used.
 */
export async function updatePreferences(deps: NewsletterDependencies, token: string, update: PreferencesUpdate): Promise<PreferencesOutcome> {
  return afreshOnConflict(async () => {
    const subscriber = await subscriberFromToken(deps, token, 'manage');
    const next: Subscriber = { ...subscriber, interests: update.interests, revision: subscriber.revision + 1 };
    if (subscriber.status !== 'unsubscribed') return { kind: 'saved', subscriber: await save(deps, subscriber, next) };
    // A confirmation link still unused from before the unsubscribe stays dead.
    const rejoined: Subscriber = {
      ...next,
      status: 'confirmed',
      confirmedAt: deps.clock.now().toISOString(),
      unsubscribedAt: null,
      confirmationNonce: undefined,
    };
    return { kind: 'resubscribed', subscriber: await save(deps, subscriber, rejoined) };
  });
}

/** Where an unsubscribe left the address; `already` when it was not getting newsletters before. */
export interface UnsubscribeOutcome {
  subscriber: Subscriber;
  already: boolean;
}

/** Unsubscribed or suppressed: the address is sent no newsletter. */
export const receivesNothing = (subscriber: Pick<Subscriber, 'status'>) => subscriber.status === 'unsubscribed' || subscriber.status === 'suppressed';

/**
 * One-click unsubscribe (RFC 8058): immediate, idempotent, and the address is never sent to again.
 * Two posts at once (a mail client's one-click and the person's button) both succeed.
 */
export async function unsubscribe(deps: NewsletterDependencies, token: string): Promise<UnsubscribeOutcome> {
  return afreshOnConflict(async (attempt) => {
    const subscriber = await subscriberFromToken(deps, token, 'manage');
    // Left already when the link was used; on a later attempt, it was the other post that did it.
    if (receivesNothing(subscriber)) return { subscriber, already: attempt === 1 };
    const at = deps.clock.now().toISOString();
    return {
      subscriber: await save(deps, subscriber, { ...subscriber, status: 'unsubscribed', unsubscribedAt: at, revision: subscriber.revision + 1 }),
      already: false,
    };
  });
}
