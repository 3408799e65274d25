import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  campaignSchema,
  dashboardSchema,
  eventWithCountsSchema,
  formatOverdue,
  jobHealthSchema,
  jobNames,
  listedRegistrationSchema,
  formatOsloDateTimeToSecond,
  type Dashboard,
} from '../../content-model';
import { runRecordedJob } from '../../functions/jobs/runner';
import { systemClock } from '../../functions/shared/clock';
import { createTable } from '../../functions/shared/db/client';
import { createStore } from '../../functions/store';
import { localRegion } from '../../local/services';
import { apiAs, apiAsRole, expectAbsent, expectRowCount, expectVisible, logIn, openMenu, settled, useBrowserSystem } from './browser';

/**
 * The week's work in the CMS, in a real browser against the whole local system with the demo seed:
 * the dashboard ("Forfall og oppfølging") with a row for everything that waits for an editor, each
 * linking to where it is done; "Kjør nå" on the job page, which says what will happen and asks
 * first; and the waitlist's order on an event page. Own ports, so it runs beside the other files.
 */
const e2e = useBrowserSystem('normen-dashboard-e2e-');

const run = Date.now().toString(36);
/** Published 13 months ago with a 12-month cycle (local/seed-data.ts): overdue whenever the seed runs. */
const overdueTitle = 'Veileder i informasjonssikkerhet og personvern for små virksomheter';
/** The seed's open consultation, which closes in ten days (local/seed.ts). */
const consultationTitle = 'Faktaark: Integritet';
const reviewJob = jobNames.labels['review-check'];

function table(page: Page, name: string): Locator {
  return page.getByRole('table', { name, exact: true });
}

function row(page: Page, tableName: string, text: string): Locator {
  return table(page, tableName).getByRole('row').filter({ hasText: text });
}

/** The dashboard again, from the menu, waiting for its data. */
async function openDashboard(page: Page): Promise<void> {
  await openMenu(page, 'Forfall og oppfølging');
  await expectVisible(table(page, 'Trenger oppfølging'));
}

function store() {
  return createStore(createTable({ name: e2e.system.tableName, region: localRegion, endpoint: e2e.system.dynamoDbEndpoint }));
}

