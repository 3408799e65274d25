import { emailingDependencies } from '../dependencies';
import { required } from '../shared/config';
import type { createRuntime } from '../shared/runtime';
import type { JobDependencies } from './jobs';

/** Everything the scheduled jobs use, from one Lambda's runtime; built once per process. */
export async function jobDependencies(runtime: ReturnType<typeof createRuntime>): Promise<JobDependencies> {
  const { config } = runtime;
  return {
    ...(await emailingDependencies(runtime)),
    cmsUrl: required(config.CMS_URL, 'CMS_URL'),
    sendRate: config.NEWSLETTER_SEND_RATE > 0 ? config.NEWSLETTER_SEND_RATE : 'account',
    concurrency: 8,
    inDoubtAfterMs: 10 * 60_000,
    leaseMs: 60_000,
    // The jobs Lambda runs for at most 5 minutes; stop sending a minute before.
    dispatchBudgetMs: 4 * 60_000,
  };
}
