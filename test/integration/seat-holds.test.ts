import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PublicEvent, Registration } from '../../content-model';
import { changeRegistration, listRegistrations } from '../../functions/events/events-admin';
import { register } from '../../functions/events/registration';
import { runJob } from '../../functions/jobs/jobs';
import { ValidationError } from '../../functions/shared/errors';
import { confirmSeat, editor, openEvent, participant, partitionItems } from '../support/events';
import { readSentEmails } from '../../local/services';
import { emailsTo, reviewDependencies, services, startTestApi, type TestApi } from '../support/local-stack';

type Deps = Awaited<ReturnType<typeof reviewDependencies>>;

async function registered(deps: Deps, eventId: string, overrides: Record<string, unknown> = {}, ip = '10.50.0.1'): Promise<Registration> {
  const outcome = await register(deps, eventId, participant(overrides), ip);
  if (outcome.kind !== 'registered') throw new Error(`not registered: ${outcome.kind}`);
  return outcome.registration;
}

const runHolds = (deps: Deps) => runJob(deps, 'seat-holds', { kind: 'schedule', by: null });
const statusOf = async (deps: Deps, registration: Registration) => (await deps.store.registrations.get(registration.eventId, registration.id))?.status;
const subjects = async (address: string) => (await emailsTo(address)).map((email) => email.subject);