describe('The dashboard', () => {
  it('shows each section with its rows, and each row links to where the work is done', async () => {
    const api = await apiAsRole(e2e.system, 'editor');
    // A newsletter issue scheduled for three days from now, beside the seed's draft.
    const subject = `Planlagt nyhetsbrev ${run}`;
    const created = await api('POST', '/admin/campaigns', { subject, body: '<p>Påmeldingen til Normkonferansen er åpen.</p>', interests: [] });
    expect(created.status, await created.clone().text()).toBe(201);
    const draft = campaignSchema.parse(await created.json());
    const scheduledAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const sent = await api('POST', `/admin/campaigns/${draft.id}/send`, { expectedRevision: draft.revision, scheduledAt });
    expect(sent.status, await sent.clone().text()).toBe(200);
    expect(campaignSchema.parse(await sent.json()).status).toBe('scheduled');
    // A failed run, recorded by the same writer as every run of the jobs function.
    const failedJob = jobNames.labels['event-retention'];
    await runRecordedJob({ store: store(), clock: systemClock }, 'event-retention', { kind: 'schedule', by: null }, async () => ({
      counts: {},
      errors: [`DynamoDB svarte ikke ${run}`],
    }));

    const data: Dashboard = dashboardSchema.parse(await (await api('GET', '/admin/dashboard')).json());
    const page = await logIn(e2e.browser, e2e.system, 'editor');

    // Needs attention: the overdue product says how long overdue, and links to the product.
    const overdue = data.attention.find((entry) => entry.product.title === overdueTitle);
    expect(overdue?.why).toBe('overdue');
    const overdueRow = row(page, 'Trenger oppfølging', overdueTitle);
    await expectVisible(overdueRow.getByText('Forfalt', { exact: true }));
    const howLong = formatOverdue(overdue?.product.nextEvaluationDue ?? '', data.today);
    expect(howLong).toMatch(/^forfalt (i går|for .+ siden)$/);
    await expectVisible(overdueRow.getByText(`(${howLong})`, { exact: false }));
    await expectRowCount(table(page, 'Trenger oppfølging').locator('tbody tr'), data.attention.length);
    await overdueRow.getByRole('link', { name: overdueTitle }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: overdueTitle }));
    expect(page.url()).toContain(`#/products/${overdue?.product.id}/show`);

    // Input still "Ny": the seed's input to the open consultation and the general input.
    await openDashboard(page);
    const consultationInputs = row(page, 'Innspill som ikke er vurdert', `Høring: ${consultationTitle}`);
    await expectVisible(consultationInputs.getByRole('cell', { name: /^\d+$/ }));
    await expectRowCount(table(page, 'Innspill som ikke er vurdert').locator('tbody tr'), data.newInputs.length);
    await consultationInputs.getByRole('link', { name: `Høring: ${consultationTitle}` }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `Høring: ${consultationTitle}` }));
    if (data.newInputs.some((place) => place.productTitle === null)) {
      await openDashboard(page);
      await row(page, 'Innspill som ikke er vurdert', 'Generelle innspill').getByRole('link', { name: 'Generelle innspill' }).click();
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Generelle innspill' }));
    }

    // Consultations closing within 14 days: the seed's, ten days before its deadline.
    await openDashboard(page);
    const closing = row(page, 'Høringer som lukkes snart', consultationTitle);
    await expectVisible(closing.getByText(/\(\d+ dager igjen\)/));
    await closing.getByRole('link', { name: consultationTitle }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: `Høring: ${consultationTitle}` }));
    expect(page.url()).toContain(`#/consultations/${data.closingConsultations[0]?.id}/show`);

    // The newsletter: the scheduled issue first, then the seed's draft.
    await openDashboard(page);
    const campaigns = table(page, 'Nyhetsbrev under arbeid').locator('tbody tr');
    await expectRowCount(campaigns, 2);
    expect(await campaigns.first().textContent()).toContain(subject);
    await expectVisible(row(page, 'Nyhetsbrev under arbeid', subject).getByText(/^Sendes /));
    await expectVisible(campaigns.nth(1).getByText(/^Sist endret /));
    await row(page, 'Nyhetsbrev under arbeid', subject).getByRole('link', { name: subject }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: subject }));

    // Events in the next 14 days: the course (day 14) with its two on the waitlist and the webinar (day 10); not the conference (day 30).
    await openDashboard(page);
    const course = row(page, 'Kommende arrangementer', 'Intro til Normen');
    expect(await course.getByRole('cell').last().textContent()).toBe('2');
    await expectVisible(row(page, 'Kommende arrangementer', 'Webinar: skytjenester').getByRole('link'));
    await expectAbsent(page, row(page, 'Kommende arrangementer', 'Normkonferansen'));
    await course.getByRole('link', { name: 'Intro til Normen' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Intro til Normen' }));
    expect(page.url()).toMatch(/#\/events\/[^/]+\/show/);

    // Failed jobs: the failed run with its error, linking to the job page.
    await openDashboard(page);
    const failed = row(page, 'Feilede jobber', failedJob);
    await expectVisible(failed.getByRole('cell', { name: `DynamoDB svarte ikke ${run}` }));
    await failed.getByRole('link', { name: failedJob }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Planlagte jobber' }));
    await page.context().close();

    // A committee member gets the consultations and input, none of the editor sections.
    const committee = await logIn(e2e.browser, e2e.system, 'committee');
    await expectVisible(table(committee, 'Høringer som lukkes snart'));
    await expectAbsent(committee, committee.getByRole('heading', { name: 'Feilede jobber' }));
    await expectAbsent(committee, committee.getByRole('heading', { name: 'Nyhetsbrev: utkast og planlagte' }));
    await committee.context().close();
  }, 120_000);
});

