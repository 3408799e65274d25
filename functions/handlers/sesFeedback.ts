import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { SNSEvent } from 'aws-lambda';
import { logger } from '../shared/logger';
import { createRuntime } from '../shared/runtime';
import { createStore } from '../store';
import { handleSesEvent, parseSesEvent } from '../newsletter/feedback';

const runtime = createRuntime();
const deps = { store: createStore(runtime.table), clock: runtime.clock };

/**
 * SES configuration-set events (send, bounce, complaint) delivered by SNS. SNS invokes Lambda
 * asynchronously: a thrown error makes Lambda retry twice, then the event goes to the failure queue.
 */
export const handler = middy(async (event: SNSEvent) => {
  for (const record of event.Records) {
    const sesEvent = parseSesEvent(record.Sns.Message);
    if (!sesEvent) {
      logger.warn('Ignored an SNS message that is not an SES event', { messageId: record.Sns.MessageId });
      continue;
    }
    await handleSesEvent(deps, sesEvent);
  }
}).use(injectLambdaContext(logger, { resetKeys: true }));
