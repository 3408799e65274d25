import { z } from 'zod';
import { jobNames, jobRunSchema, type JobName, type JobRun } from '../../content-model';
import type { Actor } from '../shared/actor';

/**
 * What the jobs function is invoked with: `{ job }` by EventBridge Scheduler (and the local
 * scheduler), plus `runBy` when an admin runs the job now from the CMS.
 */
export const jobInvocationSchema = z.object({ job: jobNames.schema, runBy: z.string().min(1).optional() });
export type JobInvocation = z.infer<typeof jobInvocationSchema>;

/**
 * "Run now": the jobs function runs the job with its own permissions and answers with the finished
 * run, so the admin sees it (and its errors) at once.
 */
export async function runJobNow(deps: { invokeJobs: (invocation: JobInvocation) => Promise<unknown> }, job: JobName, actor: Actor): Promise<JobRun> {
  return jobRunSchema.parse(await deps.invokeJobs({ job, runBy: actor.username }));
}
