import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignInputSchema, dashboardSchema, formatOverdue, productCreateSchema, type Dashboard, type NormenEvent, type Product } from '../../content-model';
import { updateEvent } from '../../functions/events/events-admin';
import { register } from '../../functions/events/registration';
import { submitInput, triageInput } from '../../functions/inputs/use-cases';
import { runJob } from '../../functions/jobs/jobs';
import { createCampaign, scheduleCampaign } from '../../functions/newsletter/campaigns';
import { createProduct } from '../../functions/products/use-cases/create-product';
import { transitionProduct } from '../../functions/products/use-cases/transition-product';
import { dashboard } from '../../functions/review/dashboard';
import type { Actor } from '../../functions/shared/actor';
import { openEvent, participant } from '../support/events';
import { reviewDependencies, startTestApi, type TestApi } from '../support/local-stack';
import { adoptedCase } from '../support/governance';

/**
 * The CMS landing page's data ("Forfall og oppfølging"): what needs an editor this week, read from
 * the use case on DynamoDB Local with the clock set to Thursday 3 December 2026, 10:00 in Oslo.
 */
type Deps = Awaited<ReturnType<typeof reviewDependencies>>;
const NOW = '2026-12-03T09:00:00Z';
const editor = { username: 'redaktor@normen.local', groups: ['editor' as const] };
const committee = { username: 'komite@normen.local', groups: ['committee' as const] };

let deps: Deps;
beforeAll(async () => {
  deps = await reviewDependencies(NOW);
});

/** Runs a step at another time, then sets the clock back to "now". */
async function at<T>(instant: string, step: () => Promise<T>): Promise<T> {
  deps.clock.set(instant);
  try {
    return await step();
  } finally {
    deps.clock.set(NOW);
  }
}

function guide(title: string) {
  return productCreateSchema.parse({
    title,
    type: 'guide',
    topicCategory: 'other',
    owner: { name: 'Eva Eier', email: `eier-${randomUUID()}@normen.local` },
    body: '<p>Utkast</p>',
  });
}

/** A level-2 guide sent to consultation on `opensOn` with the default four weeks. */
async function consultationOpenedOn(opensOn: string, title: string) {
  return at(`${opensOn}T09:00:00Z`, async () => {
    const product = await createProduct(deps, editor, guide(title));
    await transitionProduct(deps, editor, product.id, { action: 'send-to-consultation', expectedRevision: product.revision });
    const consultation = (await deps.store.consultations.list()).find((candidate) => candidate.productId === product.id);
    if (!consultation) throw new Error('No consultation');
    return consultation;
  });
}

/** Published on `publishedOn`, so its evaluation (12 months on) is due a year later. */
async function publishedOn(publishedOn: string, title: string): Promise<Product> {
  return at(`${publishedOn}T09:00:00Z`, async () => {
    const created = await createProduct(deps, editor, guide(title));
    let current = await transitionProduct(deps, editor, created.id, { action: 'send-to-consultation', expectedRevision: created.revision });
    const decided = await adoptedCase(deps, [created.id], publishedOn);
    current = await transitionProduct(deps, editor, created.id, {
      action: 'approve',
      expectedRevision: current.revision,
      closeConsultation: { reason: 'Vedtatt før fristen' },
      case: decided.number,
    });
    return transitionProduct(deps, editor, created.id, { action: 'publish', expectedRevision: current.revision });
  });
}

/** An open event at the given instant, one in-person seat, no program. */
async function eventAt(startsAt: string, title: string): Promise<NormenEvent> {
  const endsAt = new Date(new Date(startsAt).getTime() + 60 * 60_000).toISOString();
  return openEvent(deps, { title, startsAt, endsAt, sessions: [], attendance: [{ mode: 'in-person', capacity: 1 }], streamingUrl: null });
}

const view = (actor: Actor = editor): Promise<Dashboard> => dashboard(deps, actor).then((data) => dashboardSchema.parse(data));

