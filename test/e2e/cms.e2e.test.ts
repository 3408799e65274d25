import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { defaultAudienceByLevel, defaultConsultationDeadline, deliveredProductSchema, osloDate, productSchema } from '../../content-model';
import { minimalPdf } from '../../local/pdf';
import { apiAs, expectAbsent, expectVisible, logIn as logInAs, newCmsPage, openOverview, selectOption, settled, useBrowserSystem } from './browser';

/**
 * The CMS UI in a real browser (Debian's Chromium) against the whole local system: cognito-local
 * logins, the local API server with the real handlers, DynamoDB Local and s3rver.
 */
const e2e = useBrowserSystem('normen-e2e-');

/** Logs in (home is the dashboard) and opens the document overview. */
async function logIn(role: 'editor' | 'committee'): Promise<Page> {
  const page = await logInAs(e2e.browser, e2e.system, role);
  await openOverview(page);
  return page;
}

/** The status chip in the product page header. */
function statusChip(page: Page, label: string) {
  return page.getByRole('group', { name: 'Status' }).getByText(label, { exact: true });
}

describe('CMS UI in a browser', () => {
  it('shows the sign-in form on a cold start after one redirect, and a wrong password at the form', async () => {
    const { page, loginNavigations } = await newCmsPage(e2e.browser, 'visitor');
    await page.goto(e2e.system.cmsUrl);
    const form = page.getByRole('form', { name: 'Logg inn' });
    await expectVisible(form.getByRole('textbox', { name: 'Brukernavn' }));
    // One redirect from the home page to the login page (two allowed for a router's replace); a loop makes hundreds.
    expect(loginNavigations()).toBeGreaterThanOrEqual(1);
    expect(loginNavigations()).toBeLessThanOrEqual(2);
    // No app shell around the login page, and no "please log in" toast on top of it.
    expect(await page.getByRole('menuitem').count()).toBe(0);
    await settled(page);
    expect(loginNavigations()).toBeLessThanOrEqual(2);
    await expectAbsent(page, page.getByText('Ikke innlogget'));
    await expectAbsent(page, page.getByText('Logg inn for å fortsette'));

    await form.getByRole('textbox', { name: 'Brukernavn' }).fill(e2e.system.users.editor.username);
    await form.getByRole('textbox', { name: 'Passord' }).fill('feil-passord');
    await form.getByRole('button', { name: 'Logg inn' }).click();
    await expectVisible(form.getByRole('alert').getByText('Feil brukernavn eller passord'));
    await expectAbsent(page, page.getByText('Ikke innlogget'));
    expect(await page.getByText('Feil brukernavn eller passord').count()).toBe(1);
    expect(loginNavigations()).toBeLessThanOrEqual(2);

    // The right password then signs in, and the message is gone.
    await form.getByRole('textbox', { name: 'Passord' }).fill(e2e.system.users.editor.password);
    await form.getByRole('button', { name: 'Logg inn' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Forfall og oppfølging' }));
    await page.context().close();
  }, 60_000);

  it('lets an editor create a guide, take it through consultation and approval, and publish it', async () => {
    const page = await logIn('editor');
    const title = `Veileder om logging ${Date.now()}`;

    await page.getByRole('link', { name: 'Nytt produkt' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Klassifisering' }));
    await page.getByRole('textbox', { name: 'Tittel', exact: true }).fill(title);
    await selectOption(page, 'Type', 'Veileder');
    // The level follows from the type (guides are level 2) unless the editor overrides it.
    expect(await page.getByRole('combobox', { name: 'Nivå', exact: true }).textContent()).toBe('Nivå 2 – Utgitt av Styringsgruppen');
    await selectOption(page, 'Kategori', 'Kjernetema');
    await page.getByRole('textbox', { name: 'Eier (navn)' }).fill('Rita Redaktør');
    await page.getByRole('textbox', { name: 'Eier (e-post)' }).fill('redaktor@normen.local');
    await page.getByRole('textbox', { name: 'Sammendrag', exact: true }).fill('Hvordan virksomheten logger og følger opp tilgang til helseopplysninger.');
    await page.locator('.ProseMirror').click();
    await page.keyboard.type('Logging av tilgang er et krav i Normen.');
    await page.getByRole('button', { name: 'Lagre' }).click();

    await expectVisible(statusChip(page, 'Under utvikling'));

    // HTML named .pdf uploads (the bucket takes any bytes) but the save refuses it, on that file.
    await page.getByRole('link', { name: 'Rediger' }).click();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'falsk.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html><script>alert(1)</script></html>') });
    await expectVisible(page.getByRole('list', { name: 'Vedlegg' }).getByText('falsk.pdf', { exact: true }));
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expectVisible(page.getByRole('list', { name: 'Vedlegg' }).getByRole('alert').filter({ hasText: 'Filen er ikke en PDF' }));
    await page.getByRole('button', { name: 'Fjern falsk.pdf' }).click();

    // A PDF: upload ticket, form POST to s3rver, then saved with the product.
    await page.locator('input[type=file]').setInputFiles({ name: 'logging.pdf', mimeType: 'application/pdf', buffer: minimalPdf(title, ['Vedlegg']) });
    await expectVisible(page.getByRole('list', { name: 'Vedlegg' }).getByText('logging.pdf', { exact: true }));
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expectVisible(statusChip(page, 'Under utvikling'));

    // The consultation window is prefilled with the defaults for level 2 (four weeks, July not counted).
    await page.getByRole('button', { name: 'Send på høring' }).click();
    const consultation = page.getByRole('dialog', { name: 'Send på høring' });
    expect(await consultation.getByRole('textbox', { name: 'Målgruppe' }).inputValue()).toBe(defaultAudienceByLevel[2]);
    const today = osloDate(new Date());
    expect(await consultation.getByLabel('Åpner').inputValue()).toBe(today);
    expect(await consultation.getByLabel('Høringsfrist').inputValue()).toBe(defaultConsultationDeadline(2, today));
    await consultation.getByRole('button', { name: 'Send på høring' }).click();
    await expectVisible(statusChip(page, 'På høring'));

    // The steering group adopted a case about the guide; approval refers to it in the decision register.
    const productId = /#\/products\/([^/]+)/.exec(page.url())?.[1] ?? '';
    const decisionDate = osloDate(new Date());
    const api = await apiAs(page, e2e.system);
    const decided = (await (
      await api('POST', '/admin/cases', {
        type: 'decision',
        title: title,
        proposal: 'Veilederen godkjennes og publiseres.',
        productIds: [decodeURIComponent(productId)],
        outcome: 'adopted',
        decidedOn: decisionDate,
      })
    ).json()) as { number: string };
    expect(decided.number).toMatch(/^\d{2}\/\d{2}$/);

    await page.getByRole('button', { name: 'Godkjenn' }).click();
    const approval = page.getByRole('dialog', { name: 'Godkjenn produktet' });
    // The consultation is still open: approving ends it, and the editor must say why.
    await expectVisible(approval.getByText(/Høringen er åpen til/));
    await approval.getByRole('textbox', { name: 'Begrunnelse for å avslutte høringen' }).fill('Styringsgruppen behandlet saken før fristen');
    // A case that is not in the register is refused at the field.
    await approval.getByRole('textbox', { name: 'Vedtaksreferanse' }).fill('99/19');
    await approval.getByRole('button', { name: 'Godkjenn', exact: true }).click();
    await expectVisible(approval.getByText('Sak 99/19 finnes ikke i vedtaksregisteret'));
    await approval.getByRole('textbox', { name: 'Vedtaksreferanse' }).fill(decided.number);
    await approval.getByRole('button', { name: 'Godkjenn', exact: true }).click();
    await expectVisible(statusChip(page, 'Godkjent'));

    await page.getByRole('button', { name: 'Publiser' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publiser' }).click();
    await expectVisible(statusChip(page, 'Publisert'));
    await expectVisible(statusChip(page, 'Nettsiden: Gjeldende'));

    // The page links to the public delivery URL; the delivery API serves the product as current.
    const publicUrl = await page.getByRole('link', { name: /leverings-API/ }).getAttribute('href');
    expect(publicUrl).toMatch(new RegExp(`^${e2e.system.apiUrl}/content/products/veileder-om-logging-\\d+$`));
    const response = await fetch(publicUrl ?? '');
    expect(response.status).toBe(200);
    const delivered = deliveredProductSchema.parse(await response.json());
    expect(delivered).toMatchObject({
      title,
      type: 'guide',
      level: 2,
      currency: 'current',
      version: 1,
      decision: { reference: decided.number, date: decisionDate },
    });
    expect(delivered.attachments.map((attachment) => attachment.fileName)).toEqual(['logging.pdf']);

    // Every step is in the history.
    await page.getByRole('tab', { name: 'Historikk' }).click();
    const log = page.getByRole('table', { name: 'Endringslogg' });
    for (const action of ['Opprettet', 'Sendt på høring', 'Godkjent', 'Publisert']) {
      await expectVisible(log.getByRole('cell', { name: action, exact: true }));
    }
    await expectVisible(
      page.getByRole('table', { name: 'Publiserte versjoner' }).getByRole('cell', { name: new RegExp(`^${decided.number.replace('/', '\\/')}`) }),
    );

    await page.context().close();
  }, 120_000);

  it('shows a committee member the overview and products but no create, edit or lifecycle buttons', async () => {
    const page = await logIn('committee');

    await expectVisible(page.getByRole('button', { name: 'Eksporter CSV' }));
    await expectAbsent(page, page.getByRole('link', { name: 'Nytt produkt' }));

    // The export comes from the API's CSV endpoint (every page, same filters), as a file download.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksporter CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('dokumentoversikt.csv');
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.trim().split('\n').length).toBeGreaterThan(1);

    // An expired token is renewed with the refresh token, without a new login.
    await page.evaluate(() => {
      const stored = JSON.parse(sessionStorage.getItem('normen.cms.session') ?? '{}');
      sessionStorage.setItem('normen.cms.session', JSON.stringify({ ...stored, idToken: 'expired', expiresAt: 0 }));
    });
    await page.reload();
    await expectVisible(page.getByRole('columnheader', { name: 'Tittel' }));
    const renewed = await page.evaluate(() => JSON.parse(sessionStorage.getItem('normen.cms.session') ?? '{}') as { idToken: string; expiresAt: number });
    expect(renewed.idToken).not.toBe('expired');
    expect(renewed.expiresAt).toBeGreaterThan(Date.now());

    await page.getByRole('row').nth(1).click();
    await expectVisible(page.getByRole('tab', { name: 'Historikk' }));
    await expectAbsent(page, page.getByRole('link', { name: 'Rediger' }));
    for (const action of ['Send på høring', 'Godkjenn', 'Publiser', 'Saner', 'Tilbake til utkast']) {
      await expectAbsent(page, page.getByRole('button', { name: action }));
    }

    // Typing the address of the create page does not help either.
    await page.goto(`${e2e.system.cmsUrl}#/products/create`);
    await expectVisible(page.getByText('Du har ikke tilgang til denne siden'));
    await expectAbsent(page, page.getByRole('button', { name: 'Lagre' }));
    // One message: the page says it, no toast says it again.
    expect(await page.getByText(/ikke tilgang/).count()).toBe(1);

    await page.context().close();
  }, 60_000);

  it('refuses an edit based on a stale revision with a Norwegian message', async () => {
    const page = await logIn('editor');
    const { idToken } = await page.evaluate(() => JSON.parse(sessionStorage.getItem('normen.cms.session') ?? '{}') as { idToken: string });
    const api = (method: string, path: string, body: unknown) =>
      fetch(`${e2e.system.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const created = productSchema.parse(
      await (
        await api('POST', '/admin/products', {
          title: `Faktaark om samtidige endringer ${Date.now()}`,
          type: 'fact-sheet',
          topicCategory: 'other',
          owner: { name: 'Rita Redaktør', email: 'redaktor@normen.local' },
        })
      ).json(),
    );

    await page.goto(`${e2e.system.cmsUrl}#/products/${created.id}/edit`);
    await page.getByRole('textbox', { name: 'Sammendrag', exact: true }).fill('Min endring');
    // Someone else saves first.
    expect((await api('PUT', `/admin/products/${created.id}`, { summary: 'Deres endring', expectedRevision: created.revision })).status).toBe(200);
    await page.getByRole('button', { name: 'Lagre' }).click();

    await expectVisible(page.getByText('Produktet er endret av noen andre – last inn på nytt'));
    await page.context().close();
  }, 60_000);
});
