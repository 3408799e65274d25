import { anonymiseDueAt, eventMailingKinds, formatNumber, type EventMailing, type JobEffects, type NormenEvent, type Registration } from '../../content-model';
import { resendKeptEmails } from '../jobs/email-retries';
import type { JobOutcome } from '../jobs/runner';
import { ConflictError, NotFoundError } from '../shared/errors';
import { logger } from '../shared/logger';
import { eventCancelledEmail, eventChangedEmail, participantMessageEmail, reminderEmail, type EventEmail } from './emails';
import { newMailing } from './events-admin';
import { announceDeparture, emailContext, emailParticipant, expireHold, type EventDependencies } from './registration';
import type { Platform } from '../shared/platform';

/** Who a mailing goes to: reminders only to those with a seat; news of a change to everyone in line too. */
function recipients(mailing: EventMailing, registrations: Registration[]): Registration[] {
  return registrations.filter((registration) => {
    if (registration.status === 'cancelled' || registration.status === 'expired' || registration.anonymisedAt) return false;
    if (mailing.audience === 'all') return true;
    return registration.status === mailing.audience;
  });
}

function render(deps: EventDependencies, mailing: EventMailing, event: NormenEvent, registration: Registration, now: Date): EventEmail {
  const context = emailContext(deps, event, registration, now);
  switch (mailing.kind) {
    case 'reminder':
      return reminderEmail(context);
    case 'changed':
      return eventChangedEmail(context);
    case 'cancelled':
      return eventCancelledEmail(context);
    case 'message':
      return participantMessageEmail(context, { subject: mailing.subject, body: mailing.body });
  }
}

