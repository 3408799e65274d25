import { randomBytes } from 'node:crypto';
import {
  anonymiseDueAt,
  applyEdits,
  eventRuleIssues,
  offersFreedSeats,
  attendanceModes,
  eventStatuses,
  mailingAudiences,
  registrationStatuses,
  reminderDueAt,
  type EventInput,
  type EventMailing,
  type EventMessage,
  type EventStatus,
  type EventUpdate,
  type EventWithCounts,
  type NormenEvent,
  type ListedRegistration,
  type Registration,
  type RegistrationChange,
  type RegistrationPageQuery,
  type RegistrationQuery,
} from '../../content-model';
import { changedFields, sameRichText } from '../shared/audit/changes';
import { osloTimeColumn, toCsv } from '../shared/csv';
import { ConflictError, StaleRevisionError, NotFoundError, ValidationError } from '../shared/errors';
import type { Actor } from '../shared/actor';
import { timeOrderedId } from '../shared/ids';
import { sanitizeRichText } from '../shared/sanitize';
import type { Store } from '../store';
import { seatAttribute, type DueWork } from './event-repository';
import { announceDeparture, emailContext, emailParticipant, leave, offered, seatsMoved, untilCommitted, type EventDependencies } from './registration';
import { promotedEmail, seatConfirmedEmail, seatOfferedEmail } from './emails';
import { confirmHeldSeat, eventCounts, seatDelta, seatStandsFree, sum, takeFreeSeat } from './seats';
import type { Platform } from '../shared/platform';

const newId = () => randomBytes(3).toString('hex');

/** Sessions and questions keep their ids across edits; new ones get one. */
function withIds<T extends { id?: string | undefined }>(items: readonly T[]): (T & { id: string })[] {
  return items.map((item) => ({ ...item, id: item.id ?? newId() }));
}

/** When the jobs must act for an event: the reminder before it, the anonymisation after it. */
function dueTimes(event: Pick<NormenEvent, 'startsAt' | 'endsAt' | 'reminderHoursBefore' | 'retentionDays' | 'status'>): Partial<Record<DueWork, string>> {
  const retention = anonymiseDueAt(event);
  return event.status === 'cancelled' ? { retention } : { reminder: reminderDueAt(event), retention };
}

function rescheduleSteps(store: Store, before: NormenEvent | null, after: NormenEvent) {
  const was = before ? dueTimes(before) : {};
  const now = dueTimes(after);
  return (['reminder', 'retention'] as const).flatMap((work) => {
    if (was[work] === now[work]) return [];
    return [
      ...(was[work] ? [store.events.unscheduleDue(work, was[work], after.id)] : []),
      ...(now[work] ? [store.events.scheduleDue(work, now[work], after.id)] : []),
    ];
  });
}

async function withCounts(store: Store, event: NormenEvent): Promise<EventWithCounts> {
  return { ...event, counts: eventCounts(event, await store.events.seats(event.id)) };
}

export async function listEvents({ store }: Pick<Platform, 'store'>): Promise<EventWithCounts[]> {
  const events = (await store.events.list()).reverse();
  return Promise.all(events.map((event) => withCounts(store, event)));
}

async function requireEvent(store: Store, id: string): Promise<NormenEvent> {
  const event = await store.events.get(id);
  if (!event) throw new NotFoundError('Arrangementet finnes ikke');
  return event;
}

export async function getEvent({ store }: Pick<Platform, 'store'>, id: string): Promise<EventWithCounts> {
  return withCounts(store, await requireEvent(store, id));
}

export async function createEvent({ store, clock }: Pick<Platform, 'store' | 'clock'>, actor: Actor, input: EventInput): Promise<EventWithCounts> {
  const at = clock.now().toISOString();
  const event: NormenEvent = {
    ...input,
    description: sanitizeRichText(input.description),
    sessions: withIds(input.sessions),
    questions: withIds(input.questions),
    id: timeOrderedId(clock.now()),
    status: 'draft',
    sequence: 0,
    createdAt: at,
    createdBy: actor.username,
    lastChangedAt: at,
    lastChangedBy: actor.username,
    revision: 1,
    anonymisedAt: null,
  };
  await store.transact([
    ...store.events.insert(event),
    ...rescheduleSteps(store, null, event),
    store.audit.insert({ entityType: 'event', entityId: event.id, at, by: actor.username, action: 'created', changes: [], revision: 1 }),
  ]);
  return withCounts(store, event);
}

