import { describe, expect, it } from 'vitest';
import { holdEndsAt, holdIsOpen, needsHold, offersFreedSeats, seatHoldRules } from '../../content-model';
import { storedEvent } from '../support/events';

// The event starts 2026-11-24 08:00Z (09:00 in Oslo).
const event = storedEvent({
  holdHours: 24,
  sessions: [
    { id: 'apning', title: 'Åpning', speaker: '', startsAt: '2026-11-24T08:00:00.000Z', endsAt: '2026-11-24T08:30:00.000Z', capacity: null },
    { id: 'workshop', title: 'Workshop', speaker: '', startsAt: '2026-11-24T12:00:00.000Z', endsAt: '2026-11-24T13:00:00.000Z', capacity: 3 },
  ],
});

describe('the seat hold rule', () => {
  it('holds a limited seat (mode or session) and confirms an unlimited one at once', () => {
    expect(needsHold(event, 'in-person', [])).toBe(true);
    expect(needsHold(event, 'online', [])).toBe(false);
    expect(needsHold(event, 'online', ['apning'])).toBe(false);
    expect(needsHold(event, 'online', ['workshop'])).toBe(true);
  });

  it('lasts the event’s holdHours when the start is far away', () => {
    expect(holdEndsAt(event, new Date('2026-11-01T10:00:00Z'))).toBe('2026-11-02T10:00:00.000Z');
    expect(holdEndsAt({ ...event, holdHours: 48 }, new Date('2026-11-01T10:00:00Z'))).toBe('2026-11-03T10:00:00.000Z');
  });

  it(`ends ${seatHoldRules.closesHoursBeforeStart} hours before the start when the full period would run later`, () => {
    expect(holdEndsAt(event, new Date('2026-11-23T10:00:00Z'))).toBe('2026-11-24T06:00:00.000Z');
  });

  it(`gives a late registration at least ${seatHoldRules.minHoldMinutes} minutes, but never past the start`, () => {
    expect(holdEndsAt(event, new Date('2026-11-24T06:30:00Z'))).toBe('2026-11-24T07:00:00.000Z');
    expect(holdEndsAt(event, new Date('2026-11-24T07:50:00Z'))).toBe('2026-11-24T08:00:00.000Z');
  });

  it('always ends after it begins while the event is ahead', () => {
    for (let minutes = 0; minutes < 48 * 60; minutes += 7) {
      const now = new Date(new Date(event.startsAt).getTime() - minutes * 60_000 - 1);
      expect(new Date(holdEndsAt(event, now)).getTime()).toBeGreaterThan(now.getTime());
      expect(new Date(holdEndsAt(event, now)).getTime()).toBeLessThanOrEqual(new Date(event.startsAt).getTime());
    }
  });

  it('can be confirmed until the last millisecond before it ends, not at its end', () => {
    const held = { status: 'held' as const, heldUntil: '2026-11-02T10:00:00.000Z' };
    expect(holdIsOpen(held, new Date('2026-11-02T09:59:59.999Z'))).toBe(true);
    expect(holdIsOpen(held, new Date('2026-11-02T10:00:00.000Z'))).toBe(false);
    expect(holdIsOpen({ ...held, status: 'expired' }, new Date('2026-11-01T10:00:00Z'))).toBe(false);
  });

  it('offers freed seats only before the start of an event that is on', () => {
    expect(offersFreedSeats(event, new Date('2026-11-24T07:59:59Z'))).toBe(true);
    expect(offersFreedSeats(event, new Date('2026-11-24T08:00:00Z'))).toBe(false);
    expect(offersFreedSeats({ ...event, status: 'closed' }, new Date('2026-11-20T08:00:00Z'))).toBe(true);
    expect(offersFreedSeats({ ...event, status: 'cancelled' }, new Date('2026-11-20T08:00:00Z'))).toBe(false);
  });

  it('reads an event stored before holds existed with the default period', () => {
    const { holdHours: _unused, ...before } = storedEvent();
    expect(storedEvent(before).holdHours).toBe(seatHoldRules.defaultHoldHours);
  });
});
