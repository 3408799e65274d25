import ICAL from 'ical.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../content-model';
import { changeRegistration, listRegistrations, sendMessage, updateEvent } from '../../functions/events/events-admin';
import { runJob } from '../../functions/jobs/jobs';
import { leave, register } from '../../functions/events/registration';
import { ConflictError, NotFoundError, ValidationError } from '../../functions/shared/errors';
import { conferenceInput, editor, openEvent, participant, partitionItems, registerAndConfirm } from '../support/events';
import { emailsTo, reviewDependencies, startTestApi, type TestApi } from '../support/local-stack';

type Deps = Awaited<ReturnType<typeof reviewDependencies>>;

async function refusal(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error('Expected a refusal');
}

describe('registration rules at their edges', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies('2026-11-22T09:00:00Z');
  });
  afterEach(() => deps.clock.set('2026-11-22T09:00:00Z'));

  it('fills a session to its capacity, refuses the next choice of it naming "sessions" and writing nothing, and frees it on cancel', async () => {
    const event = await openEvent(deps);
    const workshop = [];
    for (let index = 0; index < 3; index++) {
      const outcome = await registerAndConfirm(deps, event.id, participant({ sessions: ['workshop', 'apning'] }), `10.1.0.${index}`);
      expect(outcome).toMatchObject({ kind: 'registered', registration: { status: 'confirmed' } });
      if (outcome.kind === 'registered') workshop.push(outcome.registration);
    }
    const before = await partitionItems(deps, event.id);
    const error = await refusal(register(deps, event.id, participant({ sessions: ['workshop'] }), '10.1.0.9'));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual([{ path: 'sessions', message: expect.stringContaining('Workshop: risikovurdering') }]);
    expect(await partitionItems(deps, event.id)).toEqual(before);

    const withoutWorkshop = await registerAndConfirm(deps, event.id, participant({ sessions: ['apning'] }), '10.1.0.9');
    expect(withoutWorkshop).toMatchObject({ kind: 'registered', registration: { status: 'confirmed' } });

    const first = workshop[0];
    if (!first) throw new Error('no registration');
    await leave(deps, event.id, first.id);
    const { counts } = await listRegistrations(deps, event.id, {});
    expect(counts.sessions.find((session) => session.sessionId === 'workshop')).toMatchObject({ capacity: 3, confirmed: 2, free: 1 });
    expect(counts.sessions.find((session) => session.sessionId === 'apning')).toMatchObject({ confirmed: 3 });
    expect(await register(deps, event.id, participant({ sessions: ['workshop'] }), '10.1.0.10')).toMatchObject({ kind: 'registered' });
  });

  it('keeps one registration per address (any letter case), tells only the owner, and lets them register again after cancelling', async () => {
    const event = await openEvent(deps);
    const person = participant();
    const first = await register(deps, event.id, person, '10.2.0.1');
    const again = await register(deps, event.id, participant({ ...person, email: person.email.toUpperCase(), mode: 'online' }), '10.2.0.2');
    expect(again).toEqual({ kind: 'already-registered', event: expect.objectContaining({ id: event.id }) });
    const { items, counts } = await listRegistrations(deps, event.id, {});
    expect(items).toHaveLength(1);
    expect(counts.modes.map((count) => [count.held, count.confirmed])).toEqual([
      [1, 0],
      [0, 0],
    ]);
    const emails = await emailsTo(person.email);
    expect(emails.map((email) => email.subject)).toEqual([
      expect.stringMatching(/^Bekreft plassen din/),
      expect.stringMatching(/^Du har allerede en plass som venter på bekreftelse/),
    ]);
    // The second email repeats the confirm link, so someone who lost the first can still confirm.
    expect(emails[1]?.body.text).toMatch(/\/events\/registrations\/confirm\?token=/);

    if (first.kind !== 'registered') throw new Error('not registered');
    await leave(deps, event.id, first.registration.id);
    expect(await register(deps, event.id, person, '10.2.0.3')).toMatchObject({ kind: 'registered', registration: { status: 'held' } });
  });

  it('accepts the last moment before registration closes and refuses from then on, and refuses closed, cancelled and draft events', async () => {
    const event = await openEvent(deps, { registrationClosesAt: '2026-12-01T11:00:00Z' });
    deps.clock.set('2026-12-01T10:59:59.999Z');
    expect(await register(deps, event.id, participant(), '10.3.0.1')).toMatchObject({ kind: 'registered' });
    deps.clock.set('2026-12-01T11:00:00.000Z');
    const before = await partitionItems(deps, event.id);
    const late = await refusal(register(deps, event.id, participant(), '10.3.0.2'));
    expect(late).toBeInstanceOf(ConflictError);
    expect((late as Error).message).toBe('Påmeldingsfristen er ute.');
    expect(await partitionItems(deps, event.id)).toEqual(before);
    deps.clock.set('2026-11-22T09:00:00Z');

    const closed = await openEvent(deps);
    await updateEvent(deps, editor, closed.id, { ...conferenceInput(), status: 'closed', expectedRevision: closed.revision });
    expect(((await refusal(register(deps, closed.id, participant(), '10.3.0.3'))) as Error).message).toBe('Påmeldingen er stengt.');

    const cancelled = await openEvent(deps);
    await updateEvent(deps, editor, cancelled.id, { ...conferenceInput(), status: 'cancelled', expectedRevision: cancelled.revision });
    expect(((await refusal(register(deps, cancelled.id, participant(), '10.3.0.4'))) as Error).message).toBe('Arrangementet er avlyst.');

    const { createEvent } = await import('../../functions/events/events-admin');
    const draft = await createEvent(deps, editor, conferenceInput());
    expect(await refusal(register(deps, draft.id, participant(), '10.3.0.5'))).toBeInstanceOf(NotFoundError);
  });

  it('refuses answers, modes and sessions the event does not have, naming each field and writing nothing', async () => {
    const event = await openEvent(deps, { attendance: [{ mode: 'online', capacity: null }], venue: null });
    const before = await partitionItems(deps, event.id);
    const cases: [Record<string, unknown>, string][] = [
      [{ mode: 'online', answers: {} }, 'answers.rolle'],
      [{ mode: 'online', answers: { rolle: 'Jurist', sko: '42' } }, 'answers.sko'],
      [{ mode: 'in-person' }, 'mode'],
      [{ mode: 'online', sessions: ['finnes-ikke'] }, 'sessions'],
    ];
    for (const [overrides, path] of cases) {
      const error = await refusal(register(deps, event.id, participant(overrides), '10.4.0.1'));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).fields.map((field) => field.path)).toEqual([path]);
    }
    expect(await partitionItems(deps, event.id)).toEqual(before);
  });

  it('lets an editor check people in and move them between the waitlist and a seat by hand, with an audit record', async () => {
    const event = await openEvent(deps, { attendance: [{ mode: 'in-person', capacity: 1 }], sessions: [] });
    const first = await registerAndConfirm(deps, event.id, participant(), '10.5.0.1');
    const second = await register(deps, event.id, participant(), '10.5.0.2');
    if (first.kind !== 'registered' || second.kind !== 'registered') throw new Error('not registered');
    expect(second.registration.status).toBe('waitlisted');

    const checkedIn = await changeRegistration(deps, editor, event.id, first.registration.id, { checkedIn: true });
    expect(checkedIn.checkedInAt).toBe('2026-11-22T09:00:00.000Z');
    const waitlistedCheckIn = await refusal(changeRegistration(deps, editor, event.id, second.registration.id, { checkedIn: true }));
    expect((waitlistedCheckIn as ValidationError).fields[0]?.path).toBe('checkedIn');

    // Giving the waitlisted person a seat by hand may overbook; the count shows it.
    await changeRegistration(deps, editor, event.id, second.registration.id, { status: 'confirmed' });
    let { counts } = await listRegistrations(deps, event.id, {});
    expect(counts.modes[0]).toMatchObject({ capacity: 1, confirmed: 2, waitlisted: 0, checkedIn: 1, free: 0 });

    // Moving the first to the waitlist puts them at the back and hands the seat to nobody.
    const moved = await changeRegistration(deps, editor, event.id, first.registration.id, { status: 'waitlisted' });
    expect(moved).toMatchObject({ status: 'waitlisted', checkedInAt: null });
    ({ counts } = await listRegistrations(deps, event.id, {}));
    expect(counts.modes[0]).toMatchObject({ confirmed: 1, waitlisted: 1, checkedIn: 0 });
    const audit = await deps.store.audit.listFor('event', event.id);
    expect(audit.map((record) => record.action)).toEqual(expect.arrayContaining(['checked-in', 'registration-confirmed', 'registration-waitlisted']));
    expect(audit.find((record) => record.action === 'checked-in')?.by).toBe(editor.username);
  });

  it('promotes from the waitlist when an editor raises the capacity', async () => {
    const event = await openEvent(deps, { attendance: [{ mode: 'in-person', capacity: 1 }], sessions: [] });
    const outcomes = [];
    for (const index of [0, 1, 2]) outcomes.push(await register(deps, event.id, participant(), `10.6.0.${index}`));
    const line = outcomes.flatMap((outcome) => (outcome.kind === 'registered' && outcome.registration.status === 'waitlisted' ? [outcome.registration] : []));
    line.sort((a, b) => (a.waitlistKey ?? '').localeCompare(b.waitlistKey ?? ''));
    expect(line).toHaveLength(2);
    await updateEvent(deps, editor, event.id, {
      ...conferenceInput({ attendance: [{ mode: 'in-person', capacity: 2 }], sessions: [] }),
      status: 'open',
      expectedRevision: event.revision,
    });
    const { items } = await listRegistrations(deps, event.id, {});
    const statusOf = (id: string | undefined) => items.find((registration) => registration.id === id)?.status;
    // The first in line is offered the new seat: held for them until they confirm it.
    expect([statusOf(line[0]?.id), statusOf(line[1]?.id)]).toEqual(['held', 'waitlisted']);
    const subjects = (await emailsTo(line[0]?.email ?? '')).map((email) => email.subject);
    expect(subjects).toEqual([expect.stringMatching(/^Du står på venteliste/), expect.stringMatching(/^Du har fått plass – bekreft den/)]);
  });
});