const allowedStatusChanges: Record<EventStatus, readonly EventStatus[]> = {
  draft: ['draft', 'open', 'cancelled'],
  open: ['open', 'closed', 'cancelled'],
  closed: ['closed', 'open', 'cancelled'],
  cancelled: ['cancelled'],
};

/** What an edit may not do to people already registered; `next` is the event as it would be stored. */
async function checkEdit(store: Store, before: NormenEvent, next: Pick<EventInput, 'attendance' | 'sessions'> & { status: EventStatus }): Promise<void> {
  if (!allowedStatusChanges[before.status].includes(next.status)) {
    throw ValidationError.field('status', `Kan ikke gå fra «${eventStatuses.labels[before.status]}» til «${eventStatuses.labels[next.status]}»`);
  }
  const seats = await store.events.seats(before.id);
  for (const option of before.attendance) {
    const counts = seats.modes[option.mode];
    if (!next.attendance.some((kept) => kept.mode === option.mode) && counts && counts.confirmed + counts.held + counts.waitlisted > 0) {
      throw ValidationError.field('attendance', `${attendanceModes.labels[option.mode]} har påmeldte og kan ikke fjernes`);
    }
  }
  next.sessions.forEach((session, index) => {
    if (session.id && !before.sessions.some((existing) => existing.id === session.id)) throw ValidationError.field(`sessions.${index}.id`, 'Ukjent økt');
  });
  for (const session of before.sessions) {
    if (!next.sessions.some((kept) => kept.id === session.id) && (seats.sessions[session.id] ?? 0) + (seats.sessionsHeld[session.id] ?? 0) > 0) {
      throw ValidationError.field('sessions', `«${session.title}» har påmeldte og kan ikke fjernes`);
    }
  }
}

/** A change participants must hear about: a new time or place (with a new calendar entry), or cancellation. */
function noticeFor(before: NormenEvent, after: NormenEvent): 'changed' | 'cancelled' | null {
  if (before.status === 'draft') return null;
  if (after.status === 'cancelled' && before.status !== 'cancelled') return 'cancelled';
  if (after.status === 'cancelled') return null;
  const moved = before.startsAt !== after.startsAt || before.endsAt !== after.endsAt || before.venue !== after.venue;
  return moved ? 'changed' : null;
}

export function newMailing(event: NormenEvent, kind: EventMailing['kind'], by: string, at: string, message?: EventMessage): EventMailing {
  const audience = kind === 'reminder' ? 'confirmed' : kind === 'message' ? (message?.audience ?? 'confirmed') : 'all';
  return {
    id: kind === 'reminder' ? `reminder-${event.startsAt}` : timeOrderedId(new Date(at)),
    eventId: event.id,
    kind,
    subject: message?.subject ?? '',
    body: message?.body ?? '',
    audience,
    status: 'pending',
    createdAt: at,
    createdBy: by,
    sent: 0,
    finishedAt: null,
  };
}