describe('the dashboard', () => {
  it('lists consultations closing within 14 days, not one closing in 15', async () => {
    // Four weeks from 19 November is 17 December: 14 days after 3 December. From 20 November: 15 days.
    const closingIn14 = await consultationOpenedOn('2026-11-19', `Høring om 14 dager ${randomUUID().slice(0, 6)}`);
    const closingIn15 = await consultationOpenedOn('2026-11-20', `Høring om 15 dager ${randomUUID().slice(0, 6)}`);
    expect([closingIn14.closesOn, closingIn15.closesOn]).toEqual(['2026-12-17', '2026-12-18']);

    const data = await view();
    expect(data.today).toBe('2026-12-03');
    const closing = data.closingConsultations.map((consultation) => consultation.id);
    expect(closing).toContain(closingIn14.id);
    expect(closing).not.toContain(closingIn15.id);
    // Both are open, so both count among the open consultations.
    expect(data.openConsultations.map((consultation) => consultation.id)).toEqual(expect.arrayContaining([closingIn14.id, closingIn15.id]));
  });

  it('lists input still "Ny" per consultation until it is triaged', async () => {
    const consultation = await consultationOpenedOn('2026-11-25', `Høring med innspill ${randomUUID().slice(0, 6)}`);
    const submitted = await at('2026-12-01T10:00:00Z', () =>
      submitInput(
        deps,
        {
          consultationId: consultation.id,
          name: 'Per Personvernombud',
          email: `per-${randomUUID()}@sykehus.no`,
          organisation: 'Helse Vest',
          stakeholderGroup: 'obliged-organisation',
          text: 'Vi foreslår å presisere kravet om tilgangskontroll.',
        },
        `dashboard-${randomUUID()}`,
      ),
    );
    if (submitted.kind !== 'received') throw new Error(`Input not submitted: ${submitted.kind}`);

    const before = (await view()).newInputs.find((place) => place.consultationId === consultation.id);
    expect(before).toEqual({
      consultationId: consultation.id,
      productTitle: consultation.productTitle,
      count: 1,
      oldestSubmittedAt: '2026-12-01T10:00:00.000Z',
    });

    await triageInput(deps, editor, consultation.id, submitted.input.id, { status: 'considered' });
    expect((await view()).newInputs.find((place) => place.consultationId === consultation.id)).toBeUndefined();
  });

  it('lists open events starting within 14 days (to the end of day 14 in Oslo) with their waitlists, not cancelled ones', async () => {
    // Day 14 is 17 December; its last hour in Oslo (23:30) is 22:30Z, and 00:30 on 18 December is still 17 December in UTC.
    const lastEvening = await eventAt('2026-12-17T22:30:00Z', `Sent på dag 14 ${randomUUID().slice(0, 6)}`);
    const dayFifteen = await eventAt('2026-12-17T23:30:00Z', `Tidlig på dag 15 ${randomUUID().slice(0, 6)}`);
    const cancelled = await eventAt('2026-12-10T08:00:00Z', `Avlyst ${randomUUID().slice(0, 6)}`);
    await updateEvent(deps, editor, cancelled.id, { status: 'cancelled', expectedRevision: cancelled.revision });

    // One seat: the first gets it (held until confirmed), the next two wait in line.
    for (const [index, name] of ['Kari', 'Ola', 'Nils'].entries()) {
      const outcome = await register(deps, lastEvening.id, participant({ name: `${name} Nordmann` }), `10.0.0.${index + 1}`);
      expect(outcome.kind).toBe('registered');
    }

    const events = (await view()).secretariat?.events ?? [];
    const listed = events.find((event) => event.id === lastEvening.id);
    expect(listed?.counts.modes).toEqual([expect.objectContaining({ mode: 'in-person', capacity: 1, held: 1, confirmed: 0, waitlisted: 2 })]);
    expect(events.map((event) => event.id)).not.toContain(dayFifteen.id);
    expect(events.map((event) => event.id)).not.toContain(cancelled.id);
  });

  it('lists newsletter drafts and scheduled issues, the scheduled first', async () => {
    const draft = await createCampaign(deps, editor, campaignInputSchema.parse({ subject: `Utkast ${randomUUID().slice(0, 6)}`, body: '<p>Hei</p>' }));
    const toSchedule = await createCampaign(deps, editor, campaignInputSchema.parse({ subject: `Planlagt ${randomUUID().slice(0, 6)}`, body: '<p>Hei</p>' }));
    const scheduled = await scheduleCampaign(deps, editor, toSchedule.id, { expectedRevision: toSchedule.revision, scheduledAt: '2026-12-10T07:00:00.000Z' });
    expect(scheduled.status).toBe('scheduled');

    const campaigns = (await view()).secretariat?.campaigns ?? [];
    expect(campaigns.map(({ id, status, scheduledAt }) => ({ id, status, scheduledAt }))).toEqual([
      { id: scheduled.id, status: 'scheduled', scheduledAt: '2026-12-10T07:00:00.000Z' },
      { id: draft.id, status: 'draft', scheduledAt: null },
    ]);
  });

  it('lists a job whose last run failed, with its error, until a later run succeeds', async () => {
    // An owner to remind: the review check's email to them is what fails.
    const product = await publishedOn('2025-11-23', `Forfalt ${randomUUID().slice(0, 6)}`);
    expect((await view()).secretariat?.failedJobs).toEqual([]);

    const failing = { ...deps, mailer: { ...deps.mailer, send: () => Promise.reject(new Error('SES utilgjengelig')) } };
    const failed = await runJob(failing, 'review-check', { kind: 'schedule', by: null });
    expect(failed.status).toBe('failed');
    const failedJobs = (await view()).secretariat?.failedJobs ?? [];
    expect(failedJobs).toEqual([{ job: 'review-check', failedAt: failed.finishedAt, error: expect.stringContaining('SES utilgjengelig'), recentFailures: 1 }]);

    const later = await at('2026-12-03T09:05:00Z', () => runJob(deps, 'review-check', { kind: 'manual', by: 'admin@normen.local' }));
    expect(later.status).toBe('succeeded');
    expect((await view()).secretariat?.failedJobs).toEqual([]);
    expect(later.counts.remindersSent).toBeGreaterThanOrEqual(1);
    void product;
  });

  it('lists overdue evaluations with their due date, which the CMS turns into how long overdue', async () => {
    // Published 10 November 2025: due 10 November 2026, 23 days before today.
    const overdue = await publishedOn('2025-11-10', `Lenge forfalt ${randomUUID().slice(0, 6)}`);
    const data = await view(committee);
    const row = data.attention.find((entry) => entry.product.id === overdue.id);
    expect(row).toMatchObject({ why: 'overdue', product: { nextEvaluationDue: '2026-11-10' } });
    expect(formatOverdue(row?.product.nextEvaluationDue ?? '', data.today)).toBe('forfalt for 3 uker siden');
    // Overdue rows come first.
    expect(data.attention[0]?.why).toBe('overdue');
  });

  it('gives the committee no editor sections', async () => {
    const data = await view(committee);
    expect(data.secretariat).toBeNull();
    // What the committee does see: consultations and input.
    expect(data.closingConsultations.length).toBeGreaterThan(0);
  });
});

describe('GET /admin/dashboard', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => api?.stop());

  it('has the editor sections for an editor and an admin, none for a committee member', async () => {
    for (const role of ['editor', 'admin'] as const) {
      const response = await api.callAs(role, 'GET', '/admin/dashboard');
      expect(response.status).toBe(200);
      expect(dashboardSchema.parse(response.json).secretariat).toEqual({ campaigns: [], events: [], failedJobs: [] });
    }
    const response = await api.callAs('committee', 'GET', '/admin/dashboard');
    expect(response.status).toBe(200);
    expect(dashboardSchema.parse(response.json).secretariat).toBeNull();
  });
});
