import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  addDays,
  consultationSchema,
  defaultAudienceByLevel,
  defaultConsultationDeadline,
  deliveredProductSchema,
  evaluationSchema,
  jobHealthSchema,
  jobNames,
  osloDate,
  productSchema,
  stakeholderInputSchema,
} from '../../content-model';
import { apiAs, expectAbsent, expectVisible, logIn, openMenu, selectOption, useBrowserSystem } from './browser';
import { keepForRetry } from '../../functions/jobs/email-retries';
import { createTable } from '../../functions/shared/db/client';
import { createStore } from '../../functions/store';
import { localRegion } from '../../local/services';

/**
 * Review work in the CMS, in a real browser against the whole local system with the demo seed:
 * the dashboard, recording an evaluation, consultations and input triage, the priority report
 * and scheduled jobs. Own ports, so it runs beside cms.e2e.test.ts.
 */
/** Published 13 months ago with a 12-month cycle (local/seed-data.ts): overdue whenever the seed runs. */
const overdueSlug = 'veileder-sma-virksomheter';
const overdueTitle = 'Veileder i informasjonssikkerhet og personvern for små virksomheter';

const e2e = useBrowserSystem('normen-review-e2e-');

async function deliveredCurrency(slug: string) {
  const response = await fetch(`${e2e.system.apiUrl}/content/products/${slug}`);
  expect(response.status).toBe(200);
  return deliveredProductSchema.parse(await response.json()).currency;
}

function attentionRow(page: Page, title: string) {
  return page.getByRole('table', { name: 'Trenger oppfølging' }).getByRole('row').filter({ hasText: title });
}

/** The status chips in the product page header. */
function headerChip(page: Page, label: string) {
  return page.getByRole('group', { name: 'Status' }).getByText(label, { exact: true });
}

