import {
  attendanceOption,
  freeSeats,
  type AttendanceMode,
  type EventCounts,
  type EventSeats,
  type NormenEvent,
  type Registration,
  type RegistrationStatus,
} from '../../content-model';
import { ValidationError } from '../shared/errors';
import { seatAttribute, type SeatChange } from './event-repository';

/**
 * The seat rules, as pure functions over an event and its counters. Each decision comes with the
 * conditions under which it holds, so the transaction that applies it fails (and the decision is
 * taken again) if the counters moved in between.
 */

const atMost = (attribute: string, limit: number) => ({
  expression: 'attribute_not_exists(#n) OR #n <= :v',
  names: { '#n': attribute },
  values: { ':v': limit },
});
const below = (attribute: string, limit: number) => ({
  expression: 'attribute_not_exists(#n) OR #n < :v',
  names: { '#n': attribute },
  values: { ':v': limit },
});
const none = (attribute: string) => ({ expression: 'attribute_not_exists(#n) OR #n = :v', names: { '#n': attribute }, values: { ':v': 0 } });

function sessionsFull(event: NormenEvent, seats: EventSeats, chosen: readonly string[]): string[] {
  return event.sessions.filter((session) => chosen.includes(session.id) && session.capacity !== null && (seats.sessions[session.id] ?? 0) >= session.capacity).map((session) => session.title);
}

/** A seat if one is free and nobody is waiting for it; the waitlist otherwise. */
export function decideSeat(event: NormenEvent, seats: EventSeats, mode: AttendanceMode, sessions: readonly string[]): { status: RegistrationStatus; change: SeatChange } {
  const capacity = attendanceOption(event, mode)?.capacity ?? null;
  const counts = seats.modes[mode] ?? { confirmed: 0, waitlisted: 0, checkedIn: 0 };
  const full = sessionsFull(event, seats, sessions);
  if (full.length) throw ValidationError.field('sessions', `Fullt: ${full.map((title) => `«${title}»`).join(', ')}. Velg andre økter.`);
  const seatFree = capacity === null || (counts.confirmed < capacity && counts.waitlisted === 0);
  if (!seatFree) {
    return {
      status: 'waitlisted',
      change: {
        add: { [seatAttribute.waitlisted(mode)]: 1 },
        conditions: [{ expression: '#c >= :cap OR #w > :zero', names: { '#c': seatAttribute.confirmed(mode), '#w': seatAttribute.waitlisted(mode) }, values: { ':cap': capacity, ':zero': 0 } }],
      },
    };
  }
  return {
    status: 'confirmed',
    change: {
      add: { [seatAttribute.confirmed(mode)]: 1, ...Object.fromEntries(sessions.map((id) => [seatAttribute.session(id), 1])) },
      conditions: [
        ...(capacity === null ? [] : [below(seatAttribute.confirmed(mode), capacity), none(seatAttribute.waitlisted(mode))]),
        ...event.sessions.filter((session) => sessions.includes(session.id) && session.capacity !== null).map((session) => below(seatAttribute.session(session.id), session.capacity ?? 0)),
      ],
    },
  };
}

/**
 * A confirmed participant leaves and, if a seat is really free (not overbooked by hand), the first
 * in line takes it: their sessions are kept where there is room once the leaver's are freed.
 */
