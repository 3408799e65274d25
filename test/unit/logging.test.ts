import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** What Lambda passes a handler: the parts Powertools puts on every log line. */
function lambdaContext(requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'normen-platform',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-north-1:123456789012:function:normen-platform',
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/normen-platform',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function eventFor(routeKey: string): APIGatewayProxyEventV2 {
  const [method, path] = routeKey.split(' ') as [string, string];
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.normen.no',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
      requestId: 'gateway-request',
      routeKey,
      stage: '$default',
      time: '04/Dec/2026:12:00:00 +0000',
      timeEpoch: 0,
    },
  };
}

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
