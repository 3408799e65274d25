import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateEvent } from '../../functions/events/events-admin';
import { register } from '../../functions/events/registration';
import { runJob } from '../../functions/jobs/jobs';
import { confirmToken, manageLinks } from '../../functions/newsletter/subscriptions';
import { editor, openEvent, participant, registrationToken } from '../support/events';
import { reviewDependencies, startTestApi, type TestApi } from '../support/local-stack';
import { accessibilityViolations, axeContext } from './axe';
import { expectVisible, launchBrowser } from './browser';

/**
 * Every public page, as the real handlers serve it through the local API server, in Chromium with
 * axe-core: each form empty and after a 400, the page after a successful post, each link-landing
 * page with a valid and a used or expired link, and the problem pages (400, 404, 409, 429). A page
 * passes with no WCAG 2.1 A/AA violation.
 */
let api: TestApi;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let deps: Awaited<ReturnType<typeof reviewDependencies>>;

beforeAll(async () => {
  api = await startTestApi();
  deps = { ...(await reviewDependencies(new Date().toISOString())), store: api.store, table: api.table, publicApiUrl: api.url };
  browser = await launchBrowser();
  context = await axeContext(browser);
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
}, 120_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await api?.stop();
});

/**
 * Asserts what the page is (status and main heading), that its header links to normen.no and its
 * footer to the accessibility statement, and that axe-core finds nothing on it.
 */
async function expectAccessible(response: Response | null, status: number, heading: string | RegExp): Promise<void> {
  expect(response?.status(), `${page.url()}: ${heading}`).toBe(status);
  await expectVisible(page.getByRole('heading', { level: 1, name: heading }));
  expect(await page.getByRole('banner').getByRole('link', { name: 'Normen', exact: true }).getAttribute('href')).toBe('https://normen.no');
  expect(await page.getByRole('contentinfo').getByRole('link', { name: 'Tilgjengelighetserklæring' }).getAttribute('href')).toBe('/tilgjengelighet');
  expect(await accessibilityViolations(page), `${page.url()}: ${heading}`).toEqual([]);
}

/** The page's ways on (the «Videre» navigation): its own next steps, then normen.no. */
async function expectOnward(...links: string[]): Promise<void> {
  const onward = page.getByRole('navigation', { name: 'Videre' });
  await expectVisible(onward);
  expect(await onward.getByRole('link').allTextContents(), page.url()).toEqual([...links, 'Gå til normen.no']);
}

/** Follows a link on the page and returns the answer to the navigation. */
async function follow(link: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.request().isNavigationRequest()),
    page.getByRole('link', { name: link, exact: true }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

interface Ring {
  control: string;
  /** The focus ring's width in px: the outline's, or a box-shadow's spread. */
  width: number;
  visible: boolean;
}

/**
 * Tabs through the whole page from the top, as a keyboard user does, and reads the computed focus
 * style of every control that takes focus, until focus leaves the page or comes round again.
 */
async function focusRings(): Promise<Ring[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const rings: Ring[] = [];
  for (let step = 0; step < 80; step += 1) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element || element === document.body || element.hasAttribute('data-ring-read')) return null;
      element.setAttribute('data-ring-read', '');
      const style = getComputedStyle(element);
      const outline = style.outlineStyle === 'none' ? 0 : Number.parseFloat(style.outlineWidth);
      const spread = style.boxShadow === 'none' ? 0 : Number.parseFloat(style.boxShadow.match(/(?:-?[\d.]+px\s+){3}(-?[\d.]+)px/)?.[1] ?? '0');
      const type = element.getAttribute('type');
      return {
        control: `${element.tagName.toLowerCase()}${type ? `[type=${type}]` : ''}`,
        width: Math.max(outline, spread),
        visible: outline > 0 ? !/rgba\(.*, 0\)$/.test(style.outlineColor) : spread > 0,
      };
    });
    if (!ring) break;
    rings.push(ring);
  }
  return rings;
}

/** Every control on the page shows a ring of at least 3 px from the keyboard, and these kinds were among them. */
async function expectFocusRings(kinds: string[]): Promise<void> {
  const rings = await focusRings();
  expect(
    rings.filter((ring) => ring.width < 3 || !ring.visible),
    page.url(),
  ).toEqual([]);
  for (const kind of kinds)
    expect(
      rings.map((ring) => ring.control),
      `${page.url()}: ${kind}`,
    ).toContain(kind);
}

