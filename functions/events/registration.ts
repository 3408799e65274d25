import { setTimeout as sleep } from 'node:timers/promises';
import {
  attendanceModes,
  formatOsloDateTime,
  holdEndsAt,
  holdIsOpen,
  type NormenEvent,
  type Registration,
  type RegistrationRequest,
} from '../../content-model';
import type { TransactionStep } from '../shared/db/client';
import { ConflictError, NotFoundError, TransactionConflictError, ValidationError, type FieldError } from '../shared/errors';
import { timeOrderedId } from '../shared/ids';
import { invalidLink } from '../shared/link-tokens';
import { keepForRetry } from '../jobs/email-retries';
import { logger } from '../shared/logger';
import { composeEmail } from '../shared/email/compose';
import type { RateLimit } from '../shared/rate-limit';
import type { Store } from '../store';
import {
  alreadyRegisteredEmail,
  cancelledRegistrationEmail,
  holdExpiredEmail,
  seatConfirmedEmail,
  seatOfferedEmail,
  registeredEmail,
  type EventEmail,
} from './emails';
import { seatAttribute } from './event-repository';
import { AlreadyRegisteredError } from './registration-repository';
import { confirmHeldSeat, decideSeat, handOverSeat, promotes } from './seats';
import type { Platform } from '../shared/platform';

/** Store, clock, mailer, link signer, public API URL and sender. */
export type EventDependencies = Pick<Platform, 'store' | 'clock' | 'mailer' | 'tokens' | 'publicApiUrl' | 'from'>;

export type RegistrationDependencies = EventDependencies & Pick<Platform, 'rateLimiter'>;

/** Per client address: colleagues behind one office network may register together. */
export const registrationRateLimit: RateLimit = { limit: 20, windowSeconds: 600 };

/** The counters or the event moved between reading and writing: decide again. */
class SeatsMoved extends ConflictError {}
export const seatsMoved = () => new SeatsMoved('Plassene ble endret samtidig');

/**
 * Runs a read-decide-write step until it commits. Concurrent registrations for one event all touch
 * its seat counters, so transactions collide; each retry reads afresh, after a jittered backoff.
 */
export async function untilCommitted<T>(step: () => Promise<T>, attempts = 40): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const retryable = error instanceof SeatsMoved || error instanceof TransactionConflictError;
      if (!retryable || attempt >= attempts) throw error;
      await sleep(Math.random() * Math.min(400, 5 * 2 ** Math.min(attempt, 7)));
    }
  }
}

export function cancelUrl(deps: Pick<Platform, 'tokens' | 'publicApiUrl'>, registration: Pick<Registration, 'eventId' | 'id'>, now: Date): string {
  const token = deps.tokens.issue(`${registration.eventId}:${registration.id}`, 'registration', now);
  return `${deps.publicApiUrl}/events/registrations/cancel?token=${encodeURIComponent(token)}`;
}

/**
 * The participant's link to the «Bekreft plassen» page. It carries the same signed registration
 * token as the cancel link: the token is the participant's key to their own registration, and the
 * page only shows a button; the POST from it confirms.
 */
export function confirmUrl(deps: Pick<Platform, 'tokens' | 'publicApiUrl'>, registration: Pick<Registration, 'eventId' | 'id'>, now: Date): string {
  const token = deps.tokens.issue(`${registration.eventId}:${registration.id}`, 'registration', now);
  return `${deps.publicApiUrl}/events/registrations/confirm?token=${encodeURIComponent(token)}`;
}

/**
 * Sends one email to a participant; a failed send never undoes what was stored. Unless the caller
 * retries itself (the mailing job releases the recipient), the email is kept for the
 * event-notifications job to send again.
 */
export async function emailParticipant(
  deps: EventDependencies,
  registration: Registration,
  email: EventEmail,
  onFailure: 'keep-for-retry' | 'caller-retries' = 'keep-for-retry',
): Promise<boolean> {
  const raw = await composeEmail(deps.from, { to: registration.email, ...email });
  try {
    await deps.mailer.sendRaw(raw);
    return true;
  } catch (error) {
    logger.error('Could not email a participant', { error, eventId: registration.eventId, registrationId: registration.id });
    if (onFailure === 'keep-for-retry') {
      const about = { eventId: registration.eventId, registrationId: registration.id };
      await keepForRetry(deps, 'event-notifications', { to: registration.email, subject: email.subject, raw, about }, error);
    }
    return false;
  }
}

