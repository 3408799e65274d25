import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, productCreateSchema, type Product, type ProductCreate } from '../../content-model';
import { getPublishedProduct } from '../../functions/delivery/use-cases';
import { listJobHealth } from '../../functions/jobs/job-health';
import { runJob } from '../../functions/jobs/jobs';
import { createProduct } from '../../functions/products/use-cases/create-product';
import { transitionProduct } from '../../functions/products/use-cases/transition-product';
import { dashboard } from '../../functions/review/dashboard';
import { priorityReport } from '../../functions/review/priority-report';
import { recordEvaluation } from '../../functions/review/record-evaluation';
import { runReviewCheck } from '../../functions/review/review-check';
import { ConflictError, ValidationError } from '../../functions/shared/errors';
import { emailsTo, reviewDependencies } from '../support/local-stack';
import { adoptedCase } from '../support/governance';

type Deps = Awaited<ReturnType<typeof reviewDependencies>>;
const editor = { username: 'redaktor@normen.local', groups: ['editor' as const] };
const committee = { username: 'komite@normen.local', groups: ['committee' as const] };

function product(overrides: Partial<ProductCreate>, ownerEmail = `eier-${randomUUID()}@normen.local`): ProductCreate {
  return productCreateSchema.parse({
    title: `Veileder ${randomUUID().slice(0, 8)}`,
    type: 'guide',
    topicCategory: 'other',
    owner: { name: 'Eva Eier', email: ownerEmail },
    ...overrides,
  });
}

async function publishAt(deps: Deps, input: ProductCreate, at: string): Promise<Product> {
  deps.clock.set(at);
  const created = await createProduct(deps, editor, input);
  if (created.level === 4) return transitionProduct(deps, editor, created.id, { action: 'publish', expectedRevision: created.revision });
  let current = await transitionProduct(deps, editor, created.id, { action: 'send-to-consultation', expectedRevision: created.revision });
  const decided = await adoptedCase(deps, [created.id], at.slice(0, 10));
  current = await transitionProduct(deps, editor, created.id, {
    action: 'approve',
    expectedRevision: current.revision,
    closeConsultation: { reason: 'Vedtatt før fristen' },
    case: decided.number,
  });
  return transitionProduct(deps, editor, created.id, { action: 'publish', expectedRevision: current.revision });
}

/** Runs the daily check at 06:00 Oslo time (05:00 or 04:00 UTC) from one date to another. */
async function runDaily(deps: Deps, from: string, to: string, timesPerDay = 1) {
  for (let day = from; day <= to; day = addDays(day, 1)) {
    for (let run = 0; run < timesPerDay; run += 1) {
      deps.clock.set(`${day}T05:00:00Z`);
      const outcome = await runReviewCheck(deps);
      expect(outcome.errors).toEqual([]);
    }
  }
}

