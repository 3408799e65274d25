import { jobPreviewSchema, jobRunSchema, type JobInvocation, type JobName, type JobPreview, type JobRun } from '../../content-model';
import type { Actor } from '../shared/actor';

/**
 * "Run now": the jobs function runs the job with its own permissions and answers with the finished
 * run, so the admin sees it (and its errors) at once.
 */
export async function runJobNow(deps: { invokeJobs: (invocation: JobInvocation) => Promise<unknown> }, job: JobName, actor: Actor): Promise<JobRun> {
  return jobRunSchema.parse(await deps.invokeJobs({ job, runBy: actor.username }));
}

/** "Kjør nå", first step: the jobs function works out what the run would do, writing and sending nothing. */
export async function previewJobRun(deps: { invokeJobs: (invocation: JobInvocation) => Promise<unknown> }, job: JobName, actor: Actor): Promise<JobPreview> {
  return jobPreviewSchema.parse(await deps.invokeJobs({ job, runBy: actor.username, dryRun: true }));
}