/** Why registration is not possible right now, in words for the participant; null when it is. */
export function registrationClosedReason(event: NormenEvent, now: Date): string | null {
  const at = now.toISOString();
  if (event.status === 'cancelled') return 'Arrangementet er avlyst.';
  if (event.status === 'closed') return 'Påmeldingen er stengt.';
  if (event.status !== 'open') return 'Påmeldingen er ikke åpnet.';
  if (event.registrationOpensAt && at < event.registrationOpensAt) return `Påmeldingen åpner ${formatOsloDateTime(event.registrationOpensAt)}.`;
  if (at >= (event.registrationClosesAt ?? event.startsAt)) return 'Påmeldingsfristen er ute.';
  return null;
}

/** The request checked against this event: mode offered, sessions in the program, answers to its questions. */
export function checkAgainstEvent(event: NormenEvent, request: RegistrationRequest): FieldError[] {
  const errors: FieldError[] = [];
  if (!event.attendance.some((option) => option.mode === request.mode)) {
    errors.push({ path: 'mode', message: `${attendanceModes.labels[request.mode]} tilbys ikke for dette arrangementet` });
  }
  const unknownSessions = request.sessions.filter((id) => !event.sessions.some((session) => session.id === id));
  if (unknownSessions.length) errors.push({ path: 'sessions', message: `Ukjent økt: ${unknownSessions.join(', ')}` });
  if (new Set(request.sessions).size !== request.sessions.length) errors.push({ path: 'sessions', message: 'Samme økt er valgt to ganger' });
  for (const question of event.questions) {
    if (question.required && !request.answers[question.id]) errors.push({ path: `answers.${question.id}`, message: `«${question.label}» må fylles ut` });
  }
  for (const id of Object.keys(request.answers)) {
    if (!event.questions.some((question) => question.id === id)) errors.push({ path: `answers.${id}`, message: 'Ukjent spørsmål' });
  }
  return errors;
}

/** A published (not draft) event, or 404. */
export async function visibleEvent(store: Store, eventId: string): Promise<NormenEvent> {
  const event = await store.events.get(eventId);
  if (!event || event.status === 'draft') throw new NotFoundError('Arrangementet finnes ikke');
  return event;
}

export type RegistrationOutcome =
  | { kind: 'registered'; registration: Registration; event: NormenEvent }
  | { kind: 'already-registered'; event: NormenEvent }
  | { kind: 'discarded' };

/**
 * Registers for an event: a seat if one is free (held until confirmed when seats are limited), the
 * waitlist otherwise, decided in one transaction with the counters, the one-per-address claim, the
 * waitlist marker and the hold's place in the expiry queue. The caller learns nothing
 * about whether the address was registered before: the owner of the address gets an email instead.
 */
export async function register(
  deps: RegistrationDependencies,
  eventId: string,
  request: RegistrationRequest,
  clientAddress: string,
): Promise<RegistrationOutcome> {
  const now = deps.clock.now();
  await deps.rateLimiter.hit('registrations', clientAddress, registrationRateLimit, now);
  if (request.website) {
    logger.info('Discarded registration caught by the honeypot', { clientAddress, eventId });
    return { kind: 'discarded' };
  }
  const id = timeOrderedId(now);
  const outcome = await untilCommitted(async (): Promise<RegistrationOutcome> => {
    const event = await visibleEvent(deps.store, eventId);
    const closed = registrationClosedReason(event, now);
    if (closed) throw new ConflictError(closed);
    const errors = checkAgainstEvent(event, request);
    if (errors.length) throw new ValidationError(`Ugyldig påmelding: ${errors.map((error) => error.path).join(', ')}`, errors);
    const existing = await deps.store.registrations.findByEmail(eventId, request.email);
    if (existing) return { kind: 'already-registered', event };
    const seats = await deps.store.events.seats(eventId);
    const { status, change } = decideSeat(event, seats, request.mode, request.sessions);
    const { website: _honeypot, ...fields } = request;
    const registration: Registration = {
      ...fields,
      id,
      eventId,
      status,
      registeredAt: now.toISOString(),
      confirmedAt: status === 'confirmed' ? now.toISOString() : null,
      heldUntil: status === 'held' ? holdEndsAt(event, now) : null,
      cancelledAt: null,
      checkedInAt: null,
      anonymisedAt: null,
      waitlistKey: status === 'waitlisted' ? id : null,
    };
    try {
      await deps.store.transact([
        deps.store.events.checkUnchanged(event, seatsMoved),
        deps.store.events.changeSeats(eventId, change, seatsMoved),
        ...deps.store.registrations.insert(registration),
      ]);
    } catch (error) {
      if (error instanceof AlreadyRegisteredError) return { kind: 'already-registered', event };
      throw error;
    }
    return { kind: 'registered', registration, event };
  });
  if (outcome.kind === 'registered') {
    await emailParticipant(deps, outcome.registration, registeredEmail(emailContext(deps, outcome.event, outcome.registration, now)));
  } else if (outcome.kind === 'already-registered') {
    const existing = await deps.store.registrations.findByEmail(eventId, request.email);
    if (existing) await emailParticipant(deps, existing, alreadyRegisteredEmail(emailContext(deps, outcome.event, existing, now)));
  }
  return outcome;
}