describe('scheduled review check', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies();
  });

  it('reminds the owner at 60, 30 and 7 days exactly once each, then marks the product not current the day after due', async () => {
    const owner = `eier-${randomUUID()}@normen.local`;
    // Published 13 months before 2026-11-01: level 2, other topic → due 12 months after publication.
    const published = await publishAt(deps, product({}, owner), '2025-10-01T10:00:00Z');
    expect(published.nextEvaluationDue).toBe('2026-10-01');

    // Twice a day, as if the scheduler retried: still one reminder per threshold.
    await runDaily(deps, '2026-07-20', '2026-10-01', 2);
    const reminders = await emailsTo(owner);
    expect(reminders.map((email) => email.body.text?.match(/forfaller (om \d+ dager|i dag)/)?.[0])).toEqual([
      'forfaller om 60 dager',
      'forfaller om 30 dager',
      'forfaller om 7 dager',
    ]);
    expect(reminders[0]?.subject).toBe('Normen: 1 produkt skal evalueres snart');
    expect(reminders[0]?.body.text).toContain(published.title);

    deps.clock.set('2026-10-01T21:00:00Z'); // 23:00 in Oslo on the due date
    expect((await getPublishedProduct(deps, published.slug)).currency).toBe('current');

    await runDaily(deps, '2026-10-02', '2026-10-04', 2);
    const stored = await deps.store.products.get(published.id);
    expect(stored?.notCurrentReason).toBe('overdue');
    const delivered = await getPublishedProduct(deps, published.slug);
    expect(delivered).toMatchObject({ currency: 'not-current', notCurrentReason: 'overdue' });
    const afterDue = await emailsTo(owner);
    expect(afterDue).toHaveLength(4);
    expect(afterDue[3]?.subject).toBe('Normen: 1 produkt har passert evalueringsfristen');

    // A committee member records the evaluation: current again, next due a year on.
    deps.clock.set('2026-10-05T08:00:00Z');
    const { product: evaluated, proposal } = await recordEvaluation(deps, committee, published.id, {
      evaluatedOn: '2026-10-05',
      outcome: 'still-current',
      note: 'Gjennomgått i redaksjonskomiteen',
      expectedRevision: stored?.revision ?? 0,
    });
    expect(proposal).toBeNull();
    expect(evaluated).toMatchObject({ nextEvaluationDue: '2027-10-05', notCurrentReason: null, lastEvaluatedAt: '2026-10-05' });
    expect(await getPublishedProduct(deps, published.slug)).toMatchObject({ currency: 'current', nextEvaluationDue: '2027-10-05' });
    expect((await deps.store.products.get(published.id))?.lastChangedAt).toBe(published.lastChangedAt);
  });

  it('sends one digest per owner covering all of their due products', async () => {
    const owner = `eier-${randomUUID()}@normen.local`;
    const first = await publishAt(deps, product({ title: 'Første produkt' }, owner), '2025-12-10T10:00:00Z');
    const second = await publishAt(deps, product({ title: 'Andre produkt' }, owner), '2025-12-12T10:00:00Z');
    deps.clock.set('2026-12-05T05:00:00Z');
    await runReviewCheck(deps);
    const emails = await emailsTo(owner);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toBe('Normen: 2 produkter skal evalueres snart');
    expect(emails[0]?.body.text).toContain(first.title);
    expect(emails[0]?.body.text).toContain(second.title);
  });

  it('reads only products due within the horizon from the due-date index', async () => {
    const farOwner = `eier-${randomUUID()}@normen.local`;
    await publishAt(deps, product({ type: 'professional-article' }, farOwner), '2026-11-01T10:00:00Z'); // due 2028
    deps.clock.set('2026-11-22T05:00:00Z');
    const due = await deps.store.products.listDueBy(addDays('2026-11-22', 60));
    expect(due.every((candidate) => (candidate.nextEvaluationDue ?? '') <= '2027-01-21')).toBe(true);
    await runReviewCheck(deps);
    expect(await emailsTo(farOwner)).toEqual([]);
  });
});

