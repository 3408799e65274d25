import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ensureCmsBuilt } from '../bench/cms-sign-in';
import { launchChromium } from './chromium';
import { freePort } from './services';
import { startLocalSystem } from './system';

/**
 * `npm run screenshots`: the README's pictures, made against a freshly seeded local system (its own
 * free ports and a temporary data folder, so it runs beside `npm start`) in Chromium at 1440×900,
 * signed in as the editor. Writes docs/screenshots/*.png.
 */
const outDir = join(import.meta.dirname, '../docs/screenshots');
const viewport = { width: 1440, height: 900 };

/** Waits until react-admin has nothing in flight (its loading indicator in the app bar is gone). */
async function settled(page: Page): Promise<void> {
  // Expressions, not functions: this file is type-checked without the DOM library (tsconfig.json).
  await page.waitForFunction(`document.querySelector('header [role="progressbar"]') === null`);
  // Fonts finish after the data: the picture should not catch them half-drawn.
  await page.evaluate('document.fonts.ready.then(() => undefined)');
}

async function shoot(page: Page, name: string): Promise<void> {
  await settled(page);
  const path = join(outDir, `${name}.png`);
  await page.screenshot({ path });
  console.log(`  ${path}`);
}

ensureCmsBuilt();
await mkdir(outDir, { recursive: true });
const dataDir = await mkdtemp(join(tmpdir(), 'normen-screenshots-'));
const ports = { api: await freePort(), dynamodb: await freePort(), ses: await freePort(), cognito: await freePort(), s3: await freePort() };
const system = await startLocalSystem({ ports, dataDir, ephemeral: true, seed: true });
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  const { username, password } = system.users.editor;
  console.log('Skjermbilder (1440×900):');
  await page.goto(system.cmsUrl);
  await page.getByRole('textbox', { name: 'Brukernavn' }).fill(username);
  await page.getByRole('textbox', { name: 'Passord' }).fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByRole('heading', { level: 1, name: 'Forfall og oppfølging' }).waitFor();
  // The dashboard draws its sections once its own query is in (it shows a spinner, not the app bar's indicator).
  await page.getByRole('heading', { name: 'Trenger oppfølging' }).waitFor();
  await shoot(page, 'dashboard');

  await page.getByRole('menuitem', { name: 'Dokumentoversikt', exact: true }).click();
  await page.getByRole('columnheader', { name: 'Tittel' }).waitFor();
  await shoot(page, 'overview');

  // Rows open the product's page (react-admin's rowClick).
  await page.getByRole('row').filter({ hasText: 'Veileder for internkontroll i helse- og omsorgssektoren' }).first().click();
  await page.getByRole('heading', { name: 'Veileder for internkontroll i helse- og omsorgssektoren' }).first().waitFor();
  await shoot(page, 'product');

  await page.getByRole('menuitem', { name: 'Arrangementer', exact: true }).click();
  await page.getByRole('row').filter({ hasText: 'Normkonferansen 2026' }).first().click();
  await page.getByRole('heading', { name: 'Normkonferansen 2026' }).first().waitFor();
  await shoot(page, 'event');
} finally {
  await browser.close();
  await system.stop();
  await rm(dataDir, { recursive: true, force: true });
}
