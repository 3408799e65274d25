import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addDays, campaignSchema, osloDate, subscriberSchema, type Interest } from '../../content-model';
import { readSentEmails, type SentEmail } from '../../local/services';
import { accessibilityViolations, axeContext } from './axe';
import { apiAs, apiAsRole, expectAbsent, expectRowCount, expectVisible, settled, logIn, openMenu, selectOption, useBrowserSystem } from './browser';

/**
 * The newsletter in the CMS, in a real browser against the whole local system with the demo seed:
 * an editor composes an issue for one interest, previews it, sends a test to herself, sends it,
 * an admin runs the dispatcher, and the editor watches it finish; subscribers are searched,
 * exported and erased; a committee member sees none of it. Own ports, so it runs beside the
 * other browser tests.
 */
const targetInterest: Interest = 'privacy';
const targetLabel = 'Personvern';
const linkedSlug = 'veileder-internkontroll';
const linkedTitle = 'Veileder for internkontroll i helse- og omsorgssektoren';

/** When this file's run started (epoch seconds): SES local is read from here on. */
let startedAt: number;

/** Addresses unique to this run; the demo seed may hold subscribers of its own. */
const run = Date.now().toString(36);
const people = {
  privacyReader: `personvern-${run}@mottaker.example`,
  privacyAndEvents: `begge-${run}@mottaker.example`,
  eventsOnly: `kurs-${run}@mottaker.example`,
  neverConfirmed: `ubekreftet-${run}@mottaker.example`,
};

const e2e = useBrowserSystem('normen-newsletter-e2e-');

beforeAll(() => {
  startedAt = Math.floor(Date.now() / 1000);
});

function addressedTo(email: SentEmail, address: string): boolean {
  return email.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase()));
}

async function emailsSince(): Promise<SentEmail[]> {
  return readSentEmails(e2e.system.sesEndpoint, startedAt);
}

/** Waits for an email to show up in SES local (sends are synchronous, but allow for a loaded machine). */
async function waitForEmail(match: (email: SentEmail) => boolean, what: string): Promise<SentEmail> {
  const seen: { email?: SentEmail | undefined } = {};
  await expect
    .poll(
      async () => {
        seen.email = (await emailsSince()).find(match);
        return seen.email !== undefined;
      },
      {
        message: `No email in SES local: ${what}`,
        timeout: 30_000,
        interval: 250,
      },
    )
    .toBe(true);
  if (!seen.email) throw new Error(`No email in SES local: ${what}`);
  return seen.email;
}

/**
 * Signs up through the public endpoint and returns the link in the confirmation email; unless told
 * not to, presses its "Bekreft" button (a POST to the link: opening the link alone confirms nothing).
 */
