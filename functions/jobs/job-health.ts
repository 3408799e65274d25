import { jobNames, type JobHealth, type JobName } from '../../content-model';
import { describeSchedule, schedules, type ScheduleDeclaration } from '../schedules';
import type { Platform } from '../shared/platform';

const HOUR = 3_600_000;
const latestErrorCount = 5;

function health(schedule: ScheduleDeclaration, runs: JobHealth['recentRuns'], now: Date): JobHealth['health'] {
  const [last] = runs;
  if (!last) return 'never-run';
  if (last.status === 'failed') return 'failed';
  const lastSuccess = runs.find((run) => run.status === 'succeeded');
  if (!lastSuccess || now.getTime() - new Date(lastSuccess.startedAt).getTime() > schedule.expectedEveryHours * HOUR) return 'missed';
  return 'ok';
}

/** Every scheduled job with its recent runs and whether it is healthy (shown red in the CMS when not). */
export async function listJobHealth({ store, clock }: Pick<Platform, 'store' | 'clock'>): Promise<{ items: JobHealth[] }> {
  const now = clock.now();
  const items = await Promise.all(
    schedules.map(async (schedule): Promise<JobHealth> => {
      const [recentRuns, retries] = await Promise.all([store.jobRuns.latest(schedule.job, 10), store.emailRetries.pending(schedule.job)]);
      const failedRuns = recentRuns.filter((run) => run.status === 'failed');
      return {
        job: schedule.job,
        label: jobNames.labels[schedule.job],
        schedule: describeSchedule(schedule),
        health: health(schedule, recentRuns, now),
        lastRun: recentRuns[0] ?? null,
        recentRuns,
        failures: {
          failedRuns: failedRuns.length,
          latestErrors: failedRuns.flatMap((run) => run.errors.map((message) => ({ at: run.finishedAt ?? run.startedAt, message }))).slice(0, latestErrorCount),
          emailsAwaitingRetry: retries.length,
          latestEmailErrors: [...retries]
            .sort((a, b) => b.lastAttemptAt.localeCompare(a.lastAttemptAt))
            .slice(0, latestErrorCount)
            .map((retry) => ({ at: retry.lastAttemptAt, subject: retry.subject, attempts: retry.attempts, message: retry.lastError })),
        },
      };
    }),
  );
  return { items };
}

export function isScheduledJob(name: string): name is JobName {
  return schedules.some((schedule) => schedule.job === name);
}
