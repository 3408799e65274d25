import type { JobCount, JobName, JobRun } from '../../content-model';
import { timeOrderedId } from '../shared/ids';
import { logger } from '../shared/logger';
import { countJobRun } from '../shared/metrics';
import type { Platform } from '../shared/platform';

export interface JobOutcome {
  counts: Partial<Record<JobCount, number>>;
  errors: string[];
}

/**
 * Runs a job and records the run (start, end, counts, errors). A CloudWatch metric (EMF, through
 * Powertools Metrics) records success or failure per job: the alarms on it catch failed and missed runs.
 */
export async function runRecordedJob(
  { store, clock }: Pick<Platform, 'store' | 'clock'>,
  job: JobName,
  trigger: { kind: JobRun['trigger']; by: string | null },
  work: () => Promise<JobOutcome>,
): Promise<JobRun> {
  const run: JobRun = {
    job,
    runId: timeOrderedId(clock.now()),
    trigger: trigger.kind,
    triggeredBy: trigger.by,
    startedAt: clock.now().toISOString(),
    finishedAt: null,
    status: 'running',
    counts: {},
    errors: [],
  };
  await store.jobRuns.save(run);
  let finished: JobRun;
  try {
    const outcome = await work();
    finished = { ...run, ...outcome, status: outcome.errors.length ? 'failed' : 'succeeded', finishedAt: clock.now().toISOString() };
  } catch (error) {
    finished = { ...run, status: 'failed', errors: [error instanceof Error ? error.message : String(error)], finishedAt: clock.now().toISOString() };
  }
  await store.jobRuns.save(finished);
  emitJobMetric(finished);
  return finished;
}

function emitJobMetric(run: JobRun): void {
  countJobRun(run.job, run.status === 'succeeded');
  logger.info(`Job ${run.job} ${run.status}`, { job: run.job, runId: run.runId, counts: run.counts, errors: run.errors });
}