export async function updateEvent(deps: EventDependencies, actor: Actor, id: string, update: EventUpdate): Promise<EventWithCounts> {
  const { store, clock } = deps;
  const before = await requireEvent(store, id);
  if (before.revision !== update.expectedRevision) throw new StaleRevisionError('Arrangementet');
  const { expectedRevision, ...edits } = update;
  // Only what the request carries changes; the rules across fields hold for the event as it would be stored.
  const merged = applyEdits(before, edits);
  const issues = eventRuleIssues(merged);
  if (issues.length > 0)
    throw new ValidationError(
      'Arrangementet bryter reglene',
      issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  await checkEdit(store, before, merged);
  const at = clock.now().toISOString();
  const description = edits.description === undefined ? before.description : sanitizeRichText(edits.description);
  const draft: NormenEvent = {
    ...merged,
    // The same text as the editor re-serialised it is kept as stored.
    description: sameRichText(description, before.description) ? before.description : description,
    sessions: withIds(merged.sessions),
    questions: withIds(merged.questions),
    lastChangedAt: at,
    lastChangedBy: actor.username,
    revision: before.revision + 1,
  };
  const notice = noticeFor(before, draft);
  const after: NormenEvent = { ...draft, sequence: notice ? before.sequence + 1 : before.sequence };
  const changes = changedFields(before, after, Object.keys(edits) as (keyof NormenEvent)[]);
  // A save that changes nothing writes nothing: no new revision, no history entry, no emails.
  if (changes.length === 0) return withCounts(store, before);
  await store.transact([
    store.events.update(after, expectedRevision),
    ...rescheduleSteps(store, before, after),
    ...(notice ? store.mailings.insert(newMailing(after, notice, actor.username, at)) : []),
    store.audit.insert({
      entityType: 'event',
      entityId: id,
      at,
      by: actor.username,
      action: notice === 'cancelled' ? 'cancelled' : 'updated',
      changes,
      revision: after.revision,
    }),
  ]);
  // More seats (or an opened event) may let people in from the waitlist.
  for (const option of after.attendance) await fillFreeSeats(deps, after.id, option.mode);
  return withCounts(store, after);
}

/** Offers free seats to the waitlist in order (each held until confirmed), one consistent step at a time. */
export async function fillFreeSeats(deps: EventDependencies, eventId: string, mode: Registration['mode']): Promise<Registration[]> {
  const promoted: Registration[] = [];
  for (;;) {
    const next = await untilCommitted(async () => {
      const event = await requireEvent(deps.store, eventId);
      if (!offersFreedSeats(event, deps.clock.now())) return null;
      const seats = await deps.store.events.seats(eventId);
      if (!seatStandsFree(event, seats, mode)) return null;
      const [headId] = await deps.store.registrations.waitlistHead(eventId, mode);
      const waiting = headId ? await deps.store.registrations.get(eventId, headId) : null;
      if (waiting?.status !== 'waitlisted' || !waiting.waitlistKey) return null;
      const { change, keptSessions } = takeFreeSeat(event, seats, waiting);
      const held = offered(event, waiting, keptSessions, deps.clock.now());
      await deps.store.transact([
        deps.store.events.changeSeats(eventId, change, seatsMoved),
        deps.store.registrations.transition(held, waiting, seatsMoved),
        deps.store.registrations.leaveWaitlist(waiting, waiting.waitlistKey),
        deps.store.registrations.scheduleHoldExpiry(held),
      ]);
      return { event, held };
    });
    if (!next) return promoted;
    promoted.push(next.held);
    await emailParticipant(deps, next.held, seatOfferedEmail(emailContext(deps, next.event, next.held, deps.clock.now())));
  }
}

function matches(registration: Registration, query: RegistrationQuery): boolean {
  if (query.status && registration.status !== query.status) return false;
  if (query.mode && registration.mode !== query.mode) return false;
  if (query.session && !registration.sessions.includes(query.session)) return false;
  if (query.q) {
    const needle = query.q.toLowerCase();
    if (![registration.name, registration.email, registration.organisation].some((value) => value.toLowerCase().includes(needle))) return false;
  }
  return true;
}

export async function listRegistrations({ store }: Pick<Platform, 'store'>, eventId: string, query: RegistrationQuery) {
  const event = await requireEvent(store, eventId);
  const [registrations, seats] = await Promise.all([store.registrations.list(eventId), store.events.seats(eventId)]);
  return { event, items: registrations.filter((registration) => matches(registration, query)), counts: eventCounts(event, seats) };
}

/**
 * The same list a page at a time, in registration order, with the event's counts and each waitlisted
 * registration's place in line (GET /admin/events/{id}/registrations). The place is read from the
 * waitlist markers that promotion takes the head of, so "1" is the one offered the next free seat,
 * also for someone moved to the waitlist by hand (who joins at the back).
 */
export async function registrationPage({ store }: Pick<Platform, 'store'>, eventId: string, query: RegistrationPageQuery) {
  const event = await requireEvent(store, eventId);
  const [page, seats, lines] = await Promise.all([
    store.registrations.page(eventId, query, (registration) => matches(registration, query)),
    store.events.seats(eventId),
    Promise.all(event.attendance.map(({ mode }) => store.registrations.waitlist(eventId, mode))),
  ]);
  const positions = new Map(lines.flatMap((line) => line.map((registrationId, index) => [registrationId, index + 1] as const)));
  const items: ListedRegistration[] = page.items.map((registration) => ({
    ...registration,
    waitlistPosition: registration.status === 'waitlisted' ? (positions.get(registration.id) ?? null) : null,
  }));
  return { ...page, items, counts: eventCounts(event, seats) };
}

export async function registrationsCsv(deps: Pick<Platform, 'store'>, eventId: string, query: RegistrationQuery): Promise<string> {
  const { event, items } = await listRegistrations(deps, eventId, query);
  const sessionTitle = (id: string) => event.sessions.find((session) => session.id === id)?.title ?? id;
  return toCsv(items, [
    osloTimeColumn('Registrert', (registration) => registration.registeredAt),
    ['Navn', (registration) => registration.name],
    ['E-post', (registration) => registration.email],
    ['Virksomhet', (registration) => registration.organisation],
    ['Deltakelse', (registration) => attendanceModes.labels[registration.mode]],
    ['Status', (registration) => registrationStatuses.labels[registration.status]],
    osloTimeColumn('Holdt til', (registration) => (registration.status === 'held' ? registration.heldUntil : null)),
    ['Økter', (registration) => registration.sessions.map(sessionTitle).join(', ')],
    ...event.questions.map((question): [string, (registration: Registration) => string] => [
      question.label,
      (registration) => registration.answers[question.id] ?? '',
    ]),
    osloTimeColumn('Sjekket inn', (registration) => registration.checkedInAt),
  ]);
}

const conflictNow = () => new ConflictError('Påmeldingen ble endret samtidig. Last inn på nytt.');

/** Editors check people in and move them between the waitlist and a seat by hand (which may overbook). */
export async function changeRegistration(
  deps: EventDependencies,
  actor: Actor,
  eventId: string,
  registrationId: string,
  change: RegistrationChange,
): Promise<Registration> {
  const { store, clock } = deps;
  const audit = (registration: Registration, action: string, note: string) =>
    store.audit.insert({
      entityType: 'event',
      entityId: eventId,
      at: clock.now().toISOString(),
      by: actor.username,
      action,
      changes: [registration.id],
      revision: 1,
      note,
    });
  let current = await store.registrations.get(eventId, registrationId);
  if (!current) throw new NotFoundError('Påmeldingen finnes ikke');

  if (change.status && change.status !== current.status) {
    const from = current.status;
    const to = change.status;
    if (to === 'cancelled') {
      const leaving = current;
      const departure = await leave(deps, eventId, registrationId, () => [
        audit(leaving, 'registration-cancelled', `${registrationStatuses.labels[from]} → Avmeldt`),
      ]);
      if (departure.changed) await announceDeparture(deps, departure, clock.now());
      current = departure.registration;
    } else if (from === 'cancelled' || from === 'expired') {
      throw ValidationError.field(
        'status',
        `En påmelding som er «${registrationStatuses.labels[from]}» kan ikke gjenopprettes; personen kan melde seg på igjen`,
      );
    } else if (to === 'held' || to === 'expired') {
      // Holds are given and ended by the seat rules only; an editor confirms, waitlists or cancels.
      throw ValidationError.field('status', `«${registrationStatuses.labels[to]}» kan ikke settes for hånd; velg påmeldt, venteliste eller avmeldt`);
    } else {
      current = await moveByHand(deps, current, to, audit);
    }
  }
  if (change.checkedIn !== undefined && change.checkedIn !== (current.checkedInAt !== null)) {
    if (current.status !== 'confirmed') throw ValidationError.field('checkedIn', 'Bare påmeldte kan sjekkes inn');
    const at = clock.now().toISOString();
    const next: Registration = { ...current, checkedInAt: change.checkedIn ? at : null };
    await store.transact([
      store.registrations.transition(next, current, conflictNow),
      store.events.changeSeats(eventId, { add: { [seatAttribute.checkedIn(current.mode)]: change.checkedIn ? 1 : -1 }, conditions: [] }, conflictNow),
      audit(current, change.checkedIn ? 'checked-in' : 'check-in-undone', current.name),
    ]);
    current = next;
  }
  return current;
}

async function moveByHand(
  deps: EventDependencies,
  registration: Registration,
  to: 'confirmed' | 'waitlisted',
  audit: (registration: Registration, action: string, note: string) => ReturnType<Store['audit']['insert']>,
): Promise<Registration> {
  const { store, clock } = deps;
  const now = clock.now();
  const at = now.toISOString();
  const { mode, sessions } = registration;
  const wasHeld = registration.status === 'held';
  const fromLabel = registrationStatuses.labels[registration.status];
  if (to === 'confirmed') {
    const next: Registration = { ...registration, status: 'confirmed', confirmedAt: at, waitlistKey: null };
    const add = wasHeld ? confirmHeldSeat(registration).add : sum(seatDelta(mode, sessions, false, 1), { [seatAttribute.waitlisted(mode)]: -1 });
    await store.transact([
      store.registrations.transition(next, registration, conflictNow),
      ...(registration.waitlistKey ? [store.registrations.leaveWaitlist(registration, registration.waitlistKey)] : []),
      ...(wasHeld ? store.registrations.unscheduleHoldExpiry(registration) : []),
      store.events.changeSeats(registration.eventId, { add, conditions: [] }, conflictNow),
      audit(registration, 'registration-confirmed', `${fromLabel} → Påmeldt (manuelt)`),
    ]);
    const event = await store.events.get(registration.eventId);
    const email = wasHeld ? seatConfirmedEmail : promotedEmail;
    if (event) await emailParticipant(deps, next, email(emailContext(deps, event, next, now)));
    return next;
  }
  // Moved to the waitlist by hand: at the back of the line, and the seat is not handed on automatically.
  const key = timeOrderedId(now);
  const next: Registration = { ...registration, status: 'waitlisted', confirmedAt: null, checkedInAt: null, waitlistKey: key };
  await store.transact([
    store.registrations.transition(next, registration, conflictNow),
    store.registrations.joinWaitlist(registration, key),
    ...(wasHeld ? store.registrations.unscheduleHoldExpiry(registration) : []),
    store.events.changeSeats(
      registration.eventId,
      {
        add: sum(
          seatDelta(mode, sessions, wasHeld, -1),
          { [seatAttribute.waitlisted(mode)]: 1 },
          registration.checkedInAt ? { [seatAttribute.checkedIn(mode)]: -1 } : {},
        ),
        conditions: [],
      },
      conflictNow,
    ),
    audit(registration, 'registration-waitlisted', `${fromLabel} → Venteliste (manuelt)`),
  ]);
  return next;
}

export async function listMailings({ store }: Pick<Platform, 'store'>, eventId: string) {
  await requireEvent(store, eventId);
  return { items: await store.mailings.list(eventId) };
}

/** An email to the event's participants, queued for the notification job (once per person). */
export async function sendMessage(
  { store, clock }: Pick<Platform, 'store' | 'clock'>,
  actor: Actor,
  eventId: string,
  message: EventMessage,
): Promise<EventMailing> {
  const event = await requireEvent(store, eventId);
  if (event.status === 'draft') throw ValidationError.field('audience', 'Arrangementet er et utkast og har ingen deltakere');
  const at = clock.now().toISOString();
  const mailing = newMailing(event, 'message', actor.username, at, message);
  await store.transact([
    ...store.mailings.insert(mailing),
    store.audit.insert({
      entityType: 'event',
      entityId: eventId,
      at,
      by: actor.username,
      action: 'message-queued',
      changes: [],
      revision: 1,
      note: `${message.subject} (${mailingAudiences.labels[mailing.audience]})`,
    }),
  ]);
  return mailing;
}