describe('calendar files, reminders and retention', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies('2026-11-22T09:00:00Z');
  });
  afterEach(() => deps.clock.set('2026-11-22T09:00:00Z'));

  it('attaches an .ics whose times are right in Europe/Oslo', async () => {
    const event = await openEvent(deps);
    const person = participant();
    await registerAndConfirm(deps, event.id, person, '10.7.0.1');
    const [held, confirmation] = await emailsTo(person.email);
    // No calendar entry for a seat that is only held.
    expect(held?.attachments).toHaveLength(0);
    const ics = confirmation?.attachments.find((attachment) => attachment.filename?.endsWith('.ics'));
    expect(ics).toBeDefined();
    const calendar = new ICAL.Component(ICAL.parse(Buffer.from(ics?.content ?? '', 'base64').toString('utf8')));
    const timezone = calendar.getFirstSubcomponent('vtimezone');
    if (timezone) ICAL.TimezoneService.register(new ICAL.Timezone(timezone));
    const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent') ?? undefined);
    expect(vevent.startDate.zone?.tzid).toBe('Europe/Oslo');
    expect(vevent.startDate.toString()).toBe('2026-12-03T09:00:00');
    expect(vevent.startDate.toJSDate().toISOString()).toBe('2026-12-03T08:00:00.000Z');
    expect(vevent.endDate.toJSDate().toISOString()).toBe('2026-12-03T15:00:00.000Z');
    expect(vevent.summary).toBe('Normkonferansen 2026');
  });

  it('sends the reminder once per participant, with the stream link only to those online', async () => {
    const event = await openEvent(deps, { sessions: [] });
    const inPerson = participant();
    const online = participant({ mode: 'online' });
    const waiting = participant();
    await registerAndConfirm(deps, event.id, inPerson, '10.8.0.1');
    await register(deps, event.id, online, '10.8.0.2');
    const waitlisted = await openEvent(deps, { attendance: [{ mode: 'in-person', capacity: 1 }], sessions: [] });
    await registerAndConfirm(deps, waitlisted.id, participant(), '10.8.0.3');
    await register(deps, waitlisted.id, waiting, '10.8.0.4');

    // The reminder is due 24 hours before the start (2026-12-02 08:00Z); not a minute earlier.
    deps.clock.set('2026-12-02T07:59:00Z');
    await runJob(deps, 'event-notifications', { kind: 'schedule', by: null });
    expect((await emailsTo(inPerson.email)).filter((email) => email.subject.startsWith('Påminnelse'))).toHaveLength(0);

    deps.clock.set('2026-12-02T08:00:00Z');
    const run = await runJob(deps, 'event-notifications', { kind: 'schedule', by: null });
    await runJob(deps, 'event-notifications', { kind: 'schedule', by: null });
    deps.clock.set('2026-12-02T09:00:00Z');
    await runJob(deps, 'event-notifications', { kind: 'schedule', by: null });
    expect(run.status).toBe('succeeded');

    const reminders = async (address: string) => (await emailsTo(address)).filter((email) => email.subject.startsWith('Påminnelse'));
    const [inPersonReminder, ...inPersonExtra] = await reminders(inPerson.email);
    const [onlineReminder, ...onlineExtra] = await reminders(online.email);
    expect(inPersonExtra).toHaveLength(0);
    expect(onlineExtra).toHaveLength(0);
    expect(onlineReminder?.body.text).toContain('https://stream.normen.no/konferansen-2026');
    expect(inPersonReminder?.body.text).not.toContain('stream.normen.no');
    expect(await reminders(waiting.email)).toHaveLength(0);
    const [mailing] = (await deps.store.mailings.list(event.id)).filter((candidate) => candidate.kind === 'reminder');
    expect(mailing).toMatchObject({ status: 'sent', sent: 2 });
    deps.clock.set('2026-11-22T09:00:00Z');
  });

  it('emails every participant once when an editor writes to them or moves the event, with an updated calendar entry', async () => {
    const event = await openEvent(deps, { sessions: [] });
    const person = participant();
    await registerAndConfirm(deps, event.id, person, '10.9.0.1');
    await sendMessage(deps, editor, event.id, { subject: 'Praktisk informasjon', body: 'Ta med legitimasjon.', audience: 'all' });
    await updateEvent(deps, editor, event.id, {
      ...conferenceInput({ sessions: [], startsAt: '2026-12-04T08:00:00Z', endsAt: '2026-12-04T15:00:00Z' }),
      status: 'open',
      expectedRevision: event.revision,
    });
    await runJob(deps, 'event-notifications', { kind: 'schedule', by: null });
    await runJob(deps, 'event-notifications', { kind: 'schedule', by: null });
    const subjects = (await emailsTo(person.email)).map((email) => email.subject);
    expect(subjects.filter((subject) => subject === 'Praktisk informasjon')).toHaveLength(1);
    expect(subjects.filter((subject) => subject.startsWith('Endret'))).toHaveLength(1);
    const changed = (await emailsTo(person.email)).find((email) => email.subject.startsWith('Endret'));
    const ics = Buffer.from(changed?.attachments[0]?.content ?? '', 'base64').toString('utf8');
    expect(ics).toContain('SEQUENCE:1');
    expect(ics).toContain('DTSTART;TZID=Europe/Oslo:20261204T090000');
  });

  it('anonymises participants after the retention period and not before, keeping the counts', async () => {
    const event = await openEvent(deps, { sessions: [], retentionDays: 90 });
    const people = [participant({ answers: { rolle: 'Jurist', mat: 'Nøtteallergi' } }), participant({ mode: 'online' })];
    for (const [index, person] of people.entries()) await register(deps, event.id, person, `10.10.0.${index}`);
    const countsBefore = (await listRegistrations(deps, event.id, {})).counts;

    // The event ends 2026-12-03 15:00Z; 90 days later is 2027-03-03 15:00Z.
    deps.clock.set('2027-03-03T14:59:00Z');
    await runJob(deps, 'event-retention', { kind: 'schedule', by: null });
    expect((await listRegistrations(deps, event.id, {})).items.map((registration) => registration.email).sort()).toEqual(
      people.map((person) => person.email).sort(),
    );

    deps.clock.set('2027-03-03T15:00:00Z');
    const run = await runJob(deps, 'event-retention', { kind: 'schedule', by: null });
    // Earlier events in this file are past their retention too; this one's participants are among them.
    expect(run.counts.participantsAnonymised).toBeGreaterThanOrEqual(2);
    const after = await listRegistrations(deps, event.id, {});
    for (const registration of after.items) {
      expect(registration).toMatchObject({ name: '', email: '', organisation: '', answers: {}, anonymisedAt: '2027-03-03T15:00:00.000Z' });
    }
    expect(after.counts).toEqual(countsBefore);
    expect(JSON.stringify(await partitionItems(deps, event.id))).not.toContain('@sykehus.no');
    expect((await deps.store.events.get(event.id))?.anonymisedAt).toBe('2027-03-03T15:00:00.000Z');
    deps.clock.set('2026-11-22T09:00:00Z');
  });
});

