import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * A stand-in handler for tests of the execution environment (test/integration/gateway-parity.test.ts):
 * it answers with the environment its module sees, or, on a path ending in /slow, never answers.
 */
const environmentAtLoad = { ...process.env };

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  if (event.rawPath.endsWith('/slow')) await new Promise<never>(() => undefined);
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ environment: environmentAtLoad }) };
};
