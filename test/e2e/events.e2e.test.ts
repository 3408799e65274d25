import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays, eventWithCountsSchema, osloDate, registrationSchema, type EventInput, type EventWithCounts } from '../../content-model';
import { instantFromOsloInput, osloInputValue } from '../../cms/src/events/osloTimeInput';
import { apiAs, expectAbsent, expectVisible, logIn, openMenu, selectOption, useBrowserSystem } from './browser';

/**
 * Events in the CMS and the public registration form, in a real browser against the whole local
 * system with the demo seed: a participant registers through the plain HTML form without logging
 * in; the editor finds her on the event page, checks her in, sees the waitlist, filters and exports
 * the registrations as CSV; an editor creates an event in the form in Oslo time and opens it; a
 * committee member sees no events. Own ports, so it runs beside the other browser tests.
 */
const e2ePorts = { api: 23300, dynamodb: 23301, ses: 23302, cognito: 23303, s3: 23304 };

const e2e = useBrowserSystem(e2ePorts, 'normen-events-e2e-');

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

async function expectRowCount(rows: Locator, count: number): Promise<void> {
  for (let attempt = 0; attempt < 40 && (await rows.count()) !== count; attempt += 1) await sleep(250);
  expect(await rows.count()).toBe(count);
}

async function downloadCsv(page: Page): Promise<{ fileName: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksporter CSV' }).click()]);
  return { fileName: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

describe('Events', () => {
  it('lets a participant register on the public form, and the editor find, check in, filter and export her', async () => {
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
    // Seats, confirmed, free, waitlisted, checked in.
    expect(await inPerson.getByRole('cell').allTextContents()).toEqual(['1', '1', '0', '1', '0']);
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
    const checkedIn = registrationList.parse(await (await api('GET', `/admin/events/${event.id}/registrations?q=${encodeURIComponent(participant.email)}`)).json()).items;
    expect(checkedIn).toHaveLength(1);
    expect(checkedIn[0]?.checkedInAt).not.toBeNull();
    await expectVisible(inPerson.getByRole('cell').last().getByText('1', { exact: true }));

    // The whole list as CSV (semicolons, for Excel) holds both.
    const all = await downloadCsv(editor);
    expect(all.fileName).toBe(`pameldinger-normkonferansen-${run}.csv`);
    expect(all.text).toContain(participant.email);
    expect(all.text).toContain(waiting.email);
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
    await editor.context().close();
  }, 120_000);

  it('lets an editor create an event in Oslo time in the form, and open it for registration', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'editor');
    const api = await apiAs(page, e2e.system);
    await openMenu(page, 'Arrangementer');
    await page.getByRole('link', { name: 'Nytt arrangement' }).click();
    const title = `Webinar om tilgangsstyring ${run}`;
    const day = addDays(osloDate(new Date()), 60);
    await selectOption(page, 'Type', 'Webinar');
    await page.getByRole('textbox', { name: 'Tittel', exact: true }).fill(title);
    await page.getByLabel('Starter', { exact: true }).first().fill(`${day}T13:00`);
    await page.getByLabel('Slutter', { exact: true }).first().fill(`${day}T14:30`);
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
    expect(await page.getByLabel('Starter', { exact: true }).first().inputValue()).toBe(`${day}T13:00`);
    await selectOption(page, 'Status', 'Åpen for påmelding');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expectVisible(page.getByRole('group', { name: 'Status' }).getByText('Åpen for påmelding', { exact: true }));
    const opened = eventWithCountsSchema.parse(await (await api('GET', `/admin/events/${id}`)).json());
    expect(opened).toMatchObject({ status: 'open', startsAt: created.startsAt, endsAt: created.endsAt });
    await page.context().close();
  }, 90_000);

  it('refuses an event that ends before it starts, on the field', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'editor');
    await page.goto(`${e2e.system.cmsUrl}#/events/create`);
    const day = addDays(osloDate(new Date()), 10);
    await page.getByRole('textbox', { name: 'Tittel', exact: true }).fill(`Kurs ${run}`);
    await page.getByLabel('Starter', { exact: true }).first().fill(`${day}T12:00`);
    await page.getByLabel('Slutter', { exact: true }).first().fill(`${day}T10:00`);
    await page.getByRole('textbox', { name: 'Sted' }).fill('Trondheim');
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expectVisible(page.getByText('Slutt må være etter start'));
    expect(page.url()).toMatch(/#\/events\/create$/);
    await page.context().close();
  }, 60_000);

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
