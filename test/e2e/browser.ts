import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import { launchChromium } from '../../local/chromium';
import { freePort, signIn } from '../../local/services';
import { startLocalSystem, type LocalSystem } from '../../local/system';
import { accessibilityViolations } from './axe';

/** Shared by the browser tests: Debian's Chromium (local/chromium.ts) against the local system. */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

const repoRoot = join(import.meta.dirname, '../..');
const buildKey = createHash('sha1').update(repoRoot).digest('hex').slice(0, 10);
const buildLock = join(tmpdir(), `normen-cms-build-${buildKey}.lock`);
const STALE_LOCK_MS = 180_000;

async function acquireBuildLock(): Promise<void> {
  for (;;) {
    try {
      await mkdir(buildLock);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lockedAt = (await stat(buildLock).catch(() => null))?.mtimeMs ?? Date.now();
      // A test process that died while building leaves its lock behind.
      if (Date.now() - lockedAt > STALE_LOCK_MS) await rm(buildLock, { recursive: true, force: true });
      await sleep(250);
    }
  }
}

/**
 * The local API server serves cms/dist only if it exists when it starts. `npm test` builds the CMS
 * before any test runs, so the browser test files (which run in parallel and share cms/dist) never
 * rebuild it under a server that is serving it; only when it is missing (a test run on its own)
 * does one file build it, in a child process with NODE_ENV=production (vitest's NODE_ENV=test would
 * give React's development build), while the others wait. After changing the CMS, run
 * `npm run build:cms` (or `npm test`) before running these files alone.
 */
export async function buildCms(): Promise<void> {
  const built = () =>
    stat(join(repoRoot, 'cms/dist/index.html')).then(
      () => true,
      () => false,
    );
  if (await built()) return;
  await acquireBuildLock();
  try {
    if (await built()) return;
    await promisify(execFile)('npx', ['vite', 'build', '--config', 'cms/vite.config.ts', '--logLevel', 'warn'], {
      cwd: repoRoot,
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } finally {
    await rm(buildLock, { recursive: true, force: true });
  }
}

export interface BrowserSystem {
  readonly system: LocalSystem;
  readonly browser: Browser;
}

/**
 * For a browser test file: before its tests, builds the CMS, starts the whole local system with the
 * demo seed on free ports in a fresh data folder, and
 * launches the browser; after them, stops both and removes the folder.
 */
export function useBrowserSystem(dataDirPrefix: string): BrowserSystem {
  let system: LocalSystem | undefined;
  let browser: Browser | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    await buildCms();
    dataDir = await mkdtemp(join(tmpdir(), dataDirPrefix));
    // Free ports, so the files run side by side and beside `npm start` or another checkout's run.
    const ports = { api: await freePort(), dynamodb: await freePort(), ses: await freePort(), cognito: await freePort(), s3: await freePort() };
    system = await startLocalSystem({ ports, dataDir, ephemeral: true, seed: true });
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  return {
    get system() {
      if (!system) throw new Error('The local system has not started');
      return system;
    },
    get browser() {
      if (!browser) throw new Error('The browser has not started');
      return browser;
    },
  };
}

export type Role = 'editor' | 'committee' | 'admin';

export interface CmsPage {
  readonly page: Page;
  /** How many times the address has changed to the login page since the CMS was opened. */
  loginNavigations(): number;
}

/**
 * A page in a fresh browser context (nothing stored: a cold start), counting every navigation of
 * the page to `#/login` (hash changes included) from now on. No bypassCSP: the local server sends
 * the CMS without a Content-Security-Policy, and axe-core goes in through page.evaluate (the
 * DevTools protocol), which a page's CSP does not govern anyway.
 */
export async function newCmsPage(browser: Browser, role: Role | 'visitor'): Promise<CmsPage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
  const page = await context.newPage();
  // Generous: CI runs these beside other test files on two cores, sometimes with more load beside it.
  page.setDefaultTimeout(30_000);
  // A failing browser step is much easier to understand with a picture of the page.
  onTestFailed(async () => {
    const path = join(tmpdir(), `normen-e2e-${role}-${Date.now()}.png`);
    await page.screenshot({ path, fullPage: true }).catch(() => undefined);
    console.error(`Skjermbilde av siden da testen feilet: ${path}`);
  });
  let loginNavigations = 0;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && new URL(frame.url()).hash.startsWith('#/login')) loginNavigations += 1;
  });
  return { page, loginNavigations: () => loginNavigations };
}

