import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, expectVisible, logIn, openMenu, openOverview, pageLoaded, type Role, useBrowserSystem } from './browser';

/**
 * WCAG 2.1 AA in the CMS (issue 11): every page each role may open, and the dialogs and form states
 * on them, in Chromium against the seeded local system, with axe-core finding no A/AA violation on
 * any of them. Besides axe, the names that axe cannot judge: the rich-text editor is named by its
 * visible label, the list buttons say what they add or remove, and "Ingen tilgang" is a heading.
 */
const e2e = useBrowserSystem('normen-a11y-e2e-');

const seeded = {
  published: 'Veileder for internkontroll i helse- og omsorgssektoren',
  inConsultation: 'Faktaark: Integritet',
  draft: 'Veileder for bruk av skytjenester',
  sentCampaign: 'Nytt i Normen: revidert veileder for internkontroll',
  draftCampaign: 'Invitasjon: webinar om skytjenester',
  conference: 'Normkonferansen 2026',
};

async function signIn(role: Role): Promise<Page> {
  const page = await logIn(e2e.browser, e2e.system, role);
  // A form left with changes asks before leaving; these visits change nothing worth keeping.
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

/** Opens a row of the list on screen by its title and waits for the page it leads to (its h1). */
async function openRow(page: Page, title: string, heading: string | RegExp = title): Promise<void> {
  await page.getByRole('row').filter({ hasText: title }).first().getByText(title, { exact: true }).first().click();
  await expectVisible(page.getByRole('heading', { level: 1, name: heading }));
  await pageLoaded(page);
  await expectAccessible(page, typeof heading === 'string' ? heading : title);
}

/** Opens a dialog with a button, checks it, and closes it with «Avbryt». */
async function checkDialog(page: Page, button: string, dialogName: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: dialogName });
  await expectVisible(dialog);
  await expectAccessible(page, `dialogen «${dialogName}»`);
  await dialog.getByRole('button', { name: 'Avbryt' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function openTab(page: Page, tab: string): Promise<void> {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await pageLoaded(page);
  await expectAccessible(page, `fanen «${tab}»`);
}

/** A form page (create or edit), known by one of its section headings. */
async function checkForm(page: Page, link: string, section: string, label: string): Promise<void> {
  await page.getByRole('link', { name: link, exact: true }).click();
  await expectVisible(page.getByRole('heading', { level: 2, name: section }));
  await pageLoaded(page);
  await expectAccessible(page, label);
}

/** The rich-text editor's name is its visible label; its text-level button names what it shows. */
async function checkRichText(page: Page, label: string): Promise<void> {
  const editor = page.getByRole('textbox', { name: label, exact: true });
  await expectVisible(editor);
  expect(await editor.getAttribute('contenteditable')).toBe('true');
  const level = page.getByRole('button', { name: / – velg tekstnivå$/ });
  const shown = await level.textContent();
  expect(['Avsnitt', 'Overskrift 1', 'Overskrift 2', 'Overskrift 3', 'Overskrift 4', 'Overskrift 5', 'Overskrift 6']).toContain(shown);
  expect(await level.getAttribute('aria-label')).toBe(`${shown} – velg tekstnivå`);
  await level.click();
  // Not the side menu (also a menu): the popup with the levels.
  const levels = page.getByRole('menu').filter({ has: page.getByRole('menuitem', { name: 'Overskrift 2' }) });
  await expectVisible(levels);
  await expectAccessible(page, `tekstnivåmenyen i «${label}»`);
  await page.keyboard.press('Escape');
  await levels.waitFor({ state: 'hidden' });
}

/** What an editor and an admin share: the products' pages, forms and dialogs. */
async function checkProducts(page: Page, role: Role): Promise<void> {
  await openOverview(page);
  await openRow(page, seeded.published);
  await openTab(page, 'Innhold');
  await openTab(page, 'Evalueringer');
  await openTab(page, 'Historikk');
  await openTab(page, 'Oversikt');
  await checkDialog(page, 'Registrer evaluering', 'Registrer evaluering');
  await checkForm(page, 'Rediger', 'Klassifisering', `produktskjemaet (${role})`);
  await checkRichText(page, 'Innhold');
  // The "+" for legal references says what it adds, and each added reference how to remove it.
  await page.getByRole('button', { name: 'Legg til rettslig referanse' }).click();
  await expectVisible(page.locator('.ra-input-legalReferences').getByRole('button', { name: 'Fjern referansen' }).last());
  await expectAccessible(page, 'produktskjemaet med en ny rettslig referanse');

  await openOverview(page);
  await openRow(page, seeded.inConsultation);
  await checkDialog(page, 'Godkjenn', 'Godkjenn produktet');
  await openOverview(page);
  await openRow(page, seeded.draft);
  await checkDialog(page, 'Send på høring', 'Send på høring');

  await openOverview(page);
  await checkForm(page, 'Nytt produkt', 'Klassifisering', 'Nytt produkt');
  // «Lagre» waits for a change; an address that is not one, and the required fields left empty.
  await page.getByRole('textbox', { name: 'Eier (e-post)' }).fill('ikke-en-adresse');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expectVisible(page.locator('.Mui-error').first());
  await expectAccessible(page, 'Nytt produkt med valideringsfeil');
}

async function checkNewsletter(page: Page): Promise<void> {
  await openMenu(page, 'Nyhetsbrev');
  await openRow(page, seeded.sentCampaign);
  await openMenu(page, 'Nyhetsbrev');
  await openRow(page, seeded.draftCampaign);
  await checkDialog(page, 'Send nå', 'Send nyhetsbrevet nå?');
  await checkForm(page, 'Rediger', 'Innhold', 'nyhetsbrevskjemaet');
  await checkRichText(page, 'Innhold');
  await openMenu(page, 'Nyhetsbrev');
  await checkForm(page, 'Nytt nyhetsbrev', 'Mottakere', 'Nytt nyhetsbrev');
  await openMenu(page, 'Abonnenter');
}

async function checkEvents(page: Page): Promise<void> {
  await openMenu(page, 'Arrangementer');
  await openRow(page, seeded.conference);
  await checkDialog(page, 'Send e-post til deltakerne', 'Send e-post til deltakerne');
  await checkForm(page, 'Rediger', 'Program', 'arrangementsskjemaet');
  await checkRichText(page, 'Beskrivelse');
  const program = page.locator('.ra-input-sessions');
  await expectVisible(program.getByRole('button', { name: 'Legg til økt' }));
  expect(await program.getByRole('button', { name: 'Fjern økt' }).count()).toBeGreaterThan(1);
  await openMenu(page, 'Arrangementer');
  await checkForm(page, 'Nytt arrangement', 'Arrangementet', 'Nytt arrangement');
  await page.getByRole('textbox', { name: 'Tittel', exact: true }).fill('K');
  await page.getByRole('button', { name: 'Lagre' }).click();
  await expectVisible(page.locator('.Mui-error').first());
  await expectAccessible(page, 'Nytt arrangement med valideringsfeil');
}

/** The pages every role reads. */
async function checkReadingPages(page: Page): Promise<void> {
  await openMenu(page, 'Høringer');
  await page.getByRole('row').nth(1).click();
  // The consultation's h1 is "Høring: <the product's title>".
  await expectVisible(page.getByRole('heading', { level: 1, name: /^Høring: / }));
  await pageLoaded(page);
  await expectAccessible(page, 'en høring');
  await openMenu(page, 'Generelle innspill');
  await openMenu(page, 'Prioriteringsrapport');
  await openMenu(page, 'Planlagte jobber');
  await openMenu(page, 'Forfall og oppfølging');
}

describe('WCAG 2.1 AA in the CMS (axe-core)', () => {
  it('has no violation on any page, form or dialog an editor reaches', async () => {
    const page = await signIn('editor');
    await checkProducts(page, 'editor');
    await checkReadingPages(page);
    // An editor changes a consultation's deadline in a dialog on its page.
    await openMenu(page, 'Høringer');
    await page.getByRole('row').nth(1).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: /^Høring: / }));
    await checkDialog(page, 'Endre frist og målgruppe', 'Endre frist og målgruppe');
    await checkNewsletter(page);
    await checkEvents(page);
    await page.context().close();
  }, 300_000);

  it('has no violation on the pages a committee member reads, nor on «Ingen tilgang» for the editors’ pages', async () => {
    const page = await signIn('committee');
    await openOverview(page);
    await openRow(page, seeded.published);
    await checkDialog(page, 'Registrer evaluering', 'Registrer evaluering');
    await checkReadingPages(page);
    for (const path of ['#/events', '#/campaigns/create', '#/products/create']) {
      await page.goto(`${e2e.system.cmsUrl}${path}`);
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Ingen tilgang' }));
      await expectVisible(page.getByText('Du har ikke tilgang til denne siden.'));
      await expectAccessible(page, `Ingen tilgang (${path})`);
    }
    await page.context().close();
  }, 180_000);

  it('has no violation on the pages an admin reaches', async () => {
    const page = await signIn('admin');
    await openOverview(page);
    await openRow(page, seeded.published);
    await checkForm(page, 'Rediger', 'Klassifisering', 'produktskjemaet (admin)');
    await checkReadingPages(page);
    await openMenu(page, 'Nyhetsbrev');
    await openMenu(page, 'Abonnenter');
    await openMenu(page, 'Arrangementer');
    await openRow(page, seeded.conference);
    await page.context().close();
  }, 180_000);
});