describe('"Kjør nå" asks first', () => {
  const jobRuns = z.object({ items: z.array(jobHealthSchema) });

  it('says who gets emails and which products stop being current, runs nothing on «Avbryt», and says how many were emailed', async () => {
    const admin = await logIn(e2e.browser, e2e.system, 'admin');
    const api = await apiAs(admin, e2e.system);
    const runsOfReviewCheck = async () =>
      (jobRuns.parse(await (await api('GET', '/admin/jobs')).json()).items.find((item) => item.job === 'review-check')?.recentRuns ?? []).map(
        (recorded) => recorded.runId,
      );
    const before = await runsOfReviewCheck();

    await openMenu(admin, 'Planlagte jobber');
    const job = admin.getByRole('region', { name: reviewJob });
    await job.getByRole('button', { name: 'Kjør nå' }).click();
    const dialog = admin.getByRole('dialog', { name: `Kjøre «${reviewJob}» nå?` });
    // The seed has products due within 60 days and an overdue one: owners get a digest, and it stops being current.
    await expectVisible(dialog.getByText(/^\d+ personer? får e-post\.$/));
    await expectVisible(dialog.getByRole('list', { name: 'Blir ikke gjeldende' }).getByText(overdueTitle, { exact: true }));
    await expectVisible(dialog.getByText(/vises ikke lenger som gjeldende på nettsiden/));
    await expectVisible(dialog.getByRole('list', { name: 'Andre virkninger' }).getByText(/påminnelser? om evaluering/));
    const recipients = Number((await dialog.getByText(/får e-post\.$/).textContent())?.match(/^(\d+)/)?.[1]);

    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await expectAbsent(admin, admin.getByRole('dialog'));
    // Nothing ran.
    expect(await runsOfReviewCheck()).toEqual(before);

    await job.getByRole('button', { name: 'Kjør nå' }).click();
    await admin
      .getByRole('dialog', { name: `Kjøre «${reviewJob}» nå?` })
      .getByRole('button', { name: 'Kjør nå' })
      .click();
    const result = job.getByRole('status').filter({ hasText: 'Kjøringen er fullført' });
    await expectVisible(result);
    const text = (await result.textContent()) ?? '';
    expect(text).toContain(`${recipients} ${recipients === 1 ? 'person' : 'personer'} fikk e-post`);
    expect(text).toMatch(/Merket ikke gjeldende: \d+/);
    // Plain words only, never the counts' internal names.
    expect(text).not.toMatch(/remindersSent|emailsSent|markedNotCurrent|dueProducts/);
    expect((await runsOfReviewCheck()).length).toBe(before.length + 1);
    await admin.context().close();
  }, 90_000);
});

describe('The waitlist on an event page', () => {
  it('shows each waitlisted registration’s place in line and every registration’s time to the second', async () => {
    const api = await apiAsRole(e2e.system, 'editor');
    const events = z.object({ items: z.array(eventWithCountsSchema) }).parse(await (await api('GET', '/admin/events')).json()).items;
    const course = events.find((event) => event.title === 'Intro til Normen');
    if (!course) throw new Error('The seed has no course');
    const listed = z
      .object({ items: z.array(listedRegistrationSchema) })
      .parse(await (await api('GET', `/admin/events/${course.id}/registrations`)).json()).items;
    // The seed's two in line for the room, in the order they registered.
    expect(listed.filter((registration) => registration.status === 'waitlisted').map(({ name, waitlistPosition }) => [name, waitlistPosition])).toEqual([
      ['Marte Dahl', 1],
      ['Jonas Vik', 2],
    ]);

    const page = await logIn(e2e.browser, e2e.system, 'editor');
    await page.goto(`${e2e.system.cmsUrl}#/events/${course.id}/show`);
    const registrations = table(page, 'Påmeldinger');
    await expectVisible(registrations);
    // The time a registration came in is "Registrert"; "Påmeldt" is a status.
    await expectVisible(registrations.getByRole('columnheader', { name: 'Registrert', exact: true }));
    await expectAbsent(page, registrations.getByRole('columnheader', { name: 'Påmeldt', exact: true }));

    const marte = registrations.getByRole('row', { name: 'Påmelding: Marte Dahl' });
    const jonas = registrations.getByRole('row', { name: 'Påmelding: Jonas Vik' });
    await expectVisible(marte.getByText('Nr. 1 i køen (fysisk oppmøte)', { exact: true }));
    await expectVisible(jonas.getByText('Nr. 2 i køen (fysisk oppmøte)', { exact: true }));
    const marteRegistered = listed.find((registration) => registration.name === 'Marte Dahl')?.registeredAt ?? '';
    expect(formatOsloDateTimeToSecond(marteRegistered)).toMatch(/^\d{1,2}\. \p{L}+ \d{4} kl\. \d{2}:\d{2}:\d{2}$/u);
    await expectVisible(marte.getByRole('cell', { name: formatOsloDateTimeToSecond(marteRegistered), exact: true }));
    // Someone with a seat has no place in line.
    const per = registrations.getByRole('row', { name: 'Påmelding: Per Olsen' });
    await expectVisible(per.getByText('Påmeldt', { exact: true }));
    await settled(page);
    expect(await per.getByText(/i køen/).count()).toBe(0);
    await page.context().close();
  }, 90_000);
});
