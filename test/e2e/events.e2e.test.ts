import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays, eventWithCountsSchema, osloDate, registrationSchema, type EventInput, type EventWithCounts } from '../../content-model';
import { instantFromOsloInput, osloInputValue } from '../../cms/src/events/osloTimeInput';
import { createStore } from '../../functions/store';
import { createTable } from '../../functions/shared/db/client';
import { readSentEmails } from '../../local/services';
import { localRegion } from '../../local/services/support';
import {
  apiAs,
  apiAsRole,
  expectAbsent,
  expectAccessible,
  expectRowCount,
  expectVisible,
  settled,
  logIn,
  openMenu,
  selectOption,
  useBrowserSystem,
} from './browser';

/**
 * Events in the CMS and the public registration form, in a real browser against the whole local
 * system with the demo seed: a participant registers through the plain HTML form without logging
 * in and confirms her held seat behind the link in the email; the editor finds her on the event page, checks her in, sees the waitlist, filters and exports
 * the registrations as CSV, cancels her (the seat is offered to the waitlist, and the editor confirms it for Ola) and emails the participants; an editor creates an event in the form in Oslo time and opens it; a
 * committee member sees no events. Own ports, so it runs beside the other browser tests.
 */
const e2e = useBrowserSystem('normen-events-e2e-');

/** Unique to this run, so nothing from the seed or another run matches. */
const run = Date.now().toString(36);

const registrationList = z.object({ items: z.array(registrationSchema) });

type Api = Awaited<ReturnType<typeof apiAs>>;

/** An Oslo wall-clock time `days` from today, as an ISO instant. */
function osloInstant(days: number, time: string): string {
  const instant = instantFromOsloInput(`${addDays(osloDate(new Date()), days)}T${time}`);
  if (!instant) throw new Error(`Not a time: ${time}`);
  return instant;
}

/** Creates an event as a draft through the editor API and opens it for registration. */
async function createOpenEvent(api: Api, input: EventInput): Promise<EventWithCounts> {
  const created = await api('POST', '/admin/events', input);
  expect(created.status, await created.clone().text()).toBe(201);
  const draft = eventWithCountsSchema.parse(await created.json());
  expect(draft.status).toBe('draft');
  const { id, status, sequence, createdAt, createdBy, lastChangedAt, lastChangedBy, revision, anonymisedAt, counts, ...fields } = draft;
  const opened = await api('PUT', `/admin/events/${id}`, { ...fields, status: 'open', expectedRevision: revision });
  expect(opened.status, await opened.clone().text()).toBe(200);
  return eventWithCountsSchema.parse(await opened.json());
}

/** The row of one participant in the registrations table. */
function registrationRow(page: Page, name: string): Locator {
  return page.getByRole('table', { name: 'Påmeldinger' }).getByRole('row', { name: `Påmelding: ${name}` });
}

/** The event's start and end (required, so their labels end in an asterisk); the program has none yet. */
const startsAtInput = (page: Page) => page.getByLabel(/^Starter/);
const endsAtInput = (page: Page) => page.getByLabel(/^Slutter/);

