import { beforeAll, describe, expect, it } from 'vitest';
import { listRegistrations } from '../../functions/events/events-admin';
import { leave, register } from '../../functions/events/registration';
import { queryPrefix } from '../../functions/shared/db/client';
import { confirmSeat, openEvent, participant } from '../support/events';
import { reviewDependencies } from '../support/local-stack';

type Deps = Awaited<ReturnType<typeof reviewDependencies>>;

describe('registration under load', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies('2026-11-22T09:00:00Z');
  });

  it('gives 200 simultaneous registrations exactly 100 held seats and a waitlist of 100; 10 cancellations offer the next 10 in line; confirmations all count', async () => {
    const event = await openEvent(deps, { sessions: [], questions: [] });
    const people = Array.from({ length: 200 }, (_, index) => participant({ name: `Deltaker ${index}`, answers: {} }));
    const outcomes = await Promise.all(people.map((person, index) => register(deps, event.id, person, `10.20.${Math.floor(index / 20)}.${index % 20}`)));
    expect(outcomes.every((outcome) => outcome.kind === 'registered')).toBe(true);

    const { items, counts } = await listRegistrations(deps, event.id, {});
    const held = items.filter((registration) => registration.status === 'held');
    const waitlisted = items.filter((registration) => registration.status === 'waitlisted');
    expect(held).toHaveLength(100);
    expect(waitlisted).toHaveLength(100);
    expect(counts.modes.find((count) => count.mode === 'in-person')).toMatchObject({ capacity: 100, confirmed: 0, held: 100, waitlisted: 100, free: 0 });

    // The line, in order: the waitlist markers sorted by place.
    const line = await queryPrefix(deps.table, { pk: `EVENT#${event.id}`, prefix: 'WAIT#in-person#' }, (item) => String(item.registrationId));
    expect(line).toHaveLength(100);
    expect([...line].sort((a, b) => a.localeCompare(b))).toEqual(line);

    for (const registration of held.slice(0, 10)) await leave(deps, event.id, registration.id);

    const after = await listRegistrations(deps, event.id, {});
    const promoted = line.slice(0, 10);
    for (const id of promoted) expect(after.items.find((registration) => registration.id === id)?.status).toBe('held');
    for (const id of line.slice(10)) expect(after.items.find((registration) => registration.id === id)?.status).toBe('waitlisted');
    expect(after.items.filter((registration) => registration.status === 'held')).toHaveLength(100);
    expect(after.items.filter((registration) => registration.status === 'cancelled')).toHaveLength(10);
    expect(after.counts.modes.find((count) => count.mode === 'in-person')).toMatchObject({ confirmed: 0, held: 100, waitlisted: 90, free: 0 });

    // Every seat holder confirms at once: held turns into confirmed, one for one.
    const holders = after.items.filter((registration) => registration.status === 'held');
    await Promise.all(holders.map((registration) => confirmSeat(deps, registration)));
    const confirmedAll = await listRegistrations(deps, event.id, {});
    expect(confirmedAll.items.filter((registration) => registration.status === 'confirmed')).toHaveLength(100);
    expect(confirmedAll.counts.modes.find((count) => count.mode === 'in-person')).toMatchObject({ confirmed: 100, held: 0, waitlisted: 90, free: 0 });
  }, 240_000);
});
