import type { JobEffects, JobName, JobPreview, JobRun } from '../../content-model';
import {
  previewEventNotifications,
  previewEventRetention,
  previewSeatHolds,
  runEventNotifications,
  runEventRetention,
  runSeatHolds,
} from '../events/event-jobs';
import type { EventDependencies } from '../events/registration';
import { previewDispatch, runDispatchSweep, type DispatchDependencies } from '../newsletter/dispatch';
import { previewReviewCheck, runReviewCheck, type ReviewCheckDependencies } from '../review/review-check';
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

/** What each job would do now, read without writing or sending ("Kjør nå" shows it before asking). */
const previews: Record<JobName, (deps: JobDependencies) => Promise<JobEffects>> = {
  'review-check': previewReviewCheck,
  'newsletter-dispatch': previewDispatch,
  'event-notifications': previewEventNotifications,
  'event-retention': previewEventRetention,
  'seat-holds': previewSeatHolds,
};

/** A dry run: nothing is recorded as a run either, so the job's health is untouched. */
export async function previewJob(deps: JobDependencies, job: JobName): Promise<JobPreview> {
  return { job, ...(await previews[job](deps)) };
}