describe('seat holds', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies('2026-11-22T09:00:00Z');
  });
  afterEach(() => deps.clock.set('2026-11-22T09:00:00Z'));

  it('holds a limited seat until the participant confirms it; an unlimited one is confirmed at once', async () => {
    // The conference starts 2026-12-03 08:00Z: far enough for the full 24 hours.
    const event = await openEvent(deps, { sessions: [] });
    const inPerson = await registered(deps, event.id);
    const online = await registered(deps, event.id, { mode: 'online' });
    expect(inPerson).toMatchObject({ status: 'held', heldUntil: '2026-11-23T09:00:00.000Z', confirmedAt: null });
    expect(online).toMatchObject({ status: 'confirmed', heldUntil: null, confirmedAt: '2026-11-22T09:00:00.000Z' });

    const [holdEmail] = await emailsTo(inPerson.email);
    expect(holdEmail?.subject).toBe('Bekreft plassen din: Normkonferansen 2026');
    // Oslo time: 09:00Z is 10.00 in Oslo in November.
    expect(holdEmail?.body.text).toContain('Plassen er holdt for deg til mandag 23. november 2026 kl. 10.00');
    expect(holdEmail?.body.text).toMatch(/\/events\/registrations\/confirm\?token=/);
    expect(holdEmail?.attachments).toHaveLength(0);

    deps.clock.set('2026-11-23T08:59:59Z');
    const outcome = await confirmSeat(deps, inPerson);
    expect(outcome).toMatchObject({ kind: 'confirmed', registration: { status: 'confirmed', confirmedAt: '2026-11-23T08:59:59.000Z' } });
    expect((await confirmSeat(deps, inPerson)).kind).toBe('already-confirmed');
    const confirmation = (await emailsTo(inPerson.email)).at(-1);
    expect(confirmation?.subject).toBe('Du er påmeldt: Normkonferansen 2026');
    expect(confirmation?.attachments.map((attachment) => attachment.filename)).toEqual(['normkonferansen-2026.ics']);

    // A confirmed seat never expires.
    deps.clock.set('2026-11-24T09:00:00Z');
    await runHolds(deps);
    expect(await statusOf(deps, inPerson)).toBe('confirmed');
    const { counts } = await listRegistrations(deps, event.id, {});
    expect(counts.modes).toEqual([
      expect.objectContaining({ mode: 'in-person', capacity: 100, confirmed: 1, held: 0, waitlisted: 0, free: 99 }),
      expect.objectContaining({ mode: 'online', capacity: null, confirmed: 1, held: 0, free: null }),
    ]);
  });

  it('lets an unconfirmed hold expire; the seat is offered to the next in line, who is emailed and confirms; an offer not confirmed moves on', async () => {
    const event = await openEvent(deps, { attendance: [{ mode: 'in-person', capacity: 1 }], sessions: [], holdHours: 12 });
    const first = await registered(deps, event.id, {}, '10.51.0.1');
    // One after the other, so the line has an order (ids are time-ordered).
    deps.clock.set('2026-11-22T09:00:01Z');
    const second = await registered(deps, event.id, {}, '10.51.0.2');
    deps.clock.set('2026-11-22T09:00:02Z');
    const third = await registered(deps, event.id, {}, '10.51.0.3');
    expect([first.status, second.status, third.status]).toEqual(['held', 'waitlisted', 'waitlisted']);
    expect(first.heldUntil).toBe('2026-11-22T21:00:00.000Z');

    // Not a moment early.
    deps.clock.set('2026-11-22T20:59:59.999Z');
    expect((await runHolds(deps)).counts).toMatchObject({ holdsExpired: 0 });
    expect(await statusOf(deps, first)).toBe('held');

    deps.clock.set('2026-11-22T21:00:00Z');
    const run = await runHolds(deps);
    expect(run).toMatchObject({ status: 'succeeded', counts: { holdsExpired: 1, seatsOffered: 1 } });
    expect(await statusOf(deps, first)).toBe('expired');
    const offered = await deps.store.registrations.get(event.id, second.id);
    expect(offered).toMatchObject({ status: 'held', heldUntil: '2026-11-23T09:00:00.000Z', waitlistKey: null });
    expect(await subjects(first.email)).toEqual(['Bekreft plassen din: Normkonferansen 2026', 'Plassen er gått videre: Normkonferansen 2026']);
    const offer = (await emailsTo(second.email)).at(-1);
    expect(offer?.subject).toBe('Du har fått plass – bekreft den: Normkonferansen 2026');
    expect(offer?.body.text).toContain('Plassen er holdt for deg til mandag 23. november 2026 kl. 10.00');
    let counts = (await listRegistrations(deps, event.id, {})).counts.modes[0];
    expect(counts).toMatchObject({ confirmed: 0, held: 1, waitlisted: 1, free: 0 });

    // The expired participant's address is free again: they may join the back of the line.
    expect((await register(deps, event.id, { ...participant(), email: first.email }, '10.51.0.4')).kind).toBe('registered');

    // The offer is not confirmed either: it moves on to the third.
    deps.clock.set('2026-11-23T09:00:00Z');
    expect((await runHolds(deps)).counts).toMatchObject({ holdsExpired: 1, seatsOffered: 1 });
    expect(await statusOf(deps, second)).toBe('expired');
    expect(await statusOf(deps, third)).toBe('held');
    expect((await subjects(second.email)).at(-1)).toBe('Plassen er gått videre: Normkonferansen 2026');

    deps.clock.set('2026-11-23T10:00:00Z');
    expect((await confirmSeat(deps, third)).kind).toBe('confirmed');
    // Too late for the second: refused, nothing changes.
    expect((await confirmSeat(deps, second)).kind).toBe('expired');
    counts = (await listRegistrations(deps, event.id, {})).counts.modes[0];
    expect(counts).toMatchObject({ confirmed: 1, held: 0, waitlisted: 1, free: 0 });
    expect((await subjects(third.email)).at(-1)).toBe('Du er påmeldt: Normkonferansen 2026');
  });

  it('shortens the hold close to the start and offers no seat once the event has started', async () => {
    // Starts 2026-12-03 08:00Z; registering the evening before leaves until 06:00Z (two hours before).
    const event = await openEvent(deps, { attendance: [{ mode: 'in-person', capacity: 1 }], sessions: [] });
    deps.clock.set('2026-12-02T18:00:00Z');
    const late = await registered(deps, event.id, {}, '10.52.0.1');
    const waiting = await registered(deps, event.id, {}, '10.52.0.2');
    expect(late.heldUntil).toBe('2026-12-03T06:00:00.000Z');

    deps.clock.set('2026-12-03T07:40:00Z');
    await runHolds(deps);
    // Offered 20 minutes before the start: held until the start, not the 30 minutes minimum.
    expect(await deps.store.registrations.get(event.id, waiting.id)).toMatchObject({ status: 'held', heldUntil: '2026-12-03T08:00:00.000Z' });

    deps.clock.set('2026-12-03T08:00:00Z');
    await runHolds(deps);
    expect(await statusOf(deps, waiting)).toBe('expired');
    expect((await listRegistrations(deps, event.id, {})).counts.modes[0]).toMatchObject({ confirmed: 0, held: 0, waitlisted: 0, free: 1 });
  });

  it('keeps the held sessions: expiry frees them and the offer keeps those with room', async () => {
    const event = await openEvent(deps, { attendance: [{ mode: 'in-person', capacity: 1 }] });
    const holder = await registered(deps, event.id, { sessions: ['workshop', 'apning'] }, '10.53.0.1');
    const next = await registered(deps, event.id, { sessions: ['workshop'] }, '10.53.0.2');
    let { counts } = await listRegistrations(deps, event.id, {});
    expect(counts.sessions.find((session) => session.sessionId === 'workshop')).toMatchObject({ capacity: 3, confirmed: 0, held: 1, free: 2 });
    deps.clock.set('2026-11-23T09:00:00Z');
    await runHolds(deps);
    ({ counts } = await listRegistrations(deps, event.id, {}));
    expect(counts.sessions.find((session) => session.sessionId === 'workshop')).toMatchObject({ confirmed: 0, held: 1, free: 2 });
    expect(counts.sessions.find((session) => session.sessionId === 'apning')).toMatchObject({ confirmed: 0, held: 0 });
    await confirmSeat(deps, next);
    ({ counts } = await listRegistrations(deps, event.id, {}));
    expect(counts.sessions.find((session) => session.sessionId === 'workshop')).toMatchObject({ confirmed: 1, held: 0, free: 2 });
    expect(await statusOf(deps, holder)).toBe('expired');
  });

  it('expires each hold exactly once when many runs overlap: no double offer, no overbooking, one email each', async () => {
    const event = await openEvent(deps, { attendance: [{ mode: 'in-person', capacity: 10 }], sessions: [] });
    const people = [];
    for (let index = 0; index < 25; index++) people.push(await registered(deps, event.id, {}, `10.54.${Math.floor(index / 20)}.${index % 20}`));
    const holders = people.filter((person) => person.status === 'held');
    expect(holders).toHaveLength(10);

    deps.clock.set('2026-11-23T09:00:00Z');
    const runs = await Promise.all(Array.from({ length: 6 }, () => runHolds(deps)));
    expect(runs.every((run) => run.status === 'succeeded')).toBe(true);
    expect(runs.reduce((total, run) => total + (run.counts.holdsExpired ?? 0), 0)).toBe(10);
    expect(runs.reduce((total, run) => total + (run.counts.seatsOffered ?? 0), 0)).toBe(10);
    // And again, later: nothing left to do for the first holders.
    expect((await runHolds(deps)).counts).toMatchObject({ holdsExpired: 0 });

    const { items, counts } = await listRegistrations(deps, event.id, {});
    expect(items.filter((registration) => registration.status === 'expired')).toHaveLength(10);
    expect(items.filter((registration) => registration.status === 'held')).toHaveLength(10);
    expect(items.filter((registration) => registration.status === 'waitlisted')).toHaveLength(5);
    expect(counts.modes[0]).toMatchObject({ capacity: 10, confirmed: 0, held: 10, waitlisted: 5, free: 0 });
    // The ten offered are the first ten in line, in order.
    const line = people.filter((person) => person.status === 'waitlisted').sort((a, b) => (a.waitlistKey ?? '').localeCompare(b.waitlistKey ?? ''));
    for (const person of line.slice(0, 10)) expect(items.find((registration) => registration.id === person.id)?.status).toBe('held');
    // One read of SES local's store for all twenty checks: it holds every email of the run.
    const sent = await readSentEmails(services().sesEndpoint);
    const sentTo = (address: string, subjectStart: string) =>
      sent.filter((email) => email.destination.to.includes(address) && email.subject.startsWith(subjectStart));
    for (const holder of holders) expect(sentTo(holder.email, 'Plassen er gått videre')).toHaveLength(1);
    for (const person of line.slice(0, 10)) expect(sentTo(person.email, 'Du har fått plass')).toHaveLength(1);
    // 25 registrations and six overlapping runs against the real services: slow on a loaded machine, not a timing assertion.
  }, 120_000);

  it('lets an editor confirm a held seat by hand, and refuses setting holds or expiry by hand', async () => {
    const event = await openEvent(deps, { attendance: [{ mode: 'in-person', capacity: 2 }], sessions: [] });
    const held = await registered(deps, event.id, {}, '10.55.0.1');
    const other = await registered(deps, event.id, {}, '10.55.0.2');
    const refused = async (registration: Registration, status: 'held' | 'expired') => {
      const error = await changeRegistration(deps, editor, event.id, registration.id, { status }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields[0]?.path).toBe('status');
    };
    await refused(other, 'expired');
    expect(await changeRegistration(deps, editor, event.id, held.id, { status: 'confirmed' })).toMatchObject({ status: 'confirmed' });
    expect(await changeRegistration(deps, editor, event.id, other.id, { status: 'waitlisted' })).toMatchObject({ status: 'waitlisted' });
    await refused(other, 'held');
    expect((await listRegistrations(deps, event.id, {})).counts.modes[0]).toMatchObject({ confirmed: 1, held: 0, waitlisted: 1, free: 1 });
    // The queue entries went with the holds: the job finds nothing to expire.
    deps.clock.set('2026-11-23T09:00:00Z');
    expect((await runHolds(deps)).counts).toMatchObject({ holdsExpired: 0 });
    expect(await statusOf(deps, held)).toBe('confirmed');
  });
});