/** The form's privacy notice: a region named «Personvern» that says how long the data is kept. */
const expectPrivacyNotice = (kept: RegExp) => expectVisible(page.getByRole('region', { name: 'Personvern' }).getByText(kept));

const visit = (path: string) => page.goto(`${api.url}${path}`);

/** Presses a button of a form and returns the answer to its POST (the page that then shows). */
async function press(button: string): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((candidate) => candidate.request().method() === 'POST' && candidate.request().isNavigationRequest()),
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

/** Lets the first form post what the browser's own checks would stop, so the server's 400 shows. */
const skipBrowserChecks = () =>
  page
    .locator('form')
    .first()
    .evaluate((form) => form.setAttribute('novalidate', ''));

/**
 * Spends the rest of the client's allowance with JSON posts from the page (so from the browser's
 * own address), so that the next post is refused with 429.
 */
async function exhaustLimit(path: string, body: () => unknown): Promise<void> {
  for (let attempt = 0; attempt <= 20; attempt += 1) {
    const status = await page.evaluate(
      async ({ url, json }) => (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json })).status,
      { url: `${api.url}${path}`, json: JSON.stringify(body()) },
    );
    if (status === 429) return;
    expect(status).toBeLessThan(300);
  }
  throw new Error(`${path} was never rate limited`);
}

async function expectTooMany(response: Response): Promise<void> {
  await expectAccessible(response, 429, 'Prøv igjen senere');
  expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0);
  await expectVisible(page.getByText(/For mange innsendinger på kort tid\. Prøv igjen om/));
}

/** Types into the fields of the page's form by their labels (a select gets its first real option). */
async function fill(fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) {
    const field = page.getByLabel(label, { exact: true });
    if ((await field.evaluate((element) => element.tagName)) === 'SELECT') await field.selectOption({ index: 1 });
    else await field.fill(value);
  }
}

const inputFields = () => ({
  Navn: 'Per Hansen',
  'E-post': `per-${randomUUID()}@kommune.no`,
  'Virksomhet / organisasjon': 'Helse Vest',
  Interessentgruppe: '',
  Innspill: 'Vi trenger en veileder om skytjenester.',
});
const registrationFields = () => ({ Navn: 'Per Olsen', 'E-post': `per-${randomUUID()}@sykehus.no`, 'Virksomhet / organisasjon': 'Helse Nord' });
const streamed = () => page.getByRole('radio', { name: /^Digitalt \(strømming\)/ });

