import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventFor, lambdaContext } from '../support/lambda-events';

describe('log lines from a handler', () => {
  const written: string[] = [];
  beforeAll(() => {
    // As Lambda sets them (and functions/lambda-environment.ts the service), before the logger loads.
    vi.stubEnv('POWERTOOLS_SERVICE_NAME', 'platform');
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
    }
  });
  afterAll(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  });

  const lines = () =>
    written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{') && !line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('carry the service, the request id and the cold start, and only for their own invocation', async () => {
    const { httpLambda } = await import('../../functions/shared/http/lambda');
    const handler = httpLambda('platform', {
      health: async () => {
        throw new Error('the table is gone');
      },
      openapi: async () => ({ statusCode: 200, headers: {}, body: '{}' }),
      showAccessibilityStatement: async () => ({ statusCode: 200, headers: {}, body: '' }),
    });

    expect((await handler(eventFor('GET /health'), lambdaContext('request-1'))).statusCode).toBe(500);
    expect((await handler(eventFor('GET /health'), lambdaContext('request-2'))).statusCode).toBe(500);

    const errors = lines().filter((line) => line.message === 'Unhandled error');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatchObject({
      level: 'ERROR',
      service: 'platform',
      function_name: 'normen-platform',
      function_request_id: 'request-1',
      cold_start: true,
      routeKey: 'GET /health',
      operation: 'health',
      error: { name: 'Error', message: 'the table is gone' },
    });
    expect(errors[1]).toMatchObject({ function_request_id: 'request-2', cold_start: false });
  });
});
