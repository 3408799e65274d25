import type { JobName, JobRun } from '../../content-model';
import { runEventNotifications, runEventRetention, runSeatHolds } from '../events/event-jobs';
import type { EventDependencies } from '../events/registration';
import { runDispatchSweep, type DispatchDependencies } from '../newsletter/dispatch';
import { runReviewCheck, type ReviewCheckDependencies } from '../review/review-check';
import { runRecordedJob, type JobOutcome } from './runner';

export type JobDependencies = ReviewCheckDependencies &
  DispatchDependencies &
  EventDependencies & {
    /** How long one dispatch run may send before it stops for the next run to continue. */
    dispatchBudgetMs: number;
  };

/** What each scheduled job does. */
const jobs: Record<JobName, (deps: JobDependencies) => Promise<JobOutcome>> = {
  'review-check': runReviewCheck,
  'newsletter-dispatch': (deps) => runDispatchSweep(deps, deps.dispatchBudgetMs),
  'event-notifications': runEventNotifications,
  'event-retention': runEventRetention,
  'seat-holds': runSeatHolds,
};

export function runJob(deps: JobDependencies, job: JobName, trigger: { kind: JobRun['trigger']; by: string | null }): Promise<JobRun> {
  return runRecordedJob(deps, job, trigger, () => jobs[job](deps));
}
