import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { jobPreviewSchema, jobRunSchema, productCreateSchema, type Product } from '../../content-model';
import { createProduct } from '../../functions/products/use-cases/create-product';
import { transitionProduct } from '../../functions/products/use-cases/transition-product';
import { fixedClock } from '../../functions/shared/clock';
import { localRegion } from '../../local/services';
import { emailsTo, startTestApi, type TestApi } from '../support/local-stack';
import { adoptedCase } from '../support/governance';

/** The JSON log lines (Powertools Logger) the functions' execution environments wrote to this process's stdout. */
function logLines(chunks: readonly string[]): Record<string, unknown>[] {
  return chunks
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{') && line.includes('"service"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => api?.stop());

describe('"run now" runs in the jobs function', () => {
  let written: string[];
  beforeAll(() => {
    written = [];
    // The workers' stdout is piped into this process's; keep writing it through.
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(String(chunk));
      return write(chunk, ...rest);
    }) as typeof process.stdout.write);
  });
  afterAll(() => vi.restoreAllMocks());

  it('POST /admin/jobs/{job}/runs answers with the run the jobs function recorded, logged there with its request id', async () => {
    const response = await api.callAs('admin', 'POST', '/admin/jobs/review-check/runs');
    expect(response.status).toBe(201);
    const run = jobRunSchema.parse(response.json);
    expect(run).toMatchObject({ job: 'review-check', trigger: 'manual', triggeredBy: 'admin@normen.local', status: 'succeeded' });
    expect((await api.store.jobRuns.latest('review-check', 5)).map((recorded) => recorded.runId)).toContain(run.runId);

    // The run's log line comes from the jobs function's execution environment, not the review function's.
    await vi.waitFor(() => expect(logLines(written).some((line) => line.message === 'Job review-check succeeded')).toBe(true), { timeout: 5_000 });
    const runLines = logLines(written).filter((line) => line.message === 'Job review-check succeeded' && line.runId === run.runId);
    expect(runLines).toHaveLength(1);
    expect(runLines[0]).toMatchObject({ service: 'jobs', function_name: 'normen-jobs', level: 'INFO' });
    expect(typeof runLines[0]?.function_request_id).toBe('string');
    // The first invocation of the jobs function in this server: its execution environment started for it.
    expect(runLines[0]?.cold_start).toBe(true);
  });

  it('only admins may run a job now, and a refused request invokes nothing', async () => {
    const before = (await api.store.jobRuns.latest('seat-holds', 5)).length;
    expect((await api.callAs('editor', 'POST', '/admin/jobs/seat-holds/runs')).status).toBe(403);
    expect((await api.store.jobRuns.latest('seat-holds', 5)).length).toBe(before);
  });
});

