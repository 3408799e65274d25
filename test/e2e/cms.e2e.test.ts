import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { deliveredProductSchema, osloDate, productSchema } from '../../content-model';
import { minimalPdf } from '../../local/pdf';
import { startLocalSystem, type LocalSystem } from '../../local/system';

/**
 * The CMS UI in a real browser (Debian's Chromium) against the whole local system: cognito-local
 * logins, the local API server with the real handlers, DynamoDB Local and s3rver.
 */
const e2ePorts = { api: 23000, dynamodb: 23001, ses: 23002, cognito: 23003, s3: 23004 };
const chromiumPath = '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

let system: LocalSystem;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  // Build first: the local API server serves cms/dist only if it exists when it starts. Built in a
  // child process with NODE_ENV=production: vitest's NODE_ENV=test would give React's development build.
  await promisify(execFile)('npx', ['vite', 'build', '--config', 'cms/vite.config.ts', '--logLevel', 'warn'], {
    cwd: join(import.meta.dirname, '../..'),
    env: { ...process.env, NODE_ENV: 'production' },
  });
  dataDir = await mkdtemp(join(tmpdir(), 'normen-e2e-'));
  system = await startLocalSystem({ ports: e2ePorts, dataDir, ephemeral: true, seed: true });
  browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function logIn(role: 'editor' | 'committee'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // A failing browser step is much easier to understand with a picture of the page.
  onTestFailed(async () => {
    const path = join(tmpdir(), `normen-e2e-${role}-${Date.now()}.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => undefined);
    console.error(`Skjermbilde av siden da testen feilet: ${path}`);
  });
  const { username, password } = system.users[role];
  await page.goto(system.cmsUrl);
  await page.getByRole('textbox', { name: 'Brukernavn' }).fill(username);
  await page.getByRole('textbox', { name: 'Passord' }).fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  // Home is the document overview.
  await expectVisible(page.getByRole('columnheader', { name: 'Tittel' }));
  return page;
}

// playwright-core has no web-first assertions (those live in @playwright/test): wait, then assert.
async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

/**
 * For "is not offered" checks: first wait for something that renders together with the thing
 * that must be absent, then give permission checks (async in react-admin) a moment to settle.
 */
async function expectAbsent(page: Page, locator: Locator): Promise<void> {
  await page.waitForTimeout(300);
  expect(await locator.count()).toBe(0);
}

async function selectOption(page: Page, field: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: field, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The status chip in the product page header. */
function statusChip(page: Page, label: string) {
  return page.getByRole('group', { name: 'Status' }).getByText(label, { exact: true });
}

describe('CMS UI in a browser', () => {
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

    // A PDF: upload ticket, PUT to s3rver, then saved with the product.
    await page.getByRole('link', { name: 'Rediger' }).click();
    await page.locator('input[type=file]').setInputFiles({ name: 'logging.pdf', mimeType: 'application/pdf', buffer: minimalPdf(title, ['Vedlegg']) });
    await expectVisible(page.getByRole('list', { name: 'Vedlegg' }).getByText('logging.pdf', { exact: true }));
    await page.getByRole('button', { name: 'Lagre' }).click();
    await expectVisible(statusChip(page, 'Under utvikling'));

    await page.getByRole('button', { name: 'Send på høring' }).click();
    await expectVisible(statusChip(page, 'På høring'));

    await page.getByRole('button', { name: 'Godkjenn' }).click();
    const approval = page.getByRole('dialog', { name: 'Registrer vedtak' });
    await approval.getByRole('textbox', { name: 'Vedtaksreferanse' }).fill('06/25');
    const decisionDate = osloDate(new Date());
    await approval.getByLabel('Vedtaksdato').fill(decisionDate);
    await approval.getByRole('button', { name: 'Registrer vedtak' }).click();
    await expectVisible(statusChip(page, 'Vedtatt'));

    await page.getByRole('button', { name: 'Publiser' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publiser' }).click();
    await expectVisible(statusChip(page, 'Publisert'));
    await expectVisible(statusChip(page, 'Nettsiden: Gjeldende'));

    // The page links to the public delivery URL; the delivery API serves the product as current.
    const publicUrl = await page.getByRole('link', { name: /leverings-API/ }).getAttribute('href');
    expect(publicUrl).toMatch(new RegExp(`^${system.apiUrl}/content/products/veileder-om-logging-\\d+$`));
    const response = await fetch(publicUrl ?? '');
    expect(response.status).toBe(200);
    const delivered = deliveredProductSchema.parse(await response.json());
    expect(delivered).toMatchObject({
      title,
      type: 'guide',
      level: 2,
      currency: 'current',
      version: 1,
      decision: { reference: '06/25', date: decisionDate },
    });
    expect(delivered.attachments.map((attachment) => attachment.fileName)).toEqual(['logging.pdf']);

    // Every step is in the history.
    await page.getByRole('tab', { name: 'Historikk' }).click();
    const log = page.getByRole('table', { name: 'Endringslogg' });
    for (const action of ['Opprettet', 'Sendt på høring', 'Godkjent', 'Publisert']) {
      await expectVisible(log.getByRole('cell', { name: action, exact: true }));
    }
    await expectVisible(page.getByRole('table', { name: 'Publiserte versjoner' }).getByRole('cell', { name: /^06\/25/ }));

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
    await page.goto(`${system.cmsUrl}#/products/create`);
    await expectVisible(page.getByText('Du har ikke tilgang til denne siden'));
    await expectAbsent(page, page.getByRole('button', { name: 'Lagre' }));

    await page.context().close();
  }, 60_000);

  it('refuses an edit based on a stale revision with a Norwegian message', async () => {
    const page = await logIn('editor');
    const { idToken } = await page.evaluate(() => JSON.parse(sessionStorage.getItem('normen.cms.session') ?? '{}') as { idToken: string });
    const api = (method: string, path: string, body: unknown) =>
      fetch(`${system.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
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

    await page.goto(`${system.cmsUrl}#/products/${created.id}/edit`);
    await page.getByRole('textbox', { name: 'Sammendrag', exact: true }).fill('Min endring');
    // Someone else saves first.
    expect((await api('PUT', `/admin/products/${created.id}`, { summary: 'Deres endring', expectedRevision: created.revision })).status).toBe(200);
    await page.getByRole('button', { name: 'Lagre' }).click();

    await expectVisible(page.getByText('Produktet er endret av noen andre – last inn på nytt'));
    await page.context().close();
  }, 60_000);
});