/** Queues the reminder of every event whose reminder time has come (once per event and start time). */
async function queueDueReminders(deps: EventDependencies, now: Date): Promise<number> {
  let queued = 0;
  for (const due of await deps.store.events.due('reminder', now.toISOString())) {
    const event = await deps.store.events.get(due.eventId);
    const stillAhead = event && (event.status === 'open' || event.status === 'closed') && new Date(event.startsAt) > now;
    if (event && stillAhead) {
      try {
        await deps.store.transact(deps.store.mailings.insert(newMailing(event, 'reminder', 'system', now.toISOString())));
        queued++;
      } catch (error) {
        // Queued by an earlier run that stopped before clearing the due item.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    await deps.store.transact([deps.store.events.unscheduleDue('reminder', due.at, due.eventId)]);
  }
  return queued;
}

/** Sends one mailing to everyone it is for who has not had it yet; false if some sends failed. */
async function sendMailing(deps: EventDependencies, mailing: EventMailing, now: Date): Promise<{ sent: number; failed: number }> {
  const event = await deps.store.events.get(mailing.eventId);
  if (!event) return { sent: 0, failed: 0 };
  let sent = 0;
  let failed = 0;
  for (const registration of recipients(mailing, await deps.store.registrations.list(mailing.eventId))) {
    if (!(await deps.store.mailings.claimRecipient(mailing.eventId, mailing.id, registration.id, now.toISOString()))) continue;
    if (await emailParticipant(deps, registration, render(deps, mailing, event, registration, now), 'caller-retries')) sent++;
    else {
      failed++;
      await deps.store.mailings.releaseRecipient(mailing.eventId, mailing.id, registration.id);
    }
  }
  await deps.store.mailings.countSent(mailing.eventId, mailing.id, sent);
  return { sent, failed };
}

/**
 * The notification job: turns due reminders into mailings, then sends every pending mailing. Each
 * recipient is claimed before the send, so overlapping or repeated runs email nobody twice; a
 * mailing with failed sends stays pending and the next run retries only those. Then it sends again
 * the participant emails kept by `emailParticipant` when they failed.
 */
export async function runEventNotifications(deps: EventDependencies): Promise<JobOutcome> {
  const now = deps.clock.now();
  const errors: string[] = [];
  const reminders = await queueDueReminders(deps, now);
  let emails = 0;
  let mailings = 0;
  for (const pending of await deps.store.mailings.pending()) {
    const mailing = await deps.store.mailings.get(pending.eventId, pending.mailingId);
    if (!mailing) continue;
    try {
      const { sent, failed } = await sendMailing(deps, mailing, now);
      emails += sent;
      if (failed) errors.push(`${failed} e-poster for ${mailing.kind} ${mailing.id} feilet; prøves igjen`);
      else {
        await deps.store.mailings.finish(mailing.eventId, mailing.id, deps.clock.now().toISOString());
        mailings++;
      }
    } catch (error) {
      logger.error('Event mailing failed', { error, mailingId: mailing.id });
      errors.push(`${mailing.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  // Participant emails that failed while answering a request (confirmations, promotions, cancellations).
  const kept = await resendKeptEmails(deps, 'event-notifications');
  errors.push(...kept.errors);
  return {
    counts: { remindersQueued: reminders, mailingsFinished: mailings, emailsSent: emails, emailsResent: kept.resent, emailsStillFailing: kept.stillFailing },
    errors,
  };
}

/**
 * The retention job: once the retention period after an event has passed, every participant's name,
 * address, organisation and answers are blanked. Status, mode, sessions and check-ins stay, so the
 * counts stay; only events that are due are read.
 */
export async function runEventRetention(deps: Pick<Platform, 'store' | 'clock'>): Promise<JobOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  let events = 0;
  let participants = 0;
  for (const due of await deps.store.events.due('retention', at)) {
    const event = await deps.store.events.get(due.eventId);
    // The event moved later: its new retention time is scheduled separately.
    if (event && anonymiseDueAt(event) <= at) {
      for (const registration of await deps.store.registrations.list(event.id)) {
        if (registration.anonymisedAt) continue;
        await deps.store.registrations.anonymise(registration, at);
        participants++;
      }
      await deps.store.events.markAnonymised(event.id, at);
      events++;
    }
    await deps.store.transact([deps.store.events.unscheduleDue('retention', due.at, due.eventId)]);
  }
  return { counts: { eventsAnonymised: events, participantsAnonymised: participants }, errors: [] };
}

/**
 * The seat-holds job: every hold whose time is up expires, and its seat is offered to the first in
 * line, in one transaction conditional on the hold still standing. Overlapping or repeated runs find
 * the hold already expired (or confirmed) and do nothing, so each expiry, and its two emails, happen
 * once. A failed email is reported as an error of the run, shown on the CMS job page.
 */
export async function runSeatHolds(deps: EventDependencies): Promise<JobOutcome> {
  const now = deps.clock.now();
  const errors: string[] = [];
  let expired = 0;
  let offered = 0;
  let emailed = 0;
  for (const due of await deps.store.registrations.holdsDue(now.toISOString())) {
    try {
      const departure = await expireHold(deps, due.eventId, due.registrationId);
      if (departure.changed) {
        expired++;
        if (departure.promoted) offered++;
        if (await announceDeparture(deps, departure, deps.clock.now())) emailed += departure.promoted ? 2 : 1;
        else errors.push(`E-post om utløpt plass ${due.registrationId} (arrangement ${due.eventId}) feilet`);
      } else {
        // Confirmed, cancelled or expired by someone else: the queue entry is stale.
        await deps.store.registrations.dropHoldDue(due);
      }
    } catch (error) {
      if (error instanceof NotFoundError) {
        await deps.store.registrations.dropHoldDue(due);
        continue;
      }
      logger.error('Seat hold expiry failed', { error, ...due });
      errors.push(`${due.eventId}/${due.registrationId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { counts: { holdsExpired: expired, seatsOffered: offered, emailsSent: emailed }, errors };
}

const people = (count: number) => `${formatNumber(count)} ${count === 1 ? 'person' : 'personer'}`;

/**
 * Who the notification job would email now (due reminders, pending mailings to those not yet
 * emailed, kept emails), without queueing, claiming or sending.
 */
export async function previewEventNotifications(deps: Pick<EventDependencies, 'store' | 'clock'>): Promise<JobEffects> {
  const now = deps.clock.now();
  const addresses = new Set<string>();
  const effects: string[] = [];
  const mailingsToSend: { event: NormenEvent; mailing: EventMailing }[] = [];
  for (const due of await deps.store.events.due('reminder', now.toISOString())) {
    const event = await deps.store.events.get(due.eventId);
    if (!event || !(event.status === 'open' || event.status === 'closed') || new Date(event.startsAt) <= now) continue;
    const reminder = newMailing(event, 'reminder', 'system', now.toISOString());
    // A reminder an earlier run queued is among the pending mailings below.
    if (!(await deps.store.mailings.get(event.id, reminder.id))) mailingsToSend.push({ event, mailing: reminder });
  }
  for (const pending of await deps.store.mailings.pending()) {
    const [event, mailing] = await Promise.all([deps.store.events.get(pending.eventId), deps.store.mailings.get(pending.eventId, pending.mailingId)]);
    if (event && mailing) mailingsToSend.push({ event, mailing });
  }
  for (const { event, mailing } of mailingsToSend) {
    let count = 0;
    for (const registration of recipients(mailing, await deps.store.registrations.list(event.id))) {
      if (await deps.store.mailings.wasMailed(event.id, mailing.id, registration.id)) continue;
      addresses.add(registration.email.toLowerCase());
      count++;
    }
    if (count > 0) effects.push(`${eventMailingKinds.labels[mailing.kind]}: «${event.title}» til ${people(count)}`);
  }
  const kept = await deps.store.emailRetries.pending('event-notifications');
  for (const retry of kept) addresses.add(retry.to.toLowerCase());
  if (kept.length > 0) effects.push(`${formatNumber(kept.length)} e-post${kept.length === 1 ? '' : 'er'} som feilet, sendes på nytt`);
  return { recipients: addresses.size, becomeNotCurrent: [], effects };
}

/** Whose details the retention job would blank now; it emails nobody. */
export async function previewEventRetention(deps: Pick<Platform, 'store' | 'clock'>): Promise<JobEffects> {
  const at = deps.clock.now().toISOString();
  const effects: string[] = [];
  for (const due of await deps.store.events.due('retention', at)) {
    const event = await deps.store.events.get(due.eventId);
    if (!event || anonymiseDueAt(event) > at) continue;
    const count = (await deps.store.registrations.list(event.id)).filter((registration) => !registration.anonymisedAt).length;
    effects.push(`Opplysningene om ${people(count)} påmeldt til «${event.title}» slettes (anonymiseres)`);
  }
  return { recipients: 0, becomeNotCurrent: [], effects };
}

/** Which holds would expire now, and who would be told (the holder, and the first in line offered the seat). */
export async function previewSeatHolds(deps: Pick<EventDependencies, 'store' | 'clock'>): Promise<JobEffects> {
  const addresses = new Set<string>();
  let expiring = 0;
  let offers = 0;
  for (const due of await deps.store.registrations.holdsDue(deps.clock.now().toISOString())) {
    const registrations = await deps.store.registrations.list(due.eventId);
    const held = registrations.find((registration) => registration.id === due.registrationId && registration.status === 'held');
    if (!held) continue;
    expiring++;
    addresses.add(held.email.toLowerCase());
    const [next] = await deps.store.registrations.waitlistHead(due.eventId, held.mode, 1);
    const promoted = registrations.find((registration) => registration.id === next);
    if (promoted) {
      offers++;
      addresses.add(promoted.email.toLowerCase());
    }
  }
  const effects =
    expiring > 0
      ? [
          `${formatNumber(expiring)} holdt${expiring === 1 ? '' : 'e'} plass${expiring === 1 ? '' : 'er'} går ut`,
          `${people(offers)} på ventelisten får tilbud om plass`,
        ]
      : [];
  return { recipients: addresses.size, becomeNotCurrent: [], effects };
}
