import {
  attendanceOption,
  freeSeats,
  needsHold,
  offersFreedSeats,
  type AttendanceMode,
  type EventCounts,
  type EventSeats,
  type NormenEvent,
  type Registration,
  type RegistrationStatus,
} from '../../content-model';
import { ValidationError } from '../shared/errors';
import { seatAttribute, type SeatChange, type SeatCondition } from './event-repository';

/**
 * The seat rules, as pure functions over an event and its counters. Each decision comes with the
 * conditions under which it holds, so the transaction that applies it fails (and the decision is
 * taken again) if the counters moved in between.
 */

const atMost = (counter: string, limit: number): SeatCondition => ({ counter, is: '<=', value: limit });
const below = (counter: string, limit: number): SeatCondition => ({ counter, is: '<', value: limit });
const none = (counter: string): SeatCondition => ({ counter, is: '=', value: 0 });

/** Seats given out in a mode or a session: held and confirmed alike. */
const takenInMode = (seats: EventSeats, mode: AttendanceMode) => (seats.modes[mode]?.confirmed ?? 0) + (seats.modes[mode]?.held ?? 0);
const takenInSession = (seats: EventSeats, id: string) => (seats.sessions[id] ?? 0) + (seats.sessionsHeld[id] ?? 0);

function sessionsFull(event: NormenEvent, seats: EventSeats, chosen: readonly string[]): string[] {
  return event.sessions
    .filter((session) => chosen.includes(session.id) && session.capacity !== null && takenInSession(seats, session.id) >= session.capacity)
    .map((session) => session.title);
}

/** The counter changes for taking (+1) or giving up (−1) a seat and its sessions, held or not. */
export function seatDelta(mode: AttendanceMode, sessions: readonly string[], held: boolean, amount: 1 | -1): Record<string, number> {
  const add: Record<string, number> = { [seatAttribute.taken(mode)]: amount };
  if (held) add[seatAttribute.held(mode)] = amount;
  for (const id of sessions) {
    add[seatAttribute.sessionTaken(id)] = amount;
    if (held) add[seatAttribute.sessionHeld(id)] = amount;
  }
  return add;
}

export function sum(...changes: Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const change of changes) for (const [attribute, amount] of Object.entries(change)) total[attribute] = (total[attribute] ?? 0) + amount;
  return total;
}

/**
 * A seat if one is free and nobody is waiting for it, the waitlist otherwise. A limited seat is
 * held until the participant confirms it; an unlimited one (streaming) is confirmed at once.
 */
export function decideSeat(
  event: NormenEvent,
  seats: EventSeats,
  mode: AttendanceMode,
  sessions: readonly string[],
): { status: RegistrationStatus; change: SeatChange } {
  const capacity = attendanceOption(event, mode)?.capacity ?? null;
  const waitlisted = seats.modes[mode]?.waitlisted ?? 0;
  const full = sessionsFull(event, seats, sessions);
  if (full.length) throw ValidationError.field('sessions', `Fullt: ${full.map((title) => `«${title}»`).join(', ')}. Velg andre økter.`);
  const seatFree = capacity === null || (takenInMode(seats, mode) < capacity && waitlisted === 0);
  if (!seatFree) {
    return {
      status: 'waitlisted',
      change: {
        add: { [seatAttribute.waitlisted(mode)]: 1 },
        // Still full, or someone still waiting: otherwise the seat is free again and decided anew.
        conditions: [
          {
            anyOf: [
              { counter: seatAttribute.taken(mode), is: '>=', value: capacity ?? 0 },
              { counter: seatAttribute.waitlisted(mode), is: '>', value: 0 },
            ],
          },
        ],
      },
    };
  }
  const held = needsHold(event, mode, sessions);
  return {
    status: held ? 'held' : 'confirmed',
    change: {
      add: seatDelta(mode, sessions, held, 1),
      conditions: [
        ...(capacity === null ? [] : [below(seatAttribute.taken(mode), capacity), none(seatAttribute.waitlisted(mode))]),
        ...event.sessions
          .filter((session) => sessions.includes(session.id) && session.capacity !== null)
          .map((session) => below(seatAttribute.sessionTaken(session.id), session.capacity ?? 0)),
      ],
    },
  };
}

/** The participant pressed «Bekreft plassen»: the held seat becomes confirmed; nothing else moves. */
export function confirmHeldSeat(registration: Registration): SeatChange {
  return {
    add: sum(seatDelta(registration.mode, registration.sessions, true, -1), seatDelta(registration.mode, registration.sessions, false, 1)),
    conditions: [],
  };
}