describe('evaluations', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies();
  });

  it('marks a product outdated and proposes retirement when it is no longer relevant', async () => {
    const published = await publishAt(deps, product({ topicCategory: 'core' }), '2026-06-01T10:00:00Z');
    deps.clock.set('2026-11-22T09:00:00Z');
    const result = await recordEvaluation(deps, committee, published.id, {
      evaluatedOn: '2026-11-20',
      outcome: 'no-longer-relevant',
      note: 'Erstattet av ny veileder',
      expectedRevision: published.revision,
    });
    expect(result.proposal).toBe('retire');
    expect(await getPublishedProduct(deps, published.slug)).toMatchObject({ currency: 'not-current', notCurrentReason: 'outdated' });
    expect((await deps.store.evaluations.list(published.id)).map((evaluation) => evaluation.outcome)).toEqual(['no-longer-relevant']);
    const history = await deps.store.audit.listFor('product', published.id);
    expect(history[0]).toMatchObject({ action: 'evaluated', by: committee.username, note: 'Erstattet av ny veileder' });
  });

  it('refuses evaluations in the future, before publication, of drafts and with a stale revision', async () => {
    const published = await publishAt(deps, product({}), '2026-06-01T10:00:00Z');
    deps.clock.set('2026-11-22T09:00:00Z');
    const request = { outcome: 'still-current' as const, note: '', expectedRevision: published.revision };
    await expect(recordEvaluation(deps, committee, published.id, { ...request, evaluatedOn: '2026-11-23' })).rejects.toMatchObject({
      fields: [{ path: 'evaluatedOn' }],
    });
    await expect(recordEvaluation(deps, committee, published.id, { ...request, evaluatedOn: '2026-05-31' })).rejects.toBeInstanceOf(ValidationError);
    await expect(recordEvaluation(deps, committee, published.id, { ...request, evaluatedOn: '2026-11-22', expectedRevision: 1 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    const draft = await createProduct(deps, editor, product({}));
    await expect(recordEvaluation(deps, committee, draft.id, { ...request, evaluatedOn: '2026-11-22', expectedRevision: 1 })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await deps.store.evaluations.list(published.id)).toEqual([]);
  });
});

describe('priority report and dashboard', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies();
    const core = await publishAt(deps, product({ title: 'Kjerne', topicCategory: 'core' }), '2026-06-01T10:00:00Z');
    const needed = await publishAt(deps, product({ title: 'Behov', currentNeed: true }), '2026-02-01T10:00:00Z');
    const popular = await publishAt(deps, product({ title: 'Populær' }), '2026-03-01T10:00:00Z');
    await publishAt(deps, product({ title: 'Gammel' }), '2025-12-20T10:00:00Z');
    await publishAt(deps, product({ title: 'Utenfor', type: 'professional-article' }), '2026-11-01T10:00:00Z');
    for (let i = 0; i < 3; i += 1) await deps.store.downloads.count(popular.id, '2026-09');
    await deps.store.downloads.count(popular.id, '2025-10'); // older than 12 months: not counted
    deps.clock.set('2026-11-22T09:00:00Z');
    await recordEvaluation(deps, committee, needed.id, { evaluatedOn: '2026-11-22', outcome: 'revision-needed', note: '', expectedRevision: needed.revision });
    void core;
  });

  it('orders core topics, then current need, then downloads, then time since last change, showing each factor', async () => {
    const report = await priorityReport(deps);
    expect(report.items.map((row) => row.product.title)).toEqual(['Kjerne', 'Behov', 'Populær', 'Gammel']);
    expect(report.items[1]).toMatchObject({ reason: 'revision-needed', currentNeed: true });
    expect(report.items[2]).toMatchObject({ downloadsLast12Months: 3, coreTopic: false });
    expect(report.items[3]?.daysSinceLastChange).toBeGreaterThan(report.items[2]?.daysSinceLastChange ?? Infinity);
  });

  it('counts by level and status and lists what needs attention this month', async () => {
    deps.clock.set('2026-12-03T09:00:00Z');
    const view = await dashboard(deps, committee);
    const level2 = view.byLevel.find((entry) => entry.level === 2);
    expect(level2).toMatchObject({ total: 4, overdue: 1 });
    expect(level2?.byStatus.published).toBe(4);
    expect(view.attention.map((entry) => [entry.product.title, entry.why])).toEqual([
      ['Kjerne', 'overdue'],
      ['Gammel', 'due-this-month'],
      ['Behov', 'revision-needed'],
    ]);
  });
});

describe('job runs', () => {
  it('records each run with counts, and reports health from the last runs', async () => {
    const deps = await reviewDependencies('2026-11-22T05:00:00Z');
    expect((await listJobHealth(deps)).items[0]).toMatchObject({ job: 'review-check', health: 'never-run' });
    const run = await runJob(deps, 'review-check', { kind: 'manual', by: 'admin@normen.local' });
    expect(run).toMatchObject({ status: 'succeeded', trigger: 'manual', triggeredBy: 'admin@normen.local', counts: { dueProducts: 0 } });
    expect((await listJobHealth(deps)).items[0]).toMatchObject({ health: 'ok', lastRun: { runId: run.runId } });

    deps.clock.set('2026-11-23T08:00:00Z'); // 27 hours later without a run
    expect((await listJobHealth(deps)).items[0]?.health).toBe('missed');

    const failing = { ...deps, mailer: { ...deps.mailer, send: () => Promise.reject(new Error('SES utilgjengelig')) } };
    await publishAt(failing, product({}), '2025-12-20T10:00:00Z');
    failing.clock.set('2026-11-23T09:00:00Z');
    const failed = await runJob(failing, 'review-check', { kind: 'schedule', by: null });
    expect(failed.status).toBe('failed');
    expect(failed.errors[0]).toContain('SES utilgjengelig');
    expect((await listJobHealth(deps)).items[0]?.health).toBe('failed');
    // The reminder was given back: the next healthy run sends it.
    const retried = await runJob(deps, 'review-check', { kind: 'manual', by: 'admin@normen.local' });
    expect(retried.counts.remindersSent).toBe(1);
  });
});
