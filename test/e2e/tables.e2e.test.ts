import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAbsent, expectRowCount, expectVisible, logIn, openMenu, openOverview, settled, useBrowserSystem } from './browser';

/**
 * The document overview and the priority report at 1440×900 (the README's screenshots, a common
 * office screen) with the seeded products: every column in view without scrolling sideways, no
 * chip cut short with an ellipsis; the overview's column picker in Norwegian; the empty state of
 * a filter that matches nothing.
 */
const e2e = useBrowserSystem('normen-tables-e2e-');

interface Fit {
  tableWidth: number;
  containerWidth: number;
  pageOverflow: number;
  truncatedChips: string[];
  chips: number;
}

/** How the table sits in its scrolling container, and which chip labels do not show in full. */
function fitOf(table: Locator): Promise<Fit> {
  return table.evaluate((element) => {
    const container = element.parentElement;
    const labels = [...element.querySelectorAll('.MuiChip-label')];
    return {
      tableWidth: element.scrollWidth,
      containerWidth: container?.clientWidth ?? 0,
      // The page itself must not scroll sideways either (a container as wide as the table would hide it).
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      truncatedChips: labels.filter((label) => label.scrollWidth > label.clientWidth).map((label) => label.textContent ?? ''),
      chips: labels.length,
    };
  });
}

async function expectFits(table: Locator): Promise<void> {
  const fit = await fitOf(table);
  expect(fit.chips).toBeGreaterThan(0);
  expect(fit.truncatedChips).toEqual([]);
  expect(fit.tableWidth).toBeLessThanOrEqual(fit.containerWidth);
  expect(fit.pageOverflow).toBeLessThanOrEqual(0);
}

async function signedInAt1440(): Promise<Page> {
  const page = await logIn(e2e.browser, e2e.system, 'editor');
  await page.setViewportSize({ width: 1440, height: 900 });
  return page;
}

const overviewColumns = ['Tittel', 'Type og nivå', 'Kategori', 'Status', 'Eier', 'Sist endret', 'Sist evaluert', 'Neste evaluering', 'Nedlastinger'];

describe('Tables that fit 1440 px', () => {
  it('shows the whole overview without sideways scrolling, chips in full, columns chosen in Norwegian', async () => {
    const page = await signedInAt1440();
    await openOverview(page);
    const table = page.getByRole('table');
    await expectVisible(table.getByRole('row').filter({ hasText: 'Faktaark: Passord og passordhåndtering' }));
    await settled(page);

    const headers = await table.getByRole('columnheader').allInnerTexts();
    expect(headers.map((header) => header.replace(/\s+/g, ' ').trim())).toEqual(overviewColumns);
    await expectFits(table);

    // The column picker names every column as the table does, and more that can be shown.
    await page.getByRole('button', { name: 'Kolonner' }).click();
    const picker = page.getByRole('presentation').filter({ has: page.getByRole('switch') });
    const choices = (await picker.getByRole('option').allInnerTexts()).map((text) => text.trim());
    expect(choices).toEqual(expect.arrayContaining([...overviewColumns, 'Publisert versjon', 'Aktuelt behov']));
    for (const choice of choices) expect(choice).not.toMatch(/^[a-z]+[A-Z]|resources\.|\./);
    expect(await picker.getByRole('switch', { name: 'Publisert versjon' }).isChecked()).toBe(false);

    // Hiding a column removes it; showing one adds it.
    await picker.getByRole('switch', { name: 'Kategori' }).click();
    await picker.getByRole('switch', { name: 'Publisert versjon' }).click();
    await page.keyboard.press('Escape');
    await expectVisible(table.getByRole('columnheader', { name: 'Publisert versjon' }));
    await expectAbsent(page, table.getByRole('columnheader', { name: 'Kategori', exact: true }));
    await expectFits(table);
  });

  it('says so when the overview filters match nothing', async () => {
    const page = await signedInAt1440();
    await openOverview(page);
    await page.getByPlaceholder('Søk i tittel og sammendrag').fill('ingen-slike-produkter-zq');
    await expectVisible(page.getByText(/^Ingen produkter passer med filtrene\./));
    await expectRowCount(page.getByRole('table').getByRole('row'), 0);
    // The way back: clearing the filters shows the products again.
    await page.getByRole('button', { name: 'Fjern filtre' }).click();
    await expectVisible(page.getByRole('table').getByRole('row').filter({ hasText: 'Faktaark: Passord og passordhåndtering' }));
  });

  it('shows the whole priority report without sideways scrolling, chips in full', async () => {
    const page = await signedInAt1440();
    await openMenu(page, 'Prioriteringsrapport');
    const table = page.getByRole('table', { name: 'Prioriteringsrapport' });
    await expectVisible(table.getByRole('row').nth(1));
    await settled(page);
    await expectFits(table);
  });
});