/**
 * A participant with a seat (held or confirmed) leaves, by cancelling or by letting a hold expire,
 * and, if a seat is really free (not overbooked by hand), the first in line is offered it as a hold:
 * their sessions are kept where there is room once the leaver's are freed.
 */
export function handOverSeat(
  event: NormenEvent,
  seats: EventSeats,
  leaving: Registration,
  next: Registration | null,
): { change: SeatChange; keptSessions: string[] } {
  const mode = leaving.mode;
  const capacity = attendanceOption(event, mode)?.capacity ?? null;
  const freed = sum(seatDelta(mode, leaving.sessions, leaving.status === 'held', -1), leaving.checkedInAt ? { [seatAttribute.checkedIn(mode)]: -1 } : {});
  if (!next) {
    // Someone waitlisted meanwhile must get this seat: decide again if the line is no longer empty.
    return { change: { add: freed, conditions: [none(seatAttribute.waitlisted(mode))] }, keptSessions: [] };
  }
  const keptSessions = next.sessions.filter((id) => {
    const session = event.sessions.find((candidate) => candidate.id === id);
    if (!session) return false;
    if (session.capacity === null) return true;
    return takenInSession(seats, id) - (leaving.sessions.includes(id) ? 1 : 0) < session.capacity;
  });
  const conditions = [
    // Overbooked by hand: the seat that frees up does not exist.
    ...(capacity === null ? [] : [atMost(seatAttribute.taken(mode), capacity)]),
    ...keptSessions.flatMap((id) => {
      const session = event.sessions.find((candidate) => candidate.id === id);
      if (!session || session.capacity === null || leaving.sessions.includes(id)) return [];
      return [below(seatAttribute.sessionTaken(id), session.capacity)];
    }),
  ];
  return { change: { add: sum(freed, { [seatAttribute.waitlisted(mode)]: -1 }, seatDelta(mode, keptSessions, true, 1)), conditions }, keptSessions };
}

/** Whether a seat given up now should be offered to the next in line: before the start, and not overbooked. */
export function promotes(event: NormenEvent, seats: EventSeats, mode: AttendanceMode, now: Date): boolean {
  const capacity = attendanceOption(event, mode)?.capacity ?? null;
  const counts = seats.modes[mode];
  if (!counts || counts.waitlisted === 0) return false;
  if (!offersFreedSeats(event, now)) return false;
  return capacity === null || takenInMode(seats, mode) <= capacity;
}

/** Whether a seat stands free while people wait for it (capacity raised, event reopened). */
export function seatStandsFree(event: NormenEvent, seats: EventSeats, mode: AttendanceMode): boolean {
  const capacity = attendanceOption(event, mode)?.capacity ?? null;
  const counts = seats.modes[mode];
  if (!counts || counts.waitlisted === 0) return false;
  return capacity === null || takenInMode(seats, mode) < capacity;
}

/** The first in line is offered a free seat (held for them), with the chosen sessions that still have room. */
export function takeFreeSeat(event: NormenEvent, seats: EventSeats, waiting: Registration): { change: SeatChange; keptSessions: string[] } {
  const mode = waiting.mode;
  const capacity = attendanceOption(event, mode)?.capacity ?? null;
  const kept = event.sessions.filter(
    (session) => waiting.sessions.includes(session.id) && (session.capacity === null || takenInSession(seats, session.id) < session.capacity),
  );
  const keptSessions = kept.map((session) => session.id);
  return {
    change: {
      add: sum(seatDelta(mode, keptSessions, true, 1), { [seatAttribute.waitlisted(mode)]: -1 }),
      conditions: [
        ...(capacity === null ? [] : [below(seatAttribute.taken(mode), capacity)]),
        ...kept.flatMap((session) => (session.capacity === null ? [] : [below(seatAttribute.sessionTaken(session.id), session.capacity)])),
      ],
    },
    keptSessions,
  };
}

/** Counts per mode and session as editors and the website see them: free = capacity − held − confirmed. */
export function eventCounts(event: NormenEvent, seats: EventSeats): EventCounts {
  return {
    modes: event.attendance.map((option) => {
      const counts = seats.modes[option.mode] ?? { confirmed: 0, held: 0, waitlisted: 0, checkedIn: 0 };
      return { mode: option.mode, capacity: option.capacity, ...counts, free: freeSeats(option.capacity, counts.confirmed + counts.held) };
    }),
    sessions: event.sessions.map((session) => {
      const confirmed = seats.sessions[session.id] ?? 0;
      const held = seats.sessionsHeld[session.id] ?? 0;
      return { sessionId: session.id, title: session.title, capacity: session.capacity, confirmed, held, free: freeSeats(session.capacity, confirmed + held) };
    }),
  };
}
