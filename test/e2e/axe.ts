import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';

const axeSource = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The WCAG 2.1 A and AA rules: what Normen's public pages and the CMS must meet. */
const wcag21aa = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * A browser context in which axe-core can run: the public pages' policy (a sandbox without
 * scripts) would block it, so the context bypasses CSP. Test contexts only.
 */
export function axeContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', bypassCSP: true });
}

/** The WCAG 2.1 A/AA violations axe-core finds on the page, each as "rule: the elements it failed on". */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(await axeSource);
  return page.evaluate(async (tags) => {
    interface Result {
      violations: { id: string; nodes: { target: unknown[] }[] }[];
    }
    const { axe } = globalThis as unknown as { axe: { run(options: unknown): Promise<Result> } };
    const result = await axe.run({ runOnly: { type: 'tag', values: tags } });
    return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  }, wcag21aa);
}