async function downloadCsv(page: Page): Promise<{ fileName: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksporter CSV' }).click()]);
  return { fileName: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

describe('Events', () => {
  it('lets a participant register on the public form, and the editor find, check in, filter and export her', async () => {
    const startedAt = Math.floor(Date.now() / 1000);
    const editor = await logIn(e2e.browser, e2e.system, 'editor');
    const api = await apiAs(editor, e2e.system);
    const title = `Normkonferansen ${run}`;
    // One seat in the room, so the second participant ends up on the waitlist.
    const event = await createOpenEvent(api, {
      type: 'conference',
      title,
      description: '<p>Årets konferanse om informasjonssikkerhet og personvern.</p>',
      startsAt: osloInstant(30, '09:00'),
      endsAt: osloInstant(30, '16:00'),
      venue: 'Oslo kongressenter',
      attendance: [
        { mode: 'in-person', capacity: 1 },
        { mode: 'online', capacity: null },
      ],
      registrationOpensAt: null,
      registrationClosesAt: null,
      sessions: [],
      questions: [{ kind: 'dietary', label: 'Allergier og matbehov', required: false }],
      eligibility: 'For personvernombud og sikkerhetsledere',
      streamingUrl: null,
      reminderHoursBefore: 24,
      retentionDays: 90,
      holdHours: 24,
    });

    // The participant: no login, the plain HTML form.
    const participant = { name: 'Kari Nordmann', email: `kari-${run}@sykehus.example`, organisation: 'Helse Nord RHF' };
    const visitor = await e2e.browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
    const form = await visitor.newPage();
    const shown = await form.goto(`${e2e.system.apiUrl}/events/${event.id}/registrations`);
    expect(shown?.status()).toBe(200);
    await expectVisible(form.getByRole('heading', { level: 1, name: title }));
    await form.getByRole('textbox', { name: 'Navn', exact: true }).fill(participant.name);
    await form.getByRole('textbox', { name: 'E-post', exact: true }).fill(participant.email);
    await form.getByRole('textbox', { name: 'Virksomhet / organisasjon' }).fill(participant.organisation);
    // One seat left in the room, as the form says.
    await form.getByRole('radio', { name: 'Fysisk oppmøte (1 ledig plass)' }).check();
    await form.getByRole('textbox', { name: 'Allergier og matbehov (valgfritt)' }).fill('Glutenfri');
    await form.getByRole('button', { name: 'Meld meg på' }).click();
    await expectVisible(form.getByRole('heading', { level: 2, name: 'Takk! Påmeldingen er mottatt' }));
    expect(await form.title()).toBe('Påmeldingen er mottatt – Normen');

    // The seat is held until Kari presses «Bekreft plassen» behind the link in her email (sent before the page answered).
    const holdEmail = (await readSentEmails(e2e.system.sesEndpoint, startedAt)).find((email) => email.destination.to.includes(participant.email));
    expect(holdEmail?.subject).toBe(`Bekreft plassen din: ${title}`);
    expect(holdEmail?.body.text).toMatch(/Plassen er holdt for deg til \p{L}+dag \d+\. \p{L}+ \d{4} kl\. \d{2}\.\d{2}\./u);
    const confirmLink = holdEmail?.body.text?.match(/https?:\/\/\S+\/events\/registrations\/confirm\?token=\S+/)?.[0] ?? '';
    expect(confirmLink).not.toBe('');
    const heldNow = registrationList.parse(await (await api('GET', `/admin/events/${event.id}/registrations`)).json()).items;
    expect(heldNow.map((registration) => registration.status)).toEqual(['held']);
    const confirmPage = await form.goto(confirmLink);
    expect(confirmPage?.status()).toBe(200);
    await form.getByRole('button', { name: 'Bekreft plassen' }).click();
    await expectVisible(form.getByText('Takk! Plassen din er bekreftet, og du er påmeldt.', { exact: false }));
    await visitor.close();

    // A second participant (through the JSON API) finds the one seat taken and is put on the waitlist.
    const waiting = { name: 'Ola Venter', email: `ola-${run}@kommune.example`, organisation: 'Bodø kommune' };
    const second = await fetch(`${e2e.system.apiUrl}/events/${event.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ ...waiting, mode: 'in-person', answers: {} }),
    });
    expect(second.status).toBe(202);
    const registered = registrationList.parse(await (await api('GET', `/admin/events/${event.id}/registrations`)).json()).items;
    expect(registered.map((registration) => [registration.email, registration.status])).toEqual([
      [participant.email, 'confirmed'],
      [waiting.email, 'waitlisted'],
    ]);

    // The editor finds the event in the list, start shown in Oslo time with the seat taken.
    await openMenu(editor, 'Arrangementer');
    const listRow = editor.getByRole('row').filter({ hasText: title });
    await expectVisible(listRow.getByText('Åpen for påmelding', { exact: true }));
    await expectVisible(listRow.getByText('1 av 1', { exact: true }));
    await expectVisible(listRow.getByText(/09:00/));
    await listRow.getByText(title, { exact: true }).click();

    // The event page: summary with counts, and both participants in registration order.
    await expectVisible(editor.getByRole('heading', { level: 1, name: title }));
    await expectVisible(editor.getByRole('group', { name: 'Status' }).getByText('Åpen for påmelding', { exact: true }));
    const formLink = editor.getByRole('link', { name: 'Påmeldingsskjemaet' });
    expect(await formLink.getAttribute('href')).toBe(`${e2e.system.apiUrl}/events/${event.id}/registrations`);
    const inPerson = editor.getByRole('table', { name: 'Påmeldte per deltakelsesform' }).getByRole('row', { name: 'Fysisk oppmøte' });
    // Seats, confirmed, held, free, waitlisted, checked in.
    expect(await inPerson.getByRole('cell').allTextContents()).toEqual(['1', '1', '0', '0', '1', '0']);
    const kari = registrationRow(editor, participant.name);
    await expectVisible(kari.getByText(participant.email, { exact: true }));
    await expectVisible(kari.getByText(participant.organisation));
    await expectVisible(kari.getByText('Påmeldt', { exact: true }));
    await expectVisible(kari.getByText('Allergier og matbehov: Glutenfri'));
    await expectVisible(registrationRow(editor, waiting.name).getByText('Venteliste', { exact: true }));
    const rows = editor.getByRole('table', { name: 'Påmeldinger' }).getByRole('row', { name: /^Påmelding: / });
    expect(await rows.allTextContents()).toEqual([expect.stringContaining(participant.name), expect.stringContaining(waiting.name)]);

    // Check-in at the door.
    await kari.getByRole('button', { name: 'Sjekk inn' }).click();
    await expectVisible(editor.getByText(`${participant.name} er sjekket inn`));
    await expectVisible(kari.getByText(/^Sjekket inn /));
    await expectVisible(kari.getByRole('button', { name: 'Angre innsjekking' }));
    const checkedIn = registrationList.parse(
      await (await api('GET', `/admin/events/${event.id}/registrations?q=${encodeURIComponent(participant.email)}`)).json(),
    ).items;
    expect(checkedIn).toHaveLength(1);
    expect(checkedIn[0]?.checkedInAt).not.toBeNull();
    await expectVisible(inPerson.getByRole('cell').last().getByText('1', { exact: true }));

    // The whole list as CSV (semicolons and a byte order mark, for Excel) holds both.
    const all = await downloadCsv(editor);
    expect(all.fileName).toBe(`pameldinger-normkonferansen-${run}.csv`);
    expect(all.text).toContain(participant.email);
    expect(all.text).toContain(waiting.email);
    expect(all.text.startsWith('\uFEFF')).toBe(true);
    expect(all.text.split(/\r?\n/)[0]).toContain(';');

    // Filtered to the waitlist: the table and the export show only Ola.
    await selectOption(editor, 'Status', 'Venteliste');
    await expectRowCount(rows, 1);
    await expectVisible(registrationRow(editor, waiting.name));
    const waitlist = await downloadCsv(editor);
    expect(waitlist.text).toContain(waiting.email);
    expect(waitlist.text).not.toContain(participant.email);

    // A search by address finds Kari again.
    await selectOption(editor, 'Status', 'Alle');
    await editor.getByRole('textbox', { name: 'Søk på navn, e-post eller virksomhet' }).fill(`kari-${run}`);
    await expectRowCount(rows, 1);
    await expectVisible(registrationRow(editor, participant.name));

    // Kari cancels by phone: after a confirmation her seat goes to Ola, first on the waitlist.
    await kari.getByRole('button', { name: 'Avmeld' }).click();
    const confirm = editor.getByRole('dialog', { name: 'Avmeld deltaker' });
    await expectVisible(confirm.getByText(/Plassen går til den første på ventelisten/));
    await confirm.getByRole('button', { name: 'Avmeld' }).click();
    await expectVisible(editor.getByText(`${participant.name} er meldt av`));
    await expectVisible(kari.getByText('Avmeldt', { exact: true }));
    await expectAbsent(editor, kari.getByRole('button', { name: 'Avmeld' }));
    await editor.getByRole('textbox', { name: 'Søk på navn, e-post eller virksomhet' }).fill('');
    await expectRowCount(rows, 2);
    // Ola is offered the seat: held for him until he confirms it; he confirms by phone, so the editor does it.
    const ola = registrationRow(editor, waiting.name);
    await expectVisible(ola.getByText('Plass holdt (ikke bekreftet)', { exact: true }));
    await expectVisible(ola.getByText(/^Holdt til /));
    await ola.getByRole('button', { name: 'Bekreft plassen' }).click();
    await expectVisible(editor.getByText(`Plassen til ${waiting.name} er bekreftet`));
    await expectVisible(ola.getByText('Påmeldt', { exact: true }));
    const after = registrationList.parse(await (await api('GET', `/admin/events/${event.id}/registrations`)).json()).items;
    expect(after.map((registration) => [registration.email, registration.status])).toEqual([
      [participant.email, 'cancelled'],
      [waiting.email, 'confirmed'],
    ]);

    // A message to the confirmed participants, queued for the notification job.
    const subject = `Praktisk informasjon ${run}`;
    await editor.getByRole('button', { name: 'Send e-post til deltakerne' }).click();
    const compose = editor.getByRole('dialog', { name: 'Send e-post til deltakerne' });
    await compose.getByRole('textbox', { name: 'Emne' }).fill(subject);
    await compose.getByRole('textbox', { name: 'Melding' }).fill('Dørene åpner kl. 08.30. Ta med legitimasjon.');
    await compose.getByRole('button', { name: 'Send e-post' }).click();
    await expectVisible(editor.getByText('E-posten er lagt i kø og sendes i løpet av noen minutter'));
    const mailing = editor.getByRole('table', { name: 'E-poster til deltakerne' }).getByRole('row', { name: `E-post: ${subject}` });
    await expectVisible(mailing.getByText('Venter på utsending', { exact: true }));
    await expectVisible(mailing.getByText('Påmeldte', { exact: true }));

    // An admin runs the job now; the page then shows it sent, to Ola only.
    const jobRun = await (await apiAsRole(e2e.system, 'admin'))('POST', '/admin/jobs/event-notifications/runs');
    expect(jobRun.ok, await jobRun.clone().text()).toBe(true);
    await editor.reload();
    await expectVisible(mailing.getByText(/^Sendt /));
    expect(await mailing.getByRole('cell').last().textContent()).toBe('1');
    const delivered = (await readSentEmails(e2e.system.sesEndpoint, startedAt)).filter((email) => email.subject === subject);
    expect(delivered.flatMap((email) => email.destination.to).join()).toContain(waiting.email);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.body.text).toContain('Dørene åpner kl. 08.30. Ta med legitimasjon.');
    await editor.context().close();
  }, 150_000);

  it('lets an editor create an event in Oslo time in the form, and open it for registration', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'editor');
    const api = await apiAs(page, e2e.system);
    await openMenu(page, 'Arrangementer');
    await page.getByRole('link', { name: 'Nytt arrangement' }).click();
    // The list has a "Type" filter too: wait for the form before picking.
    await expectVisible(page.getByRole('heading', { name: 'Arrangementet' }));
    const title = `Webinar om tilgangsstyring ${run}`;
    const day = addDays(osloDate(new Date()), 60);
    await selectOption(page, 'Type', 'Webinar');
    await page.getByRole('textbox', { name: 'Tittel', exact: true }).fill(title);
    await startsAtInput(page).fill(`${day}T13:00`);
    await endsAtInput(page).fill(`${day}T14:30`);
    // Online only: no venue needed.
    await selectOption(page, 'Deltakelsesform', 'Digitalt (strømming)');
    await page.getByRole('button', { name: 'Lagre' }).click();

    await expectVisible(page.getByRole('heading', { level: 1, name: title }));
    await expectVisible(page.getByRole('group', { name: 'Status' }).getByText('Utkast', { exact: true }));
    const id = decodeURIComponent(/#\/events\/([^/]+)\/show/.exec(page.url())?.[1] ?? '');
    const created = eventWithCountsSchema.parse(await (await api('GET', `/admin/events/${id}`)).json());
    // Read as Oslo time, whatever the browser's zone.
    expect(osloInputValue(created.startsAt)).toBe(`${day}T13:00`);
    expect(osloInputValue(created.endsAt)).toBe(`${day}T14:30`);
    expect(created).toMatchObject({ type: 'webinar', status: 'draft', attendance: [{ mode: 'online', capacity: null }], reminderHoursBefore: 24 });

    // Open it for registration on the edit page; the times shown are the Oslo times typed.
    await page.getByRole('link', { name: 'Rediger' }).click();
    expect(await startsAtInput(page).inputValue()).toBe(`${day}T13:00`);
    await selectOption(page, 'Status', 'Åpen for påmelding');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expectVisible(page.getByRole('group', { name: 'Status' }).getByText('Åpen for påmelding', { exact: true }));
    const opened = eventWithCountsSchema.parse(await (await api('GET', `/admin/events/${id}`)).json());
    expect(opened).toMatchObject({ status: 'open', startsAt: created.startsAt, endsAt: created.endsAt });
    await page.context().close();
  }, 90_000);

  it('shows the API’s objections on the form: a mode with participants stays, and a stale edit is refused', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'editor');
    const api = await apiAs(page, e2e.system);
    const title = `Nettverksmøte ${run}`;
    const event = await createOpenEvent(api, {
      type: 'network-meeting',
      title,
      description: '',
      startsAt: osloInstant(20, '10:00'),
      endsAt: osloInstant(20, '12:00'),
      venue: 'Bergen',
      attendance: [
        { mode: 'in-person', capacity: 30 },
        { mode: 'online', capacity: null },
      ],
      registrationOpensAt: null,
      registrationClosesAt: null,
      sessions: [],
      questions: [],
      eligibility: '',
      streamingUrl: null,
      reminderHoursBefore: 24,
      retentionDays: 90,
      holdHours: 24,
    });
    const registered = await fetch(`${e2e.system.apiUrl}/events/${event.id}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ name: 'Per Fremmøtt', email: `per-${run}@klinikk.example`, organisation: 'Klinikken', mode: 'in-person' }),
    });
    expect(registered.status).toBe(202);

    // Only the server knows who has registered: removing in-person attendance is refused on that input.
    await page.goto(`${e2e.system.cmsUrl}#/events/${event.id}`);
    await expectVisible(page.getByRole('heading', { name: 'Arrangementet' }));
    await settled(page);
    await page.locator('.ra-input-attendance').getByRole('button', { name: 'Fjern' }).first().click();
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expectVisible(page.locator('.ra-input-attendance').getByText('Fysisk oppmøte har påmeldte og kan ikke fjernes'));
    expect(eventWithCountsSchema.parse(await (await api('GET', `/admin/events/${event.id}`)).json()).attendance).toHaveLength(2);

    // Someone else saves first: the stale edit is refused, not lost silently.
    await page.reload();
    await expectVisible(page.getByRole('textbox', { name: 'Sted' }));
    await settled(page);
    const current = eventWithCountsSchema.parse(await (await api('GET', `/admin/events/${event.id}`)).json());
    const { id, status, sequence, createdAt, createdBy, lastChangedAt, lastChangedBy, revision, anonymisedAt, counts, ...fields } = current;
    expect((await api('PUT', `/admin/events/${id}`, { ...fields, eligibility: 'For alle i nettverket', status, expectedRevision: revision })).status).toBe(200);
    await page.getByRole('textbox', { name: 'Sted' }).fill('Bergen sentrum');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expectVisible(page.getByText('Arrangementet er endret av noen andre – last inn på nytt'));
    expect(eventWithCountsSchema.parse(await (await api('GET', `/admin/events/${event.id}`)).json()).venue).toBe('Bergen');
    await page.context().close();
  }, 90_000);

  it('lets an editor order the program with «Flytt opp», «Fjern økt» and «Legg til økt», each session on one row', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'editor');
    const api = await apiAs(page, e2e.system);
    const session = (title: string, hour: number) => ({
      title,
      speaker: 'Sekretariatet',
      startsAt: osloInstant(25, `${String(hour).padStart(2, '0')}:00`),
      endsAt: osloInstant(25, `${String(hour).padStart(2, '0')}:45`),
      capacity: null,
    });
    const event = await createOpenEvent(api, {
      type: 'conference',
      title: `Programdag ${run}`,
      description: '',
      startsAt: osloInstant(25, '09:00'),
      endsAt: osloInstant(25, '15:00'),
      venue: 'Oslo',
      attendance: [{ mode: 'in-person', capacity: 50 }],
      registrationOpensAt: null,
      registrationClosesAt: null,
      sessions: [session('Åpning', 9), session('Risikovurdering', 10), session('Logging', 11)],
      questions: [],
      eligibility: '',
      streamingUrl: null,
      reminderHoursBefore: 24,
      retentionDays: 90,
      holdHours: 24,
    });

    await page.goto(`${e2e.system.cmsUrl}#/events/${event.id}`);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Program' }));
    await settled(page);
    const sessions = page.locator('.ra-input-sessions li');
    await expectRowCount(sessions, 3);
    const titles = async () => Promise.all((await sessions.all()).map((row) => row.getByLabel(/^Tittel/).inputValue()));
    expect(await titles()).toEqual(['Åpning', 'Risikovurdering', 'Logging']);

    // One row per session: its title, speaker, times and seats side by side, the buttons at the end.
    const first = sessions.first();
    const tops = await Promise.all(
      [
        first.getByLabel(/^Tittel/),
        first.getByLabel('Foredragsholder'),
        first.getByLabel(/^Starter/),
        first.getByLabel(/^Slutter/),
        first.getByLabel('Antall plasser'),
        first.getByRole('button', { name: 'Fjern økt' }),
      ].map(async (control) => Math.round((await control.boundingBox())?.y ?? -1)),
    );
    expect(Math.max(...tops) - Math.min(...tops), `controls' tops: ${tops.join(', ')}`).toBeLessThan(24);
    expect(await first.getByRole('button', { name: 'Flytt opp' }).isDisabled()).toBe(true);
    await expectAccessible(page, 'programmet i arrangementsskjemaet');

    // «Logging» up one, «Åpning» out, and a new session at the end.
    await sessions.nth(2).getByRole('button', { name: 'Flytt opp' }).click();
    expect(await titles()).toEqual(['Åpning', 'Logging', 'Risikovurdering']);
    await sessions.nth(0).getByRole('button', { name: 'Fjern økt' }).click();
    expect(await titles()).toEqual(['Logging', 'Risikovurdering']);
    await page.getByRole('button', { name: 'Legg til økt' }).click();
    await expectRowCount(sessions, 3);
    const added = sessions.nth(2);
    await added.getByLabel(/^Tittel/).fill('Oppsummering');
    await added.getByLabel(/^Starter/).fill(`${addDays(osloDate(new Date()), 25)}T14:00`);
    await added.getByLabel(/^Slutter/).fill(`${addDays(osloDate(new Date()), 25)}T14:30`);
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: event.title }));

    const saved = eventWithCountsSchema.parse(await (await api('GET', `/admin/events/${event.id}`)).json());
    expect(saved.sessions.map((item) => item.title)).toEqual(['Logging', 'Risikovurdering', 'Oppsummering']);
    // The sessions kept keep their ids (registrations' choices follow them).
    expect(saved.sessions.slice(0, 2).map((item) => item.id)).toEqual([event.sessions[2]?.id, event.sessions[1]?.id]);
    await page.context().close();
  }, 90_000);

  it('refuses an event that ends before it starts, on the field', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'editor');
    await page.goto(`${e2e.system.cmsUrl}#/events/create`);
    await expectVisible(page.getByRole('heading', { name: 'Arrangementet' }));
    const day = addDays(osloDate(new Date()), 10);
    await page.getByRole('textbox', { name: 'Tittel', exact: true }).fill(`Kurs ${run}`);
    await startsAtInput(page).fill(`${day}T12:00`);
    await endsAtInput(page).fill(`${day}T10:00`);
    await page.getByRole('textbox', { name: 'Sted' }).fill('Trondheim');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expectVisible(page.getByText('Slutt må være etter start'));
    expect(page.url()).toMatch(/#\/events\/create$/);
    await page.context().close();
  }, 60_000);

  it('pages a long list of registrations on the event page with «Neste side» and «Forrige side», from the keyboard', async () => {
    const editor = await logIn(e2e.browser, e2e.system, 'editor');
    const api = await apiAs(editor, e2e.system);
    const event = await createOpenEvent(api, {
      type: 'webinar',
      title: `Webinar om logging ${run}`,
      description: '<p>Et webinar med mange deltakere.</p>',
      startsAt: osloInstant(40, '10:00'),
      endsAt: osloInstant(40, '11:00'),
      venue: null,
      attendance: [{ mode: 'online', capacity: null }],
      registrationOpensAt: null,
      registrationClosesAt: null,
      sessions: [],
      questions: [],
      eligibility: '',
      streamingUrl: null,
      reminderHoursBefore: 24,
      retentionDays: 90,
      holdHours: 24,
    });
    // 55 participants straight into the table (the public form limits sign-ups per client): more than one page of 50.
    const store = createStore(createTable({ name: e2e.system.tableName, region: localRegion, endpoint: e2e.system.dynamoDbEndpoint }));
    const names = Array.from({ length: 55 }, (_, index) => `Deltaker ${String(index + 1).padStart(2, '0')}`);
    for (const [index, name] of names.entries()) {
      await store.transact(
        store.registrations.insert(
          registrationSchema.parse({
            id: `reg-${run}-${String(index).padStart(3, '0')}`,
            eventId: event.id,
            name,
            email: `deltaker-${index}-${run}@sykehus.example`,
            organisation: 'Helse Vest',
            mode: 'online',
            sessions: [],
            answers: {},
            status: 'confirmed',
            registeredAt: new Date(Date.now() + index * 1000).toISOString(),
            confirmedAt: new Date(Date.now() + index * 1000).toISOString(),
            cancelledAt: null,
            checkedInAt: null,
            anonymisedAt: null,
            waitlistKey: null,
          }),
        ),
      );
    }

    await editor.goto(`${e2e.system.cmsUrl}#/events/${event.id}/show`);
    const rows = editor.getByRole('table', { name: 'Påmeldinger' }).getByRole('row', { name: /^Påmelding: / });
    await expectRowCount(rows, 50);
    const pages = editor.getByRole('navigation', { name: 'Sider med påmeldinger' });
    await expectVisible(pages.getByText('Side 1'));
    expect(await pages.getByRole('button', { name: 'Forrige side' }).isDisabled()).toBe(true);
    expect((await rows.allTextContents()).map((text) => text.match(/Deltaker \d+/)?.[0])).toEqual(names.slice(0, 50));

    // From the keyboard: focus «Neste side» and press Enter.
    await pages.getByRole('button', { name: 'Neste side' }).focus();
    await editor.keyboard.press('Enter');
    await expectVisible(pages.getByText('Side 2'));
    await expectRowCount(rows, 5);
    expect((await rows.allTextContents()).map((text) => text.match(/Deltaker \d+/)?.[0])).toEqual(names.slice(50));
    await expectVisible(editor.getByText('Viser 51–55'));
    expect(await pages.getByRole('button', { name: 'Neste side' }).isDisabled()).toBe(true);

    await pages.getByRole('button', { name: 'Forrige side' }).click();
    await expectVisible(pages.getByText('Side 1'));
    await expectRowCount(rows, 50);
  });

  it('shows a committee member no events, and the API refuses them', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'committee');
    await expectVisible(page.getByRole('menuitem', { name: 'Planlagte jobber', exact: true }));
    await expectAbsent(page, page.getByRole('menuitem', { name: 'Arrangementer', exact: true }));
    await page.goto(`${e2e.system.cmsUrl}#/events`);
    await expectVisible(page.getByText('Ingen tilgang'));
    const api = await apiAs(page, e2e.system);
    expect((await api('GET', '/admin/events')).status).toBe(403);
    await page.context().close();
  }, 60_000);
});
