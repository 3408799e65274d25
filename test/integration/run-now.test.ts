import { InvokeCommand, LambdaClient, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { jobRunSchema } from '../../content-model';
import { localRegion } from '../../local/services';
import { startTestApi, type TestApi } from '../support/local-stack';

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
