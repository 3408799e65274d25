import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { Config } from './config';

/** Runs another function synchronously and returns what its handler returned. */
export type FunctionInvoker = (functionName: string, payload: unknown) => Promise<unknown>;

/**
 * One Lambda client per process. Locally the endpoint is the local server, which answers the same
 * Invoke API by running the function in its own execution environment (local/api-server.ts).
 */
export function functionInvokerFromConfig(config: Pick<Config, 'AWS_REGION' | 'LAMBDA_ENDPOINT'>): FunctionInvoker {
  const client = new LambdaClient({
    region: config.AWS_REGION,
    // One request, one run: a retried invocation would run the work a second time.
    maxAttempts: 1,
    ...(config.LAMBDA_ENDPOINT ? { endpoint: config.LAMBDA_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return async (functionName, payload) => {
    const result = await client.send(new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(payload)) }));
    const body = result.Payload ? new TextDecoder().decode(result.Payload) : '';
    // A function error is a 200 of the Invoke API with the error in the payload.
    if (result.FunctionError) throw new Error(`${functionName} failed (${result.FunctionError}): ${body}`);
    return body ? (JSON.parse(body) as unknown) : null;
  };
}
