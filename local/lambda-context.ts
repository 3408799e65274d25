import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** The parts of a Lambda context our handlers and middy use, for an invocation with this deadline. */
export function lambdaContext(functionName: string, memoryMb: number, deadline: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `normen-${functionName}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:normen-${functionName}`,
    memoryLimitInMB: String(memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/normen-${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