describe('seat confirmation over HTTP', () => {
  let api: TestApi;
  let deps: Deps;
  beforeAll(async () => {
    api = await startTestApi();
    deps = { ...(await reviewDependencies(new Date().toISOString())), store: api.store, table: api.table, publicApiUrl: api.url };
  });
  afterAll(async () => {
    await api?.stop();
  });

  const confirmLink = async (address: string) =>
    (await emailsTo(address)).at(-1)?.body.text?.match(/https?:\/\/\S+\/events\/registrations\/confirm\?token=\S+/)?.[0] ?? '';

  it('shows the button on GET and changes nothing; the POST confirms; the counts show held, confirmed and waitlisted apart', async () => {
    const event = await openEvent(deps, {
      startsAt: '2027-12-03T08:00:00Z',
      endsAt: '2027-12-03T15:00:00Z',
      sessions: [],
      attendance: [
        { mode: 'in-person', capacity: 2 },
        { mode: 'online', capacity: null },
      ],
    });
    const people = [participant(), participant(), participant()];
    for (const [index, person] of people.entries()) {
      const response = await fetch(`${api.url}/events/${event.id}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(person),
      });
      expect(response.status, `registration ${index}`).toBe(202);
    }
    const [first] = people;
    const link = await confirmLink(first?.email ?? '');
    expect(link).not.toBe('');

    const before = await partitionItems(deps, event.id);
    const shown = await fetch(link);
    expect(shown.status).toBe(200);
    const page = await shown.text();
    expect(page).toContain('<button type="submit">Bekreft plassen</button>');
    expect(page).toMatch(/Plassen er holdt for Kari Nordmann \(Fysisk oppmøte\) til <strong>\p{L}+dag \d+\. \p{L}+ \d{4} kl\. \d{2}\.\d{2}<\/strong>/u);
    // A mail scanner opening the link twice confirms nothing.
    await fetch(link);
    await fetch(link, { method: 'HEAD' }).catch(() => undefined);
    expect(await partitionItems(deps, event.id)).toEqual(before);

    const publicCounts = async () => {
      const body = (await (await fetch(`${api.url}/content/events/${event.id}`)).json()) as PublicEvent;
      return body.attendance.find((option) => option.mode === 'in-person');
    };
    const adminCounts = async () => {
      const response = await fetch(`${api.url}/admin/events/${event.id}`, { headers: { authorization: `Bearer ${await api.tokenFor('editor')}` } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { counts: { modes: { mode: string }[] } }).counts.modes.find((mode) => mode.mode === 'in-person');
    };
    expect(await publicCounts()).toEqual({ mode: 'in-person', capacity: 2, free: 0, confirmed: 0, held: 2, waitlisted: 1 });
    expect(await adminCounts()).toMatchObject({ capacity: 2, free: 0, confirmed: 0, held: 2, waitlisted: 1 });

    const confirmed = await fetch(link, { method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Plassen din er bekreftet');
    expect(await publicCounts()).toEqual({ mode: 'in-person', capacity: 2, free: 0, confirmed: 1, held: 1, waitlisted: 1 });
    expect(await adminCounts()).toMatchObject({ confirmed: 1, held: 1, waitlisted: 1, free: 0 });
    const again = await fetch(link, { method: 'POST' });
    expect(await again.text()).toContain('allerede bekreftet');

    const tampered = await fetch(`${link}x`, { method: 'POST' });
    expect(tampered.status).toBe(400);
  });

  it('refuses a confirmation after the hold expired with a clear Norwegian page, on GET and POST alike', async () => {
    const event = await openEvent(deps, {
      startsAt: '2027-12-03T08:00:00Z',
      endsAt: '2027-12-03T15:00:00Z',
      sessions: [],
      attendance: [{ mode: 'in-person', capacity: 1 }],
    });
    const late = participant();
    const next = participant();
    for (const person of [late, next]) {
      await fetch(`${api.url}/events/${event.id}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(person),
      });
    }
    const link = await confirmLink(late.email);
    // The job runs after the hold's end (the server's clock is the real one; the job's is set ahead).
    const registration = (await listRegistrations(deps, event.id, { q: late.email })).items[0];
    if (!registration?.heldUntil) throw new Error('no hold');
    deps.clock.set(registration.heldUntil);
    // (The holds from the test before end then too; this one's expiry is among those counted.)
    expect((await runHolds(deps)).counts.holdsExpired).toBeGreaterThanOrEqual(1);

    for (const method of ['GET', 'POST']) {
      const response = await fetch(link, { method });
      expect(response.status, method).toBe(409);
      const body = await response.text();
      expect(body).toContain('Fristen for å bekrefte plassen er ute');
      expect(body).toContain('ble ikke bekreftet i tide, så den er gitt videre. Du er ikke påmeldt.');
      expect(body).toContain(`href="${api.url}/events/${event.id}/registrations"`);
    }
    const items = (await listRegistrations(deps, event.id, {})).items;
    expect(items.map((item) => [item.email, item.status])).toEqual([
      [late.email, 'expired'],
      [next.email, 'held'],
    ]);
  });
});