describe('"run now" asks first: a dry run', () => {
  const editor = { username: 'redaktor@normen.local', groups: ['editor' as const] };

  /** A guide published long ago, so its evaluation is overdue today and the review check would act on it. */
  async function overdueProduct(owner: string): Promise<Product> {
    const deps = { store: api.store, clock: fixedClock('2024-01-10T09:00:00Z') };
    const input = productCreateSchema.parse({
      title: `Veileder om tilgangsstyring ${randomUUID().slice(0, 8)}`,
      type: 'guide',
      topicCategory: 'other',
      owner: { name: 'Eva Eier', email: owner },
    });
    const created = await createProduct(deps, editor, input);
    let current = await transitionProduct(deps, editor, created.id, { action: 'send-to-consultation', expectedRevision: created.revision });
    const decided = await adoptedCase(deps, [created.id], '2024-01-10');
    current = await transitionProduct(deps, editor, created.id, {
      action: 'approve',
      expectedRevision: current.revision,
      closeConsultation: { reason: 'Vedtatt før fristen' },
      case: decided.number,
    });
    return transitionProduct(deps, editor, created.id, { action: 'publish', expectedRevision: current.revision });
  }

  it('says who would get an email and what would become not current, and writes, records and sends nothing', async () => {
    const owner = `eier-${randomUUID()}@normen.local`;
    const product = await overdueProduct(owner);
    const runsBefore = await api.store.jobRuns.latest('review-check', 10);

    const response = await api.callAs('admin', 'POST', '/admin/jobs/review-check/runs?dryRun=true');
    expect(response.status).toBe(200);
    const preview = jobPreviewSchema.parse(response.json);
    expect(preview.job).toBe('review-check');
    expect(preview.becomeNotCurrent).toContainEqual({ id: product.id, title: product.title });
    expect(preview.recipients).toBeGreaterThanOrEqual(1);

    // Nothing changed: the product, the job's runs, and no email went out.
    expect(await api.store.products.get(product.id)).toEqual(product);
    expect((await api.store.jobRuns.latest('review-check', 10)).map((run) => run.runId)).toEqual(runsBefore.map((run) => run.runId));
    expect(await emailsTo(owner)).toEqual([]);

    // The dry run claimed no reminder: the real run then sends it, and marks the product.
    const run = jobRunSchema.parse((await api.callAs('admin', 'POST', '/admin/jobs/review-check/runs')).json);
    expect(run.status).toBe('succeeded');
    await vi.waitFor(async () => expect(await emailsTo(owner)).toHaveLength(1), { timeout: 10_000 });
    expect((await api.store.products.get(product.id))?.notCurrentReason).toBe('overdue');

    // Now there is nothing left to do for that product.
    const after = jobPreviewSchema.parse((await api.callAs('admin', 'POST', '/admin/jobs/review-check/runs?dryRun=true')).json);
    expect(after.becomeNotCurrent.map((entry) => entry.id)).not.toContain(product.id);
  });

  it('previews every job without recording a run', async () => {
    for (const job of ['newsletter-dispatch', 'event-notifications', 'event-retention', 'seat-holds'] as const) {
      const before = (await api.store.jobRuns.latest(job, 10)).length;
      const response = await api.callAs('admin', 'POST', `/admin/jobs/${job}/runs?dryRun=true`);
      expect(response.status).toBe(200);
      expect(jobPreviewSchema.parse(response.json).job).toBe(job);
      expect((await api.store.jobRuns.latest(job, 10)).length).toBe(before);
    }
  });

  it('refuses a flag that is not true or false, naming it, and an editor', async () => {
    const response = await api.callAs('admin', 'POST', '/admin/jobs/review-check/runs?dryRun=ja');
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json)).toContain('dryRun');
    expect((await api.callAs('editor', 'POST', '/admin/jobs/review-check/runs?dryRun=true')).status).toBe(403);
  });
});

describe('the local Lambda Invoke API', () => {
  const client = () =>
    new LambdaClient({ region: localRegion, endpoint: api.url, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });

  it('runs the named function in its execution environment and returns what its handler returned', async () => {
    const result = await client().send(
      new InvokeCommand({ FunctionName: 'normen-jobs', Payload: new TextEncoder().encode(JSON.stringify({ job: 'seat-holds', runBy: 'test@normen.local' })) }),
    );
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBeUndefined();
    const run = jobRunSchema.parse(JSON.parse(new TextDecoder().decode(result.Payload)));
    expect(run).toMatchObject({ job: 'seat-holds', trigger: 'manual', triggeredBy: 'test@normen.local' });
  });

  it('reports a failing handler as a function error, as Lambda does', async () => {
    const result = await client().send(
      new InvokeCommand({ FunctionName: 'normen-jobs', Payload: new TextEncoder().encode(JSON.stringify({ job: 'no-such-job' })) }),
    );
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    expect(JSON.parse(new TextDecoder().decode(result.Payload))).toMatchObject({ errorMessage: expect.stringContaining('job') });
  });

  it('knows only the declared functions, and refuses unsigned calls', async () => {
    await expect(client().send(new InvokeCommand({ FunctionName: 'normen-nothing' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
    const unsigned = await fetch(`${api.url}/2015-03-31/functions/normen-jobs/invocations`, { method: 'POST', body: JSON.stringify({ job: 'seat-holds' }) });
    expect(unsigned.status).toBe(403);
  });
});