/** Logs in through the login page and waits for the home page, the "Forfall og oppfølging" dashboard. */
export async function logIn(browser: Browser, system: LocalSystem, role: Role): Promise<Page> {
  const { page } = await newCmsPage(browser, role);
  const { username, password } = system.users[role];
  await page.goto(system.cmsUrl);
  // The first load parses the whole CMS bundle; with other browser tests running beside it that can take a while.
  await page.getByRole('textbox', { name: 'Brukernavn' }).fill(username, { timeout: 45_000 });
  await page.getByRole('textbox', { name: 'Passord' }).fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Forfall og oppfølging' }));
  await pageLoaded(page);
  await expectAccessible(page, `Forfall og oppfølging (${role})`);
  return page;
}

/** Follows a link in the side menu, waits for the page's content, and checks it with axe-core. */
export async function openMenu(page: Page, item: string): Promise<void> {
  const link = page.getByRole('menuitem', { name: item, exact: true });
  const target = await link.getAttribute('href');
  await link.click();
  if (target) await page.waitForURL((url) => url.hash === target);
  await pageLoaded(page);
  await expectAccessible(page, item);
}

/** The document overview, from the menu (which has checked it with axe-core once its rows were in). */
export async function openOverview(page: Page): Promise<void> {
  await openMenu(page, 'Dokumentoversikt');
  await expectVisible(page.getByRole('columnheader', { name: 'Tittel' }));
}

/**
 * Waits until the page shown has its content: the app has settled, the page has set its title
 * in the app bar, and nothing in it is still loading (no spinner, no list placeholder rows).
 * Determinate progress bars (a send's progress) are content, not loading.
 */
export async function pageLoaded(page: Page): Promise<void> {
  await settled(page);
  await page.waitForFunction(() => {
    const content = document.getElementById('main-content');
    const title = document.getElementById('react-admin-title')?.textContent?.trim() ?? '';
    return (
      content !== null &&
      title !== '' &&
      content.querySelector('[role="progressbar"]:not([aria-valuenow]), [class*="RaPlaceholder"]') === null &&
      content.querySelector('h1, h2, table, [role="alert"]') !== null
    );
  });
}

/**
 * Asserts that axe-core finds no WCAG 2.1 A/AA violation on the page as it is now, once the CMS
 * has settled and finished its transitions (a dialog fading in would measure as low contrast).
 * `label` names the page state in the failure message.
 */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  await settled(page);
  // Spinners turn for ever; only transitions and animations that end are waited for.
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Number.POSITIVE_INFINITY),
  );
  expect(await accessibilityViolations(page), `WCAG 2.1 A/AA-brudd på «${label}» (${page.url()})`).toEqual([]);
}

// playwright-core has no web-first assertions (those live in @playwright/test): wait, then assert.
export async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

/**
 * Waits until the CMS is idle: React has painted twice (so the effects of the last render, which
 * start the permission checks and data queries, have run) and react-admin's loading indicator in
 * the app bar (shown while any query or mutation is in flight, permission checks included) is gone.
 * Conditions, not delays: on a loaded machine this simply takes longer.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  await page.waitForFunction(() => document.querySelector('header [role="progressbar"]') === null);
}

/**
 * For "is not offered" checks. Call it only after a presence assertion on something that renders
 * together with the thing that must be absent; it then waits for the app to settle (permission
 * checks in react-admin are asynchronous) before asserting the absence.
 */
export async function expectAbsent(page: Page, locator: Locator): Promise<void> {
  await settled(page);
  expect(await locator.count()).toBe(0);
}

/** Waits until a list shows exactly `count` rows (filters apply after a debounce, lists refetch). */
export async function expectRowCount(rows: Locator, count: number): Promise<void> {
  await expect.poll(() => rows.count(), { timeout: 30_000, interval: 200 }).toBe(count);
}

export async function selectOption(scope: Page | Locator, field: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: field, exact: true }).click();
  // MUI renders the options in a popup at the end of the page, outside any dialog or row.
  const page = 'page' in scope ? scope.page() : scope;
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Calls the API as the signed-in user, with the id token the CMS keeps in sessionStorage. */
export async function apiAs(page: Page, system: LocalSystem) {
  const { idToken } = await page.evaluate(() => JSON.parse(sessionStorage.getItem('normen.cms.session') ?? '{}') as { idToken: string });
  return apiWithToken(system, idToken);
}

/** The API as a role, signed in directly against cognito-local: for steps that need no browser. */
export async function apiAsRole(system: LocalSystem, role: Role) {
  const { username, password } = system.users[role];
  const { idToken } = await signIn(system.cognitoEndpoint, system.clientId, username, password);
  return apiWithToken(system, idToken);
}

function apiWithToken(system: LocalSystem, idToken: string) {
  return (method: string, path: string, body?: unknown) =>
    fetch(`${system.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${idToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
}