describe('Review work in the CMS', () => {
  it('lets a committee member find an overdue product on the dashboard and evaluate it, after which it is current again', async () => {
    // Before: overdue, so the website gets it as not current.
    expect(await deliveredCurrency(overdueSlug)).toBe('not-current');

    const page = await logIn(e2e.browser, e2e.system, 'committee');
    const overdue = attentionRow(page, overdueTitle);
    await expectVisible(overdue.getByText('Forfalt', { exact: true }));
    // Counts per level, with the overdue ones in words as well as red.
    await expectVisible(
      page
        .getByRole('table', { name: 'Produkter per nivå' })
        .getByText(/^\d+ forfalt$/)
        .first(),
    );

    await overdue.getByRole('link', { name: overdueTitle }).click();
    await expectVisible(headerChip(page, 'Nettsiden: Ikke gjeldende – evalueringsfristen er passert'));
    // A committee member records evaluations but does not edit or move products through the lifecycle.
    await expectAbsent(page, page.getByRole('link', { name: 'Rediger' }));
    await expectAbsent(page, page.getByRole('button', { name: 'Saner' }));

    await page.getByRole('button', { name: 'Registrer evaluering' }).click();
    const dialog = page.getByRole('dialog', { name: 'Registrer evaluering' });
    const today = osloDate(new Date());
    expect(await dialog.getByLabel('Evalueringsdato').inputValue()).toBe(today);
    await selectOption(dialog, 'Resultat', 'Fortsatt aktuell');
    await dialog.getByRole('textbox', { name: 'Merknad' }).fill('Gjennomgått i komiteens møte; innholdet er fortsatt riktig.');
    await dialog.getByRole('button', { name: 'Registrer evaluering' }).click();

    await expectVisible(headerChip(page, 'Nettsiden: Gjeldende'));
    await expectAbsent(page, page.getByRole('dialog'));
    await page.getByRole('tab', { name: 'Evalueringer' }).click();
    const evaluations = page.getByRole('table', { name: 'Evalueringer' });
    const row = evaluations.getByRole('row').filter({ hasText: 'Fortsatt aktuell' });
    await expectVisible(row.getByRole('cell', { name: e2e.system.users.committee.username, exact: true }));
    await expectVisible(row.getByRole('cell', { name: /komiteens møte/ }));

    // The website gets it as current again, and the API has the evaluation and the reset due date.
    expect(await deliveredCurrency(overdueSlug)).toBe('current');
    const api = await apiAs(page, e2e.system);
    const productId = page.url().match(/#\/products\/([^/]+)\/show/)?.[1] ?? '';
    const product = productSchema.parse(await (await api('GET', `/admin/products/${productId}`)).json());
    expect(product).toMatchObject({ slug: overdueSlug, lastEvaluatedAt: today, lastEvaluationOutcome: 'still-current', notCurrentReason: null });
    expect(product.nextEvaluationDue && product.nextEvaluationDue > today).toBe(true);
    const stored = z.object({ items: z.array(evaluationSchema) }).parse(await (await api('GET', `/admin/products/${productId}/evaluations`)).json());
    expect(stored.items[0]).toMatchObject({ outcome: 'still-current', evaluatedOn: today, evaluatedBy: e2e.system.users.committee.username });

    // And the dashboard no longer lists it.
    await openMenu(page, 'Forfall og oppfølging');
    await expectVisible(page.getByRole('table', { name: 'Trenger oppfølging' }));
    await expectAbsent(page, attentionRow(page, overdueTitle));

    await page.context().close();
  }, 90_000);

  it('lets an admin run the review check now and see it healthy; a committee member sees the job but cannot run it', async () => {
    const admin = await logIn(e2e.browser, e2e.system, 'admin');
    await openMenu(admin, 'Planlagte jobber');
    const job = admin.getByRole('region', { name: 'Evalueringskontroll (påminnelser og ikke-gjeldende)' });
    const health = job.getByRole('status', { name: 'Helse' });
    // Nothing runs on a schedule in the tests, so the job has not run yet: grey.
    await expectVisible(health.getByText('Aldri kjørt', { exact: true }));

    await job.getByRole('button', { name: 'Kjør nå' }).click();
    // It asks first (what it would do is tested in dashboard.e2e.test.ts).
    await admin
      .getByRole('dialog', { name: /^Kjøre «.+» nå\?$/ })
      .getByRole('button', { name: 'Kjør nå' })
      .click();
    await expectVisible(job.getByText('Kjøringen er fullført'));
    await expectVisible(health.getByText('OK', { exact: true }));
    expect(await health.locator('.MuiChip-colorSuccess').count()).toBe(1);
    await expectVisible(job.getByRole('table', { name: /Siste kjøringer/ }).getByRole('cell', { name: `Manuelt av ${e2e.system.users.admin.username}` }));

    const jobs = z.object({ items: z.array(jobHealthSchema) }).parse(await (await (await apiAs(admin, e2e.system))('GET', '/admin/jobs')).json());
    expect(jobs.items.find((item) => item.job === 'review-check')).toMatchObject({ health: 'ok', lastRun: { status: 'succeeded', trigger: 'manual' } });
    await admin.context().close();

    const committee = await logIn(e2e.browser, e2e.system, 'committee');
    await openMenu(committee, 'Planlagte jobber');
    const seen = committee.getByRole('region', { name: 'Evalueringskontroll (påminnelser og ikke-gjeldende)' });
    await expectVisible(seen.getByRole('status', { name: 'Helse' }).getByText('OK', { exact: true }));
    await expectAbsent(committee, committee.getByRole('button', { name: 'Kjør nå' }));
    await committee.context().close();
  }, 60_000);

  it('shows an email that failed and waits for its job to send it again on the job page', async () => {
    const { tableName, dynamoDbEndpoint } = e2e.system;
    const store = createStore(createTable({ name: tableName, region: localRegion, endpoint: dynamoDbEndpoint }));
    const raw = 'From: Normen <ikke-svar@normen.no>\r\nTo: ola@sykehus.no\r\nSubject: Du har fått plass\r\n\r\nHei';
    await keepForRetry(
      { store, clock: { now: () => new Date() } },
      'event-notifications',
      { to: 'ola@sykehus.no', subject: 'Du har fått plass', raw, about: { eventId: 'e2e' } },
      new Error('SES svarte ikke'),
    );

    const admin = await logIn(e2e.browser, e2e.system, 'admin');
    await openMenu(admin, 'Planlagte jobber');
    const failures = admin.getByRole('alert', { name: `Feil: ${jobNames.labels['event-notifications']}` });
    await expectVisible(failures.getByText('1 e-post venter på nytt forsøk'));
    await expectVisible(failures.getByText(/«Du har fått plass» \(1 forsøk\) – SES svarte ikke/));
    await admin.context().close();
  }, 60_000);

  it('sends a product to consultation with the default window, refuses a too-short deadline, and triages input', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'editor');
    const api = await apiAs(page, e2e.system);
    const title = `Faktaark om loggkontroll ${Date.now()}`;
    const created = productSchema.parse(
      await (
        await api('POST', '/admin/products', {
          title,
          type: 'fact-sheet',
          topicCategory: 'core',
          owner: { name: 'Rita Redaktør', email: 'redaktor@normen.local' },
        })
      ).json(),
    );

    await page.goto(`${e2e.system.cmsUrl}#/products/${created.id}/show`);
    await page.getByRole('button', { name: 'Send på høring' }).click();
    const dialog = page.getByRole('dialog', { name: 'Send på høring' });
    const today = osloDate(new Date());
    const defaultDeadline = defaultConsultationDeadline(2, today);
    expect(await dialog.getByRole('textbox', { name: 'Målgruppe' }).inputValue()).toBe(defaultAudienceByLevel[2]);
    expect(await dialog.getByLabel('Høringsfrist').inputValue()).toBe(defaultDeadline);

    // Two weeks is shorter than the three weeks level 2 needs: the API's message shows on the field.
    await dialog.getByLabel('Høringsfrist').fill(addDays(today, 14));
    await dialog.getByRole('button', { name: 'Send på høring' }).click();
    await expectVisible(dialog.getByText(/minst 3 uker/));
    expect(productSchema.parse(await (await api('GET', `/admin/products/${created.id}`)).json()).status).toBe('draft');

    const audience = 'Styringsgruppens medlemmer og journalleverandørene';
    await dialog.getByRole('textbox', { name: 'Målgruppe' }).fill(audience);
    await dialog.getByLabel('Høringsfrist').fill(defaultDeadline);
    await dialog.getByRole('button', { name: 'Send på høring' }).click();
    await expectVisible(headerChip(page, 'På høring'));

    // The consultation is listed, open, with the chosen audience and deadline.
    await openMenu(page, 'Høringer');
    const listed = page.getByRole('row').filter({ hasText: title });
    await expectVisible(listed.getByText('Åpen for innspill', { exact: true }));
    await listed.getByText(title).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `Høring: ${title}` }));
    await expectVisible(page.getByText(audience, { exact: true }));
    const consultationId = page.url().match(/#\/consultations\/([^/]+)\/show/)?.[1] ?? '';
    expect(consultationSchema.parse(await (await api('GET', `/admin/consultations/${consultationId}`)).json())).toMatchObject({
      audience,
      opensOn: today,
      closesOn: defaultDeadline,
    });
    await expectVisible(page.getByText('Ingen innspill ennå.'));

    // A stakeholder submits input through the public endpoint.
    const submitted = await fetch(`${e2e.system.apiUrl}/inputs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        consultationId,
        name: 'Ola Nordmann',
        email: 'ola@journal.example',
        organisation: 'Journal AS',
        stakeholderGroup: 'supplier',
        text: 'Loggkontroll bør også dekke oppslag fra integrasjoner.',
      }),
    });
    expect(submitted.status).toBe(201);

    await page.reload();
    const input = page.getByRole('row', { name: 'Innspill fra Ola Nordmann, Journal AS' });
    await expectVisible(input.getByText('Loggkontroll bør også dekke oppslag fra integrasjoner.'));
    await expectVisible(input.getByText('Leverandør', { exact: true }));

    // "Not taken" needs a reason.
    await selectOption(input, 'Status', 'Ikke tatt inn');
    await input.getByRole('button', { name: 'Lagre vurdering' }).click();
    await expectVisible(input.getByText('Begrunnelse må oppgis når innspillet ikke tas inn'));
    await input.getByRole('textbox', { name: 'Begrunnelse' }).fill('Dekkes av faktaark om integrasjoner.');
    await input.getByRole('button', { name: 'Lagre vurdering' }).click();
    await expectVisible(page.getByText('Innspillet er vurdert'));

    const inputs = z.object({ items: z.array(stakeholderInputSchema) }).parse(await (await api('GET', `/admin/consultations/${consultationId}/inputs`)).json());
    expect(inputs.items).toHaveLength(1);
    expect(inputs.items[0]).toMatchObject({ status: 'not-taken', reason: 'Dekkes av faktaark om integrasjoner.', triagedBy: e2e.system.users.editor.username });
    await page.context().close();

    // A committee member reads the input and its triage but gets no triage or edit controls.
    const committee = await logIn(e2e.browser, e2e.system, 'committee');
    await committee.goto(`${e2e.system.cmsUrl}#/consultations/${consultationId}/show`);
    const seen = committee.getByRole('row', { name: 'Innspill fra Ola Nordmann, Journal AS' });
    await expectVisible(seen.getByText('Ikke tatt inn', { exact: true }));
    await expectVisible(seen.getByText('Begrunnelse: Dekkes av faktaark om integrasjoner.'));
    await expectAbsent(committee, committee.getByRole('button', { name: 'Lagre vurdering' }));
    await expectAbsent(committee, committee.getByRole('button', { name: 'Endre frist og målgruppe' }));
    await committee.context().close();
  }, 90_000);

  it('shows the priority report with its factors and exports it as CSV', async () => {
    const page = await logIn(e2e.browser, e2e.system, 'committee');
    await openMenu(page, 'Prioriteringsrapport');
    const report = page.getByRole('table', { name: 'Prioriteringsrapport' });
    for (const factor of ['Kjernetema', 'Aktuelt behov', 'Nedlastinger siste 12 mnd.', 'Dager siden endring']) {
      await expectVisible(report.getByRole('columnheader', { name: factor }));
    }
    // Core topics come first: the first row is a core topic.
    expect(await report.getByRole('row').nth(1).getByRole('cell').nth(3).textContent()).toBe('Ja');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Eksporter CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('prioriteringsrapport.csv');
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.trim().split('\n').length).toBe(await report.getByRole('row').count());
    await page.context().close();
  }, 60_000);
});