async function subscribe(email: string, interests: Interest[], confirm = true): Promise<string> {
  const response = await fetch(`${e2e.system.apiUrl}/newsletter/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ email, interests }),
  });
  expect(response.status).toBe(202);
  const confirmation = await waitForEmail((sent) => addressedTo(sent, email) && sent.subject.startsWith('Bekreft abonnementet'), `confirmation to ${email}`);
  const link = /https?:\/\/\S+\/newsletter\/confirm\?token=[^\s"<>]+/.exec(confirmation.body.text ?? '')?.[0];
  expect(link, 'confirmation link in the email').toBeDefined();
  if (confirm) expect((await fetch(link ?? '', { method: 'POST' })).status).toBe(200);
  return link ?? '';
}

async function statusOf(email: string): Promise<string | undefined> {
  const api = await apiAsRole(e2e.system, 'editor');
  const { items } = subscriberList.parse(await (await api('GET', `/admin/subscribers?q=${encodeURIComponent(email)}`)).json());
  return items.find((item) => item.email === email)?.status;
}

const subscriberList = z.object({ items: z.array(subscriberSchema) });

/** The campaign id from the show page's address. */
function campaignIdOf(page: Page): string {
  const id = page.url().match(/#\/campaigns\/([^/]+)\/show/)?.[1];
  expect(id, 'campaign id in the address').toBeDefined();
  return decodeURIComponent(id ?? '');
}

describe('Newsletter in the CMS', () => {
  it('confirms a sign-up only when the person presses «Bekreft» on the page behind the link in the email', async () => {
    const link = await subscribe(people.privacyReader, [targetInterest], false);
    const context = await axeContext(e2e.browser);
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(link);
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Bekreft abonnementet på nyhetsbrevet fra Normen' }));
      expect(await accessibilityViolations(page)).toEqual([]);
      // Opening the link (as Safe Links does before the person) changed nothing.
      expect(await statusOf(people.privacyReader)).toBe('pending');
      await page.getByRole('button', { name: 'Bekreft', exact: true }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Takk! Abonnementet er bekreftet' }));
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await statusOf(people.privacyReader)).toBe('confirmed');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('lets an editor compose an issue for one interest, preview and test it, send it, and follow the send to the end', async () => {
    await subscribe(people.privacyAndEvents, [targetInterest, 'events']);
    await subscribe(people.eventsOnly, ['events']);
    await subscribe(people.neverConfirmed, [targetInterest], false);

    const page = await logIn(e2e.browser, e2e.system, 'editor');
    const api = await apiAs(page, e2e.system);
    // Who should get it: everyone confirmed for the interest, ours and any the seed holds.
    const audience = subscriberList
      .parse(await (await api('GET', `/admin/subscribers?status=confirmed&interest=${targetInterest}`)).json())
      .items.map((s) => s.email);
    expect(audience).toEqual(expect.arrayContaining([people.privacyReader, people.privacyAndEvents]));
    expect(audience).not.toContain(people.eventsOnly);
    expect(audience).not.toContain(people.neverConfirmed);

    // Compose.
    await openMenu(page, 'Nyhetsbrev');
    await page.getByRole('link', { name: 'Nytt nyhetsbrev' }).click();
    const subject = `Nytt om personvern ${run}`;
    await page.getByRole('textbox', { name: 'Emne' }).fill(subject);
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Den reviderte veilederen for internkontroll er publisert.');
    await expectVisible(page.getByText(/Ingen valgt = generelle nyheter til alle/));
    await page.getByRole('checkbox', { name: targetLabel, exact: true }).check();
    await page.getByRole('combobox', { name: 'Lenker til produkter' }).fill('internkontroll');
    await page.getByRole('option', { name: linkedTitle, exact: true }).click();
    await page.getByRole('button', { name: 'Lagre utkast' }).click();

    // The show page: a draft for the one interest.
    await expectVisible(page.getByRole('heading', { level: 1, name: subject }));
    const status = page.getByRole('group', { name: 'Status' });
    await expectVisible(status.getByText('Utkast', { exact: true }));
    await expectVisible(status.getByText(`Bekreftede abonnenter som har valgt «${targetLabel}»`));
    const campaignId = campaignIdOf(page);
    expect(campaignSchema.parse(await (await api('GET', `/admin/campaigns/${campaignId}`)).json())).toMatchObject({
      subject,
      status: 'draft',
      interests: [targetInterest],
      linkedProducts: [linkedSlug],
    });

    // Preview: the HTML as recipients get it, in a sandboxed frame, and the text version.
    const frameElement = page.getByTitle('Forhåndsvisning av e-posten');
    await expectVisible(frameElement);
    expect(await frameElement.getAttribute('sandbox')).toBe('');
    const frame = page.frameLocator('iframe[title="Forhåndsvisning av e-posten"]');
    await expectVisible(frame.getByText('Den reviderte veilederen for internkontroll er publisert.'));
    await expectVisible(frame.getByRole('link', { name: new RegExp(`/content/products/${linkedSlug}$`) }));
    await expectVisible(frame.getByRole('link', { name: 'Meld deg av' }));
    await page.getByRole('tab', { name: 'Tekstversjon' }).click();
    const text = page.getByRole('tabpanel', { name: 'Tekstversjon' });
    await expectVisible(text.getByText(/Den reviderte veilederen for internkontroll er publisert\./));
    expect(await text.textContent()).toContain('Meld deg av: ');
    // And the headers that give mail clients one-click unsubscribe (RFC 8058).
    await page.getByRole('tab', { name: 'Topptekster' }).click();
    await expectVisible(page.getByRole('tabpanel', { name: 'Topptekster' }).getByText('List-Unsubscribe=One-Click', { exact: true }));

    // A test to the editor herself, and nobody else.
    await page.getByRole('button', { name: 'Send test til meg' }).click();
    await expectVisible(page.getByText(`Testen er sendt til ${e2e.system.users.editor.username}`));
    const test = await waitForEmail((sent) => sent.subject === `[TEST] ${subject}`, 'the test email');
    expect(test.destination.to.some((to) => to.includes(e2e.system.users.editor.username))).toBe(true);
    expect((await emailsSince()).filter((sent) => sent.subject.includes(subject)).length).toBe(1);

    // Send now: the dialog says who it goes to and how many they are.
    await page.getByRole('button', { name: 'Send nå' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send nyhetsbrevet nå?' });
    await expectVisible(dialog.getByText(`Bekreftede abonnenter som har valgt «${targetLabel}»`));
    await expectVisible(dialog.getByText(`${audience.length} mottakere i dag.`));
    await dialog.getByRole('button', { name: 'Send nå' }).click();
    await expectVisible(status.getByText('Planlagt', { exact: true }));
    const progress = page.getByRole('status', { name: 'Utsendelse' });
    await expectVisible(progress.getByText(/Venter på utsendelsesjobben/));
    // Until the dispatcher starts it can still be edited, but there is nothing left to send now.
    await expectVisible(page.getByRole('link', { name: 'Rediger' }));
    await expectAbsent(page, page.getByRole('button', { name: 'Send nå' }));

    // An admin runs the dispatcher now (it would otherwise start within a minute).
    const admin = await logIn(e2e.browser, e2e.system, 'admin');
    await openMenu(admin, 'Planlagte jobber');
    const job = admin.getByRole('region', { name: 'Utsendelse av nyhetsbrev' });
    await job.getByRole('button', { name: 'Kjør nå' }).click();
    // It says first who will get the issue.
    const confirmRun = admin.getByRole('dialog', { name: /^Kjøre «.+» nå\?$/ });
    await expectVisible(confirmRun.getByText(`Nyhetsbrevet «${subject}» sendes til ${audience.length} mottakere`));
    await confirmRun.getByRole('button', { name: 'Kjør nå' }).click();
    await expectVisible(job.getByText('Kjøringen er fullført'));
    await expectVisible(job.getByRole('status').getByText(new RegExp(`\\b${audience.length} personer fikk e-post\\b`)));
    await admin.context().close();

    // The editor's page follows by itself (polling) and reaches "Ferdig".
    await expectVisible(progress.getByText('Ferdig', { exact: true }));
    await expectVisible(status.getByText('Sendt', { exact: true }));
    await expectVisible(progress.getByText(`Sendt ${audience.length} av ${audience.length}`));
    await expectVisible(progress.getByRole('group', { name: 'Feilet' }).getByText('0', { exact: true }));
    await expectAbsent(page, page.getByRole('link', { name: 'Rediger' }));
    await expectAbsent(page, page.getByRole('button', { name: 'Planlegg utsending' }));
    const sent = campaignSchema.parse(await (await api('GET', `/admin/campaigns/${campaignId}`)).json());
    expect(sent).toMatchObject({ status: 'sent', progress: { recipients: audience.length, sent: audience.length, failed: 0 } });
    expect(sent.sentAt).not.toBeNull();

    // SES local got exactly one copy for each confirmed subscriber of the interest, each with its own unsubscribe link.
    const delivered = (await emailsSince()).filter((email) => email.subject === subject);
    expect(
      delivered
        .flatMap((email) => email.destination.to)
        .map((to) => /<([^>]+)>/.exec(to)?.[1] ?? to)
        .sort(),
    ).toEqual([...audience].sort());
    const unsubscribeLinks = delivered.map((email) => /Meld deg av: (\S+)/.exec(email.body.text ?? '')?.[1]);
    expect(unsubscribeLinks.every((link) => link?.startsWith(`${e2e.system.apiUrl}/newsletter/unsubscribe?token=`))).toBe(true);
    expect(new Set(unsubscribeLinks).size).toBe(delivered.length);

    // The list shows it as sent, with its progress.
    await openMenu(page, 'Nyhetsbrev');
    const row = page.getByRole('row').filter({ hasText: subject });
    await expectVisible(row.getByText('Sendt', { exact: true }));
    await expectVisible(row.getByText(`Sendt ${audience.length} av ${audience.length}`));
    await page.context().close();
  }, 150_000);

  it('lets an editor plan a send for later, change the issue until then, and protects edits with the revision', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'editor');
    const api = await apiAs(page, e2e.system);
    const subject = `Invitasjon til Normkonferansen ${run}`;
    const created = campaignSchema.parse(
      await (await api('POST', '/admin/campaigns', { subject, body: '<p>Påmeldingen er åpen.</p>', interests: ['events'], linkedProducts: [] })).json(),
    );
    await page.goto(`${e2e.system.cmsUrl}#/campaigns/${created.id}/show`);
    await expectVisible(page.getByRole('heading', { level: 1, name: subject }));

    // A time that has passed is refused on the field; tomorrow morning is accepted.
    await page.getByRole('button', { name: 'Planlegg utsending' }).click();
    const dialog = page.getByRole('dialog', { name: 'Planlegg utsending' });
    await expectVisible(dialog.getByText('Bekreftede abonnenter som har valgt «Kurs, webinarer og Normkonferansen»'));
    const today = osloDate(new Date());
    await dialog.getByLabel('Tidspunkt (norsk tid)').fill(`${addDays(today, -1)}T09:00`);
    await dialog.getByRole('button', { name: 'Planlegg utsending' }).click();
    await expectVisible(dialog.getByText(/Tidspunktet har allerede vært/));
    const tomorrow = `${addDays(today, 1)}T09:00`;
    await dialog.getByLabel('Tidspunkt (norsk tid)').fill(tomorrow);
    await dialog.getByRole('button', { name: 'Planlegg utsending' }).click();
    const status = page.getByRole('group', { name: 'Status' });
    await expectVisible(status.getByText('Planlagt', { exact: true }));
    await expectVisible(page.getByRole('status', { name: 'Utsendelse' }).getByText(/Sendes .*Fram til da kan nyhetsbrevet fortsatt endres\./));
    const scheduled = campaignSchema.parse(await (await api('GET', `/admin/campaigns/${created.id}`)).json());
    expect(scheduled.status).toBe('scheduled');
    // The time was read as Oslo time, whatever the browser's own zone.
    const osloWallClock = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(scheduled.scheduledAt ?? ''),
    );
    expect(osloWallClock).toBe(tomorrow.replace('T', ' '));

    // Still editable while it waits. Someone else saves first: the stale edit is refused, not lost silently.
    // The edit page refetches the campaign when it opens; the concurrent save must come after that
    // answer, or the form would already hold the new revision. (networkidle does not wait for it: the
    // page reached that state long ago.)
    const editPageFetch = page.waitForResponse(
      (response) => response.request().method() === 'GET' && new URL(response.url()).pathname === `/admin/campaigns/${created.id}`,
    );
    await page.getByRole('link', { name: 'Rediger' }).click();
    await editPageFetch;
    // The edit page's notice, not the toast from planning the send (which may still be showing).
    await expectVisible(page.getByText(/Nyhetsbrevet er planlagt sendt .*Endringer må lagres før utsendelsen starter/));
    const subjectInput = page.getByRole('textbox', { name: 'Emne' });
    expect(await subjectInput.inputValue()).toBe(subject);
    await settled(page);
    const concurrent = await api('PUT', `/admin/campaigns/${created.id}`, {
      expectedRevision: scheduled.revision,
      body: '<p>Påmeldingen er åpen – få plasser igjen.</p>',
    });
    expect(concurrent.status).toBe(200);
    await subjectInput.fill(`${subject} (oppdatert)`);
    await page.getByRole('button', { name: 'Lagre utkast' }).click();
    await expectVisible(page.getByText('Utsendelsen er endret av noen andre. Last inn på nytt.'));
    expect(campaignSchema.parse(await (await api('GET', `/admin/campaigns/${created.id}`)).json()).subject).toBe(subject);

    // After loading the latest version, the edit goes through and the send stays planned.
    await page.reload();
    await expectVisible(page.getByRole('textbox', { name: 'Emne' }));
    await page.getByRole('textbox', { name: 'Emne' }).fill(`${subject} (oppdatert)`);
    await page.getByRole('button', { name: 'Lagre utkast' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `${subject} (oppdatert)` }));
    await expectVisible(status.getByText('Planlagt', { exact: true }));
    expect(campaignSchema.parse(await (await api('GET', `/admin/campaigns/${created.id}`)).json())).toMatchObject({
      subject: `${subject} (oppdatert)`,
      body: '<p>Påmeldingen er åpen – få plasser igjen.</p>',
      status: 'scheduled',
      scheduledAt: scheduled.scheduledAt,
    });
    await page.context().close();
  }, 90_000);

  it('refuses an empty issue and shows why on the fields', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'editor');
    await openMenu(page, 'Nyhetsbrev');
    await page.getByRole('link', { name: 'Nytt nyhetsbrev' }).click();
    await page.getByRole('textbox', { name: 'Emne' }).fill('Hi');
    await page.getByRole('button', { name: 'Lagre utkast' }).click();
    await expectVisible(page.getByText('Må være minst 3 tegn'));
    await expectVisible(page.getByText('Påkrevd'));
    expect(page.url()).toMatch(/#\/campaigns\/create$/);
    await page.context().close();
  }, 60_000);

  it('lets an editor find subscribers by address, status and interest, export them, and erase one', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'editor');
    await openMenu(page, 'Abonnenter');
    await page.getByPlaceholder('Søk på e-postadresse (begynnelsen)').fill(`ubekreftet-${run}`);
    const rows = page.getByRole('row').filter({ hasText: run });
    await expectVisible(rows.getByText(people.neverConfirmed, { exact: true }));
    await expectRowCount(rows, 1);
    await expectVisible(rows.getByText('Venter på bekreftelse', { exact: true }));

    // Status and interest filters narrow the list on the server; the export uses the same filters.
    await page.getByPlaceholder('Søk på e-postadresse (begynnelsen)').fill('');
    await selectOption(page, 'Status', 'Bekreftet');
    await selectOption(page, 'Interesse', 'Kurs, webinarer og Normkonferansen');
    await expectVisible(rows.getByText(people.eventsOnly, { exact: true }));
    await expectVisible(rows.getByText(people.privacyAndEvents, { exact: true }));
    await expectRowCount(rows, 2);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksporter CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('abonnenter.csv');
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain(people.eventsOnly);
    expect(csv).toContain(people.privacyAndEvents);
    expect(csv).not.toContain(people.privacyReader);
    expect(csv).not.toContain(people.neverConfirmed);

    // Erasure on request, after a confirmation naming what is deleted.
    const row = rows.filter({ hasText: people.eventsOnly });
    await row.getByRole('button', { name: `Slett personopplysninger for ${people.eventsOnly}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Slett personopplysninger' });
    await expectVisible(dialog.getByText(new RegExp(`${people.eventsOnly.replace(/[.]/g, '\\.')}.*kan ikke angres`)));
    await dialog.getByRole('button', { name: 'Slett personopplysninger' }).click();
    await expectVisible(page.getByText(`Personopplysningene om ${people.eventsOnly} er slettet`));
    await expectAbsent(page, rows.getByText(people.eventsOnly, { exact: true }));
    await expectVisible(rows.getByText(people.privacyAndEvents, { exact: true }));
    const api = await apiAs(page, e2e.system);
    const remaining = subscriberList.parse(await (await api('GET', `/admin/subscribers?q=${encodeURIComponent(people.eventsOnly)}`)).json()).items;
    expect(remaining).toEqual([]);
    await page.context().close();
  }, 90_000);

  it('shows a committee member no newsletter menu, and the API refuses them the newsletter', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'committee');
    await expectVisible(page.getByRole('menuitem', { name: 'Planlagte jobber', exact: true }));
    await expectAbsent(page, page.getByRole('menuitem', { name: 'Nyhetsbrev', exact: true }));
    await expectAbsent(page, page.getByRole('menuitem', { name: 'Abonnenter', exact: true }));

    // Typing the address does not get them in either.
    await page.goto(`${e2e.system.cmsUrl}#/subscribers`);
    await expectVisible(page.getByText('Ingen tilgang'));
    await expectAbsent(page, page.getByText(people.privacyReader));

    const api = await apiAs(page, e2e.system);
    expect((await api('GET', '/admin/campaigns')).status).toBe(403);
    expect((await api('GET', '/admin/subscribers')).status).toBe(403);
    await page.context().close();
  }, 60_000);
});