export function handOverSeat(
  event: NormenEvent,
  seats: EventSeats,
  leaving: Registration,
  next: Registration | null,
): { change: SeatChange; keptSessions: string[] } {
  const mode = leaving.mode;
  const capacity = attendanceOption(event, mode)?.capacity ?? null;
  const add: Record<string, number> = {};
  const bump = (attribute: string, amount: number) => (add[attribute] = (add[attribute] ?? 0) + amount);
  for (const id of leaving.sessions) bump(seatAttribute.session(id), -1);
  if (leaving.checkedInAt) bump(seatAttribute.checkedIn(mode), -1);
  if (!next) {
    bump(seatAttribute.confirmed(mode), -1);
    // Someone waitlisted meanwhile must get this seat: decide again if the line is no longer empty.
    return { change: { add, conditions: [none(seatAttribute.waitlisted(mode))] }, keptSessions: [] };
  }
  const keptSessions = next.sessions.filter((id) => {
    const session = event.sessions.find((candidate) => candidate.id === id);
    if (!session) return false;
    if (session.capacity === null) return true;
    return (seats.sessions[id] ?? 0) - (leaving.sessions.includes(id) ? 1 : 0) < session.capacity;
  });
  bump(seatAttribute.waitlisted(mode), -1);
  for (const id of keptSessions) bump(seatAttribute.session(id), 1);
  const conditions = [
    // Overbooked by hand: the seat that frees up does not exist.
    ...(capacity === null ? [] : [atMost(seatAttribute.confirmed(mode), capacity)]),
    ...keptSessions.flatMap((id) => {
      const session = event.sessions.find((candidate) => candidate.id === id);
      if (!session || session.capacity === null || leaving.sessions.includes(id)) return [];
      return [below(seatAttribute.session(id), session.capacity)];
    }),
  ];
  return { change: { add, conditions }, keptSessions };
}

/** Whether cancelling a confirmed seat should promote the next in line: only for an event still to come. */
export function promotes(event: NormenEvent, seats: EventSeats, mode: AttendanceMode, now: Date): boolean {
  const capacity = attendanceOption(event, mode)?.capacity ?? null;
  const counts = seats.modes[mode];
  if (!counts || counts.waitlisted === 0) return false;
  if (event.status === 'cancelled' || event.status === 'draft' || new Date(event.endsAt) <= now) return false;
  return capacity === null || counts.confirmed <= capacity;
}

/** Whether a seat stands free while people wait for it (capacity raised, event reopened). */
export function seatStandsFree(event: NormenEvent, seats: EventSeats, mode: AttendanceMode): boolean {
  const capacity = attendanceOption(event, mode)?.capacity ?? null;
  const counts = seats.modes[mode];
  if (!counts || counts.waitlisted === 0) return false;
  return capacity === null || counts.confirmed < capacity;
}

/** The first in line takes a free seat, with the chosen sessions that still have room. */
export function takeFreeSeat(event: NormenEvent, seats: EventSeats, waiting: Registration): { change: SeatChange; keptSessions: string[] } {
  const mode = waiting.mode;
  const capacity = attendanceOption(event, mode)?.capacity ?? null;
  const kept = event.sessions.filter((session) => waiting.sessions.includes(session.id) && (session.capacity === null || (seats.sessions[session.id] ?? 0) < session.capacity));
  return {
    change: {
      add: { [seatAttribute.confirmed(mode)]: 1, [seatAttribute.waitlisted(mode)]: -1, ...Object.fromEntries(kept.map((session) => [seatAttribute.session(session.id), 1])) },
      conditions: [
        ...(capacity === null ? [] : [below(seatAttribute.confirmed(mode), capacity)]),
        ...kept.flatMap((session) => (session.capacity === null ? [] : [below(seatAttribute.session(session.id), session.capacity)])),
      ],
    },
    keptSessions: kept.map((session) => session.id),
  };
}

/** Counts per mode and session as editors and the website see them. */
export function eventCounts(event: NormenEvent, seats: EventSeats): EventCounts {
  return {
    modes: event.attendance.map((option) => {
      const counts = seats.modes[option.mode] ?? { confirmed: 0, waitlisted: 0, checkedIn: 0 };
      return { mode: option.mode, capacity: option.capacity, ...counts, free: freeSeats(option.capacity, counts.confirmed) };
    }),
    sessions: event.sessions.map((session) => {
      const confirmed = seats.sessions[session.id] ?? 0;
      return { sessionId: session.id, title: session.title, capacity: session.capacity, confirmed, free: freeSeats(session.capacity, confirmed) };
    }),
  };
}
