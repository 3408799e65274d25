import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../local/chromium';
import type { LocalSystem } from '../local/system';
import { ms, percentile } from './figures';

const repoRoot = join(import.meta.dirname, '..');
const visits = 7;

/** The local API server serves cms/dist only if it exists when it starts: build it first when missing. */
export function ensureCmsBuilt(): void {
  if (existsSync(join(repoRoot, 'cms/dist/index.html'))) return;
  console.log('Bygger CMS-et (cms/dist mangler) …');
  execFileSync('npx', ['vite', 'build', '--config', 'cms/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}

/**
 * Cold starts of the CMS in Chromium: each visit is a fresh browser context (no cache, no stored
 * session), timed from navigation until the sign-in form's username field is visible, and then from
 * pressing "Logg inn" until the dashboard's heading is. The goal: the form within 1 s.
 */
export async function cmsSignInSection(system: LocalSystem): Promise<void> {
  console.log(`\nCMS cold start in Chromium (${visits} fresh contexts, goal: sign-in form within 1 s):`);
  const browser = await launchChromium();
  const toForm: number[] = [];
  const toDashboard: number[] = [];
  let loginNavigations = 0;
  try {
    const { username, password } = system.users.editor;
    for (let visit = 0; visit < visits; visit += 1) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
      const page = await context.newPage();
      page.on('framenavigated', (frame) => {
        if (frame === page.mainFrame() && new URL(frame.url()).hash.startsWith('#/login')) loginNavigations += 1;
      });
      const start = performance.now();
      await page.goto(system.cmsUrl);
      await page.getByRole('textbox', { name: 'Brukernavn' }).waitFor({ state: 'visible' });
      toForm.push(performance.now() - start);
      await page.getByRole('textbox', { name: 'Brukernavn' }).fill(username);
      await page.getByRole('textbox', { name: 'Passord' }).fill(password);
      const signInStart = performance.now();
      await page.getByRole('button', { name: 'Logg inn' }).click();
      await page.getByRole('heading', { level: 1, name: 'Forfall og oppfølging' }).waitFor({ state: 'visible' });
      toDashboard.push(performance.now() - signInStart);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  // The first visit also pays for the browser's first renderer and the server's first reads of the bundle.
  const [firstVisit] = toForm;
  toForm.sort((a, b) => a - b);
  toDashboard.sort((a, b) => a - b);
  const line = (values: number[]) => `p50 ${ms(percentile(values, 50)).padStart(9)}  max ${ms(values.at(-1) ?? Number.NaN).padStart(9)}`;
  console.log(`  page opened → sign-in form visible        ${line(toForm)}  (${percentile(toForm, 50) <= 1000 ? 'within' : 'OVER'} the 1 s goal)`);
  console.log(`    the first visit (browser and server cold): ${ms(firstVisit ?? Number.NaN)}`);
  console.log(`  "Logg inn" → dashboard heading visible   ${line(toDashboard)}`);
  console.log(`  navigations to #/login per cold start: ${(loginNavigations / visits).toFixed(1)}`);
}
