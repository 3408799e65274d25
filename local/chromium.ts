import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium driven by playwright-core (playwright cannot download browsers here), for the
 * browser tests, the sign-in bench and the screenshots script.
 */
export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
}