export function emailContext(deps: Pick<Platform, 'tokens' | 'publicApiUrl'>, event: NormenEvent, registration: Registration, now: Date) {
  return {
    event,
    registration,
    cancelUrl: cancelUrl(deps, registration, now),
    confirmUrl: confirmUrl(deps, registration, now),
    registrationUrl: `${deps.publicApiUrl}/events/${event.id}/registrations`,
    now,
  };
}

export interface Departure {
  registration: Registration;
  /** The first in line, now holding the freed seat until they confirm it. */
  promoted: Registration | null;
}

/** How a registration ends: the participant cancels, or a hold runs out unconfirmed. */
type Ending = 'cancelled' | 'expired';

/**
 * Ends a registration. A seat (held or confirmed) goes to the first in line for the same mode in the
 * same transaction, as a hold they must confirm, so the waitlist never waits while a seat stands
 * empty. Ending twice is harmless: the second finds nothing to do. An expiry only happens to a hold
 * whose time is up, so a stale or repeated job run changes nothing.
 */
async function endRegistration(
  deps: Pick<Platform, 'store' | 'clock'>,
  eventId: string,
  registrationId: string,
  ending: Ending,
  extraSteps: () => TransactionStep[] = () => [],
): Promise<Departure & { changed: boolean }> {
  return untilCommitted(async () => {
    const now = deps.clock.now();
    const at = now.toISOString();
    const registration = await deps.store.registrations.get(eventId, registrationId);
    if (!registration) throw new NotFoundError('Påmeldingen finnes ikke');
    if (registration.status === 'cancelled' || registration.status === 'expired') return { registration, promoted: null, changed: false };
    if (ending === 'expired' && (registration.status !== 'held' || holdIsOpen(registration, now))) return { registration, promoted: null, changed: false };
    const event = await deps.store.events.get(eventId);
    if (!event) throw new NotFoundError('Arrangementet finnes ikke');
    const ended: Registration = { ...registration, status: ending, cancelledAt: ending === 'cancelled' ? at : registration.cancelledAt, waitlistKey: null };
    const { store } = deps;
    const common = [
      store.registrations.transition(ended, registration, seatsMoved),
      store.registrations.releaseEmail(registration),
      ...(registration.status === 'held' ? store.registrations.unscheduleHoldExpiry(registration) : []),
      ...extraSteps(),
    ];
    if (registration.status === 'waitlisted') {
      await store.transact([
        ...common,
        ...(registration.waitlistKey ? [store.registrations.leaveWaitlist(registration, registration.waitlistKey)] : []),
        store.events.changeSeats(eventId, { add: { [seatAttribute.waitlisted(registration.mode)]: -1 }, conditions: [] }, seatsMoved),
      ]);
      return { registration: ended, promoted: null, changed: true };
    }
    const seats = await store.events.seats(eventId);
    const nextId = promotes(event, seats, registration.mode, now) ? (await store.registrations.waitlistHead(eventId, registration.mode))[0] : undefined;
    const next = nextId ? await store.registrations.get(eventId, nextId) : null;
    const waiting = next?.status === 'waitlisted' && next.waitlistKey ? next : null;
    const { change, keptSessions } = handOverSeat(event, seats, registration, waiting);
    const promoted: Registration | null = waiting ? offered(event, waiting, keptSessions, now) : null;
    await store.transact([
      ...common,
      store.events.changeSeats(eventId, change, seatsMoved),
      ...(waiting && promoted && waiting.waitlistKey
        ? [
            store.registrations.transition(promoted, waiting, seatsMoved),
            store.registrations.leaveWaitlist(waiting, waiting.waitlistKey),
            store.registrations.scheduleHoldExpiry(promoted),
          ]
        : []),
    ]);
    return { registration: ended, promoted, changed: true };
  });
}

/** The first in line as they are once offered a seat: it is held for them until they confirm it. */
export function offered(event: NormenEvent, waiting: Registration, sessions: string[], now: Date): Registration {
  return { ...waiting, status: 'held', heldUntil: holdEndsAt(event, now), waitlistKey: null, sessions };
}

/** Cancels a registration; its seat is offered to the first in line. */
export function leave(
  deps: Pick<Platform, 'store' | 'clock'>,
  eventId: string,
  registrationId: string,
  extraSteps: () => TransactionStep[] = () => [],
): Promise<Departure & { changed: boolean }> {
  return endRegistration(deps, eventId, registrationId, 'cancelled', extraSteps);
}

