import middy from '@middy/core';
import { z } from 'zod';
import { jobNames } from '../../content-model';
import { createRuntime } from '../shared/runtime';
import { jobDependencies } from '../jobs/dependencies';
import { runJob } from '../jobs/jobs';

const deps = await jobDependencies(createRuntime());

/** The input EventBridge Scheduler sends (and the local scheduler too). */
const scheduledEventSchema = z.object({ job: jobNames.schema });

/**
 * Runs a scheduled job. A failed run throws after it is recorded, so the Lambda error metric,
 * the scheduler's retries and the dead-letter queue all see it.
 */
export const handler = middy(async (event: unknown) => {
  const { job } = scheduledEventSchema.parse(event);
  const run = await runJob(deps, job, { kind: 'schedule', by: null });
  if (run.status === 'failed') throw new Error(`Job ${job} failed: ${run.errors.join('; ')}`);
  return { job, runId: run.runId, counts: run.counts };
});
