import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { jobDependencies } from '../dependencies';
import { jobInvocationSchema } from '../../content-model';
import { previewJob, runJob } from '../jobs/jobs';
import { logger } from '../shared/logger';
import { createRuntime } from '../shared/runtime';

const deps = await jobDependencies(createRuntime());
// "Run now" answers the CMS within the API's timeout: the dispatcher stops sending after 5 s and
// the scheduled runs carry on, so no delivery is left in doubt by a timeout.
const runNowDeps = { ...deps, dispatchBudgetMs: 5_000 };

/**
 * Runs a job: on schedule (EventBridge Scheduler), or now for an admin (the review function
 * invokes it, functions/jobs/invocation.ts). A failed scheduled run throws after it is recorded, so
 * the Lambda error metric, the scheduler's retries and the dead-letter queue all see it; a run for
 * an admin answers with the run, failed or not, which the CMS shows.
 */
export const handler = middy(async (event: unknown) => {
  const { job, runBy, dryRun } = jobInvocationSchema.parse(event);
  if (dryRun) return previewJob(deps, job);
  if (runBy) return runJob(runNowDeps, job, { kind: 'manual', by: runBy });
  const run = await runJob(deps, job, { kind: 'schedule', by: null });
  if (run.status === 'failed') throw new Error(`Job ${job} failed: ${run.errors.join('; ')}`);
  return { job, runId: run.runId, counts: run.counts };
}).use(injectLambdaContext(logger, { resetKeys: true }));