/** Lets a hold whose time is up expire; its seat is offered to the first in line. Nothing happens otherwise. */
export function expireHold(deps: Pick<Platform, 'store' | 'clock'>, eventId: string, registrationId: string): Promise<Departure & { changed: boolean }> {
  return endRegistration(deps, eventId, registrationId, 'expired');
}

/** Tells the leaver (a receipt, or that the hold ran out) and the one offered the seat; false if an email failed. */
export async function announceDeparture(deps: EventDependencies, departure: Departure, now: Date): Promise<boolean> {
  const event = await deps.store.events.get(departure.registration.eventId);
  if (!event) return true;
  const context = emailContext(deps, event, departure.registration, now);
  const expired = departure.registration.status === 'expired';
  // Everyone of a cancelled event has already been told so; an expired hold there needs no word.
  const told =
    expired && event.status === 'cancelled'
      ? true
      : await emailParticipant(deps, departure.registration, expired ? holdExpiredEmail(context) : cancelledRegistrationEmail(context));
  const offer = departure.promoted
    ? await emailParticipant(deps, departure.promoted, seatOfferedEmail(emailContext(deps, event, departure.promoted, now)))
    : true;
  return told && offer;
}

export type ConfirmOutcome =
  | { kind: 'confirmed' | 'already-confirmed'; event: NormenEvent; registration: Registration }
  /** The hold ran out (or was handed on) before the button was pressed. */
  | { kind: 'expired'; event: NormenEvent; registration: Registration }
  | { kind: 'not-held'; event: NormenEvent; registration: Registration };

/** What pressing «Bekreft plassen» would do now, without doing it: the GET page shows this. */
export function confirmationState(event: Pick<NormenEvent, 'status'>, registration: Registration, now: Date): ConfirmOutcome['kind'] | 'can-confirm' {
  if (registration.status === 'confirmed') return 'already-confirmed';
  if (event.status === 'cancelled') return 'not-held';
  if (holdIsOpen(registration, now)) return 'can-confirm';
  if (registration.status === 'held' || registration.status === 'expired') return 'expired';
  return 'not-held';
}

/**
 * The POST from the «Bekreft plassen» button: a held seat becomes confirmed if its time is not up,
 * in one transaction with the counters and the expiry queue, conditional on the hold still standing
 * (so a confirmation and an expiry racing each other cannot both win). Confirming twice is harmless.
 */
export async function confirmByLink(deps: EventDependencies, token: string): Promise<ConfirmOutcome> {
  const { event } = await registrationFromLink(deps, token);
  const outcome = await untilCommitted(async (): Promise<ConfirmOutcome> => {
    const { event: current, registration } = await registrationFromLink(deps, token);
    const now = deps.clock.now();
    const state = confirmationState(current, registration, now);
    if (state !== 'can-confirm') return { kind: state, event, registration };
    const confirmed: Registration = { ...registration, status: 'confirmed', confirmedAt: now.toISOString() };
    await deps.store.transact([
      deps.store.registrations.transition(confirmed, registration, seatsMoved),
      deps.store.events.changeSeats(event.id, confirmHeldSeat(registration), seatsMoved),
      ...deps.store.registrations.unscheduleHoldExpiry(registration),
    ]);
    return { kind: 'confirmed', event, registration: confirmed };
  });
  if (outcome.kind === 'confirmed')
    await emailParticipant(deps, outcome.registration, seatConfirmedEmail(emailContext(deps, outcome.event, outcome.registration, deps.clock.now())));
  return outcome;
}

/** The registration a cancel link names; a 400 naming `token` for a forged or broken link. */
export async function registrationFromLink(
  deps: Pick<Platform, 'store' | 'tokens' | 'clock'>,
  token: string,
): Promise<{ event: NormenEvent; registration: Registration }> {
  const subject = await deps.tokens.verify(token, 'registration', deps.clock.now());
  const [eventId, registrationId] = subject.split(':');
  if (!eventId || !registrationId) throw invalidLink();
  const [event, registration] = await Promise.all([deps.store.events.get(eventId), deps.store.registrations.get(eventId, registrationId)]);
  if (!event || !registration) throw new NotFoundError('Påmeldingen finnes ikke lenger');
  return { event, registration };
}

/** Cancel by link: frees the seat, promotes the next in line, and tells both. */
export async function cancelByLink(
  deps: EventDependencies,
  token: string,
): Promise<{ event: NormenEvent; registration: Registration; alreadyCancelled: boolean }> {
  const { event, registration } = await registrationFromLink(deps, token);
  const departure = await leave(deps, event.id, registration.id);
  if (departure.changed) await announceDeparture(deps, departure, deps.clock.now());
  return { event, registration: departure.registration, alreadyCancelled: !departure.changed };
}