describe('registration over HTTP', () => {
  let api: TestApi;
  let deps: Deps;
  beforeAll(async () => {
    api = await startTestApi();
    deps = { ...(await reviewDependencies()), store: api.store, table: api.table, publicApiUrl: api.url };
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('answers bad JSON with a 400 naming the field, and a registration with 202 whatever the address', async () => {
    const event = await openEvent(deps, { startsAt: '2027-12-03T08:00:00Z', endsAt: '2027-12-03T15:00:00Z', sessions: [] });
    const post = (body: unknown) =>
      fetch(`${api.url}/events/${event.id}/registrations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const person = participant();
    const invalid = await post({ ...person, email: 'ikke-en-adresse' });
    expect(invalid.status).toBe(400);
    expect(errorResponseSchema.parse(await invalid.json()).error.fields.map((field) => field.path)).toEqual(['email']);
    expect((await listRegistrations(deps, event.id, {})).items).toHaveLength(0);

    const first = await post(person);
    const second = await post(person);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(await first.json()).toEqual(await second.json());
    expect((await listRegistrations(deps, event.id, {})).items).toHaveLength(1);
  });

  it('registers through the plain form, and the cancel link in the email frees the seat for the first in line', async () => {
    const event = await openEvent(deps, {
      startsAt: '2027-12-03T08:00:00Z',
      endsAt: '2027-12-03T15:00:00Z',
      sessions: [],
      attendance: [{ mode: 'in-person', capacity: 1 }],
    });
    const form = await fetch(`${api.url}/events/${event.id}/registrations`);
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain('<form method="post" action="registrations"');
    expect(page).toContain('name="answers.rolle"');

    const submit = (email: string, extra: Record<string, string> = {}) =>
      fetch(`${api.url}/events/${event.id}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          name: 'Ola Nordmann',
          email,
          organisation: 'Bodø kommune',
          mode: 'in-person',
          'answers.rolle': 'Sikkerhetsleder',
          ...extra,
        }).toString(),
      });
    const missingRole = await submit('ola@bodo.kommune.no', { 'answers.rolle': '' });
    expect(missingRole.status).toBe(400);
    expect(await missingRole.text()).toContain('«Rolle» må fylles ut');

    const seated = `sete-${Date.now()}@bodo.kommune.no`;
    const waiting = `venter-${Date.now()}@bodo.kommune.no`;
    const received = await submit(seated);
    expect(received.status).toBe(202);
    expect(await received.text()).toContain('Påmeldingen er mottatt');
    await submit(waiting);
    expect((await emailsTo(waiting)).at(-1)?.subject).toMatch(/^Du står på venteliste/);

    const link = (await emailsTo(seated)).at(-1)?.body.text?.match(/https?:\/\/\S+\/events\/registrations\/cancel\?token=\S+/)?.[0];
    expect(link).toBeDefined();
    const cancelPage = await fetch(link ?? '');
    expect(await cancelPage.text()).toContain('Meld meg av');
    const cancelled = await fetch(link ?? '', { method: 'POST' });
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain('Du er meldt av');
    const { items } = await listRegistrations(deps, event.id, {});
    expect(items.map((registration) => [registration.email, registration.status])).toEqual([
      [seated, 'cancelled'],
      [waiting, 'held'],
    ]);
    expect((await emailsTo(waiting)).at(-1)?.subject).toMatch(/^Du har fått plass – bekreft den/);
    const again = await fetch(link ?? '', { method: 'POST' });
    expect(await again.text()).toContain('allerede avmeldt');

    const tampered = await fetch(`${link ?? ''}x`, { method: 'POST' });
    expect(tampered.status).toBe(400);
  });

  it('lists upcoming events with free seats and never the stream link', async () => {
    const event = await openEvent(deps, { startsAt: '2027-12-03T08:00:00Z', endsAt: '2027-12-03T15:00:00Z', sessions: [] });
    await register(deps, event.id, participant(), '10.11.0.1');
    const response = await fetch(`${api.url}/content/events`);
    const body = await response.text();
    expect(body).not.toContain('stream.normen.no');
    const listed = (JSON.parse(body) as { items: { id: string; attendance: { mode: string; free: number | null }[] }[] }).items.find(
      (item) => item.id === event.id,
    );
    expect(listed?.attendance).toEqual([
      { mode: 'in-person', capacity: 100, free: 99, held: 1, confirmed: 0, waitlisted: 0 },
      { mode: 'online', capacity: null, free: null, held: 0, confirmed: 0, waitlisted: 0 },
    ]);
  });
});