describe('public pages (axe-core, WCAG 2.1 A/AA)', () => {
  it('a focus ring of at least 3 px on every link and control of every form from the keyboard, and the accessibility statement from the footer', async () => {
    await visit('/inputs');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement ?? document.body);
        return `${document.activeElement?.tagName} ${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
      }),
    ).toBe('A 3px solid rgb(179, 89, 0)');
    await expectFocusRings(['a', 'select', 'input', 'input[type=email]', 'textarea', 'button[type=submit]']);

    // The newsletter's checkboxes, also after a 400 (the error summary's links), and an event's radio buttons.
    await visit('/newsletter/subscriptions');
    await expectFocusRings(['a', 'input[type=email]', 'input[type=checkbox]', 'button[type=submit]']);
    await skipBrowserChecks();
    await expectAccessible(await press('Abonner'), 400, 'Abonner på nyhetsbrevet fra Normen');
    await expectFocusRings(['a', 'input[type=email]', 'input[type=checkbox]', 'button[type=submit]']);
    const event = await openEvent(deps, {
      startsAt: '2027-12-06T08:00:00Z',
      endsAt: '2027-12-06T15:00:00Z',
      sessions: [{ id: 'apning', title: 'Åpning', startsAt: '2027-12-06T08:00:00Z', endsAt: '2027-12-06T08:30:00Z' }],
    });
    await visit(`/events/${event.id}/registrations`);
    await expectFocusRings(['a', 'input', 'input[type=email]', 'input[type=radio]', 'input[type=checkbox]', 'textarea', 'button[type=submit]']);

    await visit('/inputs');
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().isNavigationRequest()),
      page.getByRole('contentinfo').getByRole('link', { name: 'Tilgjengelighetserklæring' }).click(),
    ]);
    await page.waitForLoadState();
    await expectAccessible(response, 200, 'Tilgjengelighetserklæring');
    expect(new URL(page.url()).pathname).toBe('/tilgjengelighet');
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Kjente avvik' }));
    await expectVisible(page.getByRole('link', { name: 'sekretariatet@normen.no' }));
    await expectVisible(page.getByRole('link', { name: 'Tilsynet for universell utforming av ikt' }));
  }, 60_000);

  it('the input form: empty, with field errors, received, and rate limited', async () => {
    await expectAccessible(await visit('/inputs'), 200, 'Send innspill til Normen');
    await expectPrivacyNotice(/Innspillet oppbevares som en del av saksdokumentasjonen/);

    await skipBrowserChecks();
    await page.getByRole('textbox', { name: 'Navn' }).fill('Per');
    await page.getByRole('textbox', { name: 'E-post' }).fill('per@');
    await expectAccessible(await press('Send innspill'), 400, 'Send innspill til Normen');
    // The summary links to the field; the field says what is wrong and keeps what was typed.
    await expectVisible(page.getByRole('alert').getByRole('link', { name: /^E-post: / }));
    expect(await page.getByRole('textbox', { name: 'E-post' }).getAttribute('aria-describedby')).toBe('email-error');
    expect(await page.getByRole('textbox', { name: 'Navn' }).inputValue()).toBe('Per');

    await fill(inputFields());
    await expectAccessible(await press('Send innspill'), 201, 'Takk for innspillet!');
    await expectOnward('Send et nytt innspill');
    await expectAccessible(await follow('Send et nytt innspill'), 200, 'Send innspill til Normen');

    await visit('/inputs');
    const { Navn: name, 'E-post': email, 'Virksomhet / organisasjon': organisation, Innspill: text } = inputFields();
    await exhaustLimit('/inputs', () => ({ name, email, organisation, stakeholderGroup: 'other', text }));
    await fill(inputFields());
    await expectTooMany(await press('Send innspill'));
    await expectOnward('Tilbake til skjemaet');
  }, 120_000);

  it('the newsletter: sign-up form, confirm, preferences and unsubscribe pages, and their problem pages', async () => {
    await expectAccessible(await visit('/newsletter/subscriptions'), 200, 'Abonner på nyhetsbrevet fra Normen');
    await expectPrivacyNotice(/adressen slettes når du ber om det/);
    // No address: "Fyll inn e-post" at the field (tied to it) and in the summary; the ticked interests stay ticked.
    await skipBrowserChecks();
    await page.getByRole('checkbox', { name: 'Personvern' }).check();
    await page.getByRole('checkbox', { name: 'Informasjonssikkerhet' }).check();
    await expectAccessible(await press('Abonner'), 400, 'Abonner på nyhetsbrevet fra Normen');
    await expectVisible(page.getByRole('alert').getByRole('link', { name: 'E-postadresse: Fyll inn e-post' }));
    const emailField = page.getByRole('textbox', { name: 'E-postadresse' });
    expect(await emailField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await emailField.getAttribute('aria-describedby')}`).textContent()).toBe('Fyll inn e-post');
    expect(await page.getByRole('checkbox', { name: 'Personvern' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Informasjonssikkerhet' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^Høringer/ }).isChecked()).toBe(false);
    await expectPrivacyNotice(/adressen slettes når du ber om det/);
    // The summary's link takes focus to the field.
    await page.getByRole('alert').getByRole('link', { name: 'E-postadresse: Fyll inn e-post' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('email');

    await skipBrowserChecks();
    await page.getByRole('textbox', { name: 'E-postadresse' }).fill('ikke-en-adresse');
    await page.getByRole('checkbox', { name: 'Informasjonssikkerhet' }).uncheck();
    await expectAccessible(await press('Abonner'), 400, 'Abonner på nyhetsbrevet fra Normen');
    await expectVisible(page.getByRole('alert').getByRole('link', { name: /^E-postadresse: / }));
    expect(await page.getByRole('checkbox', { name: 'Personvern' }).isChecked()).toBe(true);

    const email = `abonnent-${randomUUID()}@sykehus.no`;
    await page.getByRole('textbox', { name: 'E-postadresse' }).fill(email);
    await expectAccessible(await press('Abonner'), 202, 'Sjekk e-posten din');
    await expectOnward('Meld på en annen adresse');

    // The confirm link: the button page, the confirmed page, and the same page when opened again.
    const pending = await api.store.subscribers.findByEmail(email);
    if (!pending) throw new Error('no pending subscriber');
    const firstLink = `/newsletter/confirm?token=${encodeURIComponent(confirmToken(deps, pending, new Date()))}`;
    await expectAccessible(await visit(firstLink), 200, 'Bekreft abonnementet på nyhetsbrevet fra Normen');
    await expectOnward();
    await expectAccessible(await press('Bekreft'), 200, 'Takk! Abonnementet er bekreftet');
    await expectOnward('Endre interesser');
    await expectAccessible(await visit(firstLink), 200, 'Takk! Abonnementet er bekreftet');
    await expectAccessible(await follow('Endre interesser'), 200, 'Innstillinger for nyhetsbrevet');

    // A link replaced by a newer sign-up, and one that was never ours.
    const other = `ny-${randomUUID()}@sykehus.no`;
    await fetch(`${api.url}/newsletter/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: other }),
    });
    const replaced = await api.store.subscribers.findByEmail(other);
    if (!replaced) throw new Error('no pending subscriber');
    const replacedLink = `/newsletter/confirm?token=${encodeURIComponent(confirmToken(deps, replaced, new Date()))}`;
    await fetch(`${api.url}/newsletter/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: other }),
    });
    await expectAccessible(await visit(replacedLink), 400, 'Lenken virker ikke');
    await expectVisible(page.getByText(/Lenken er allerede brukt/));
    await expectOnward('Meld deg på nyhetsbrevet');
    await expectAccessible(await visit(`/newsletter/confirm?token=${'x'.repeat(20)}.${'y'.repeat(43)}`), 400, 'Lenken virker ikke');
    await expectOnward('Meld deg på nyhetsbrevet');
    await expectAccessible(await follow('Meld deg på nyhetsbrevet'), 200, 'Abonner på nyhetsbrevet fra Normen');

    // Preferences: the page, an interest that does not exist (400, the form again), a save.
    const links = manageLinks(deps, pending.id, new Date());
    await expectAccessible(await page.goto(links.preferences), 200, 'Innstillinger for nyhetsbrevet');
    await expectPrivacyNotice(/adressen slettes når du ber om det/);
    await expectOnward();
    await page.getByRole('checkbox', { name: 'Personvern' }).evaluate((box) => box.setAttribute('value', 'ukjent'));
    await page.getByRole('checkbox', { name: 'Personvern' }).check();
    await expectAccessible(await press('Lagre'), 400, 'Innstillinger for nyhetsbrevet');
    await expectVisible(page.getByRole('alert'));
    await page.getByRole('checkbox', { name: 'Personvern' }).uncheck();
    await expectAccessible(await press('Lagre'), 200, 'Innstillinger for nyhetsbrevet');
    await expectVisible(page.getByRole('status').getByText('Innstillingene er lagret.'));
    await expectAccessible(await visit('/newsletter/preferences?token=ugyldig'), 400, 'Lenken virker ikke');
    // What happened and what to do, in words a reader knows: no "Ugyldig forespørsel: sjekk token".
    await expectVisible(page.getByText('Lenken er ugyldig eller utløpt. Bruk lenken i den nyeste e-posten fra oss, eller be om en ny.'));
    expect(await page.locator('main').textContent()).not.toMatch(/token|sjekk|forespørsel/i);

    // Unsubscribe: the button page, the answer, and the page of someone who has left.
    await expectAccessible(await page.goto(links.unsubscribe), 200, 'Meld deg av nyhetsbrevet fra Normen');
    await expectOnward('Endre interesser i stedet');
    await expectAccessible(await press('Meld meg av'), 200, 'Du er meldt av');
    await expectOnward('Angret? Meld deg på igjen');
    // The unsubscribe link again: already unsubscribed, no button.
    await expectAccessible(await page.goto(links.unsubscribe), 200, 'Du er allerede avmeldt');
    expect(await page.getByRole('button').count()).toBe(0);
    await expectOnward('Angret? Meld deg på igjen');
    // Its way back is the preferences page, which says the address has left and that saving subscribes again.
    await expectAccessible(await follow('Angret? Meld deg på igjen'), 200, 'Innstillinger for nyhetsbrevet');
    await expectVisible(page.getByText(`${email} er meldt av og får ingen nyhetsbrev fra Normen.`, { exact: false }));
    await expectVisible(page.getByRole('button', { name: 'Meld på igjen og lagre' }));
    expect(await page.getByRole('button', { name: 'Lagre', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Meld meg av nyhetsbrevet' }).count()).toBe(0);
    await expectPrivacyNotice(/adressen slettes når du ber om det/);
    await page.getByRole('checkbox', { name: 'Informasjonssikkerhet' }).check();
    await expectAccessible(await press('Meld på igjen og lagre'), 200, 'Innstillinger for nyhetsbrevet');
    await expectVisible(page.getByRole('status').getByText(/^Du er meldt på igjen\./));
    await expectVisible(page.getByRole('button', { name: 'Lagre', exact: true }));
    expect(await api.store.subscribers.findByEmail(email)).toMatchObject({ status: 'confirmed', interests: ['information-security'] });
    await expectAccessible(await visit('/newsletter/unsubscribe?token=ugyldig'), 400, 'Lenken virker ikke');
    await expectOnward('Meld deg på nyhetsbrevet');

    // Signing up too often: the rate limit's own page (429, Retry-After), not "Lenken virker ikke".
    await visit('/newsletter/subscriptions');
    await exhaustLimit('/newsletter/subscriptions', () => ({ email: `abonnent-${randomUUID()}@sykehus.no` }));
    await page.getByRole('textbox', { name: 'E-postadresse' }).fill(`abonnent-${randomUUID()}@sykehus.no`);
    await expectTooMany(await press('Abonner'));
    await expectOnward('Meld deg på nyhetsbrevet');
  }, 120_000);

  it('event registration: the form, its errors, the seat and cancel links in every state, and the problem pages', async () => {
    // A program to choose from (one session with its own capacity), the default questions and a description.
    const event = await openEvent(deps, {
      startsAt: '2027-12-03T08:00:00Z',
      endsAt: '2027-12-03T15:00:00Z',
      description:
        '<h2>Om kurset</h2><p>Vi går gjennom <strong>risikovurdering</strong> i praksis, med <a href="https://normen.no/veiledere">veilederne</a>.</p>',
      sessions: [
        { id: 'apning', title: 'Åpning', startsAt: '2027-12-03T08:00:00Z', endsAt: '2027-12-03T08:30:00Z' },
        { id: 'workshop', title: 'Workshop', startsAt: '2027-12-03T12:00:00Z', endsAt: '2027-12-03T13:00:00Z', capacity: 5 },
      ],
    });
    const title = event.title;
    const formPath = `/events/${event.id}/registrations`;
    await expectAccessible(await visit(formPath), 200, title);
    await expectPrivacyNotice(new RegExp(`${event.retentionDays} dager etter arrangementet sletter vi`));
    // The description, under the title and above the form.
    const about = page.getByRole('heading', { level: 2, name: 'Om kurset' });
    await expectVisible(about);
    await expectVisible(page.getByText('Vi går gjennom risikovurdering i praksis, med veilederne.'));
    expect(await page.getByRole('link', { name: 'veilederne' }).getAttribute('href')).toBe('https://normen.no/veiledere');
    const above = async (first: Locator, second: Locator) =>
      first.evaluate((one, other) => Boolean(other && one.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING), await second.elementHandle());
    expect(await above(page.getByRole('heading', { level: 1 }), about)).toBe(true);
    expect(await above(about, page.locator('form'))).toBe(true);

    await skipBrowserChecks();
    await fill(registrationFields());
    await streamed().check();
    await page.getByRole('checkbox', { name: /Åpning/ }).check();
    await expectAccessible(await press('Meld meg på'), 400, title);
    await expectVisible(page.getByRole('alert').getByRole('link', { name: 'Rolle: «Rolle» må fylles ut' }));
    expect(await streamed().isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /Åpning/ }).isChecked()).toBe(true);
    await page.getByRole('textbox', { name: 'Rolle' }).fill('Personvernombud');
    await expectAccessible(await press('Meld meg på'), 202, title);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Takk! Påmeldingen er mottatt' }));
    await expectOnward('Meld på en til');

    // A held seat: confirm page, confirmed, opened again; then cancel page, cancelled, opened again.
    const kari = await register(deps, event.id, participant(), '10.9.0.1');
    if (kari.kind !== 'registered') throw new Error('not registered');
    const kariToken = encodeURIComponent(registrationToken(deps, kari.registration));
    await expectAccessible(await visit(`/events/registrations/confirm?token=${kariToken}`), 200, title);
    await expectVisible(page.getByRole('button', { name: 'Bekreft plassen' }));
    await expectOnward('Kan du ikke komme? Meld deg av');
    await expectAccessible(await press('Bekreft plassen'), 200, title);
    await expectOnward('Kan du ikke komme likevel? Meld deg av');
    await expectAccessible(await visit(`/events/registrations/confirm?token=${kariToken}`), 200, title);
    await expectVisible(page.getByText('Plassen din er allerede bekreftet. Du er påmeldt.'));
    // The way on from the confirmed seat is the cancel page of the same registration.
    await expectAccessible(await follow('Kan du ikke komme likevel? Meld deg av'), 200, title);
    await expectVisible(page.getByRole('button', { name: 'Meld meg av' }));
    await expectOnward();
    await expectAccessible(await press('Meld meg av'), 200, title);
    await expectVisible(page.getByRole('status').getByText('Du er meldt av. Vi har sendt en bekreftelse på e-post.'));
    await expectOnward('Angret? Meld deg på igjen');
    await expectAccessible(await visit(`/events/registrations/cancel?token=${kariToken}`), 200, title);
    await expectVisible(page.getByText('Påmeldingen var allerede avmeldt.'));
    await expectOnward('Angret? Meld deg på igjen');
    await expectAccessible(await follow('Angret? Meld deg på igjen'), 200, title);
    await expectVisible(page.getByRole('button', { name: 'Meld meg på' }));
    // Nothing to confirm for a cancelled registration (409), and a hold that ran out (409).
    await expectAccessible(await visit(`/events/registrations/confirm?token=${kariToken}`), 409, title);
    await expectOnward('Meld deg på igjen');

    const late = await register(deps, event.id, participant(), '10.9.0.2');
    if (late.kind !== 'registered' || !late.registration.heldUntil) throw new Error('no hold');
    deps.clock.set(late.registration.heldUntil);
    await runJob(deps, 'seat-holds', { kind: 'schedule', by: null });
    await expectAccessible(await visit(`/events/registrations/confirm?token=${encodeURIComponent(registrationToken(deps, late.registration))}`), 409, title);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Fristen for å bekrefte plassen er ute' }));
    await expectOnward('Meld deg på igjen');
    await expectAccessible(await visit('/events/registrations/cancel?token=ugyldig'), 400, 'Lenken virker ikke');
    await expectVisible(page.getByText('Lenken er ugyldig eller utløpt', { exact: false }));
    await expectVisible(page.getByRole('link', { name: 'sekretariatet@normen.no' }));
    await expectOnward();

    // An event that does not exist (404); a form posted after registration closed (409), and the closed form.
    await expectAccessible(await visit(`/events/${randomUUID()}/registrations`), 404, 'Finner ikke påmeldingen');
    await expectOnward();
    await visit(formPath);
    await updateEvent(deps, editor, event.id, { status: 'closed', expectedRevision: event.revision });
    await fill({ ...registrationFields(), Rolle: 'Personvernombud' });
    await streamed().check();
    await expectAccessible(await press('Meld meg på'), 409, 'Det gikk ikke');
    await expectVisible(page.getByText('Påmeldingen er stengt.'));
    await expectOnward();
    await expectAccessible(await visit(formPath), 200, title);
    await expectVisible(page.getByRole('status').getByText('Påmeldingen er stengt.'));
    await expectOnward();
  }, 120_000);

  it('event registration over the rate limit: the 429 page', async () => {
    const event = await openEvent(deps, {
      startsAt: '2027-12-04T08:00:00Z',
      endsAt: '2027-12-04T15:00:00Z',
      sessions: [],
      questions: [],
      attendance: [{ mode: 'online', capacity: null }],
    });
    await visit(`/events/${event.id}/registrations`);
    await exhaustLimit(`/events/${event.id}/registrations`, () => participant({ mode: 'online', answers: {} }));
    await fill(registrationFields());
    await expectTooMany(await press('Meld meg på'));
  }, 120_000);
});
