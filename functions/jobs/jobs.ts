import type { JobName, JobRun } from '../../content-model';
import type { Clock } from '../shared/clock';
import type { Mailer } from '../shared/mailer';
import { runReviewCheck } from '../review/review-check';
import type { Store } from '../store';
import { runRecordedJob, type JobOutcome } from './runner';

export interface JobDependencies {
  store: Store;
  clock: Clock;
  mailer: Mailer;
  cmsUrl: string;
}

/** What each scheduled job does. */
const jobs: Record<JobName, (deps: JobDependencies) => Promise<JobOutcome>> = {
  'review-check': runReviewCheck,
};

export function runJob(deps: JobDependencies, job: JobName, trigger: { kind: JobRun['trigger']; by: string | null }): Promise<JobRun> {
  return runRecordedJob(deps, job, trigger, () => jobs[job](deps));
}
