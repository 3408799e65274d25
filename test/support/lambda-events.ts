import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

// What API Gateway and Lambda hand a handler, for tests that call a handler directly.

/** What Lambda passes a handler: the parts Powertools puts on every log line. */
export function lambdaContext(requestId: string): Context {
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

/** An API Gateway v2 event for a declared route, as the HTTP API sends it. */
export function eventFor(routeKey: string): APIGatewayProxyEventV2 {
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
