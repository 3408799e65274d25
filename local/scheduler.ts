import { addDays, osloDate, osloWallClockInstant } from '../content-model';
import { schedules, type ScheduleDeclaration } from '../functions/schedules';

export function nextRun(schedule: ScheduleDeclaration, now: Date): Date {
  if ('everyMinutes' in schedule) {
    const interval = schedule.everyMinutes * 60_000;
    return new Date(Math.floor(now.getTime() / interval) * interval + interval);
  }
  const today = osloWallClockInstant(osloDate(now), schedule.dailyAt.hour, schedule.dailyAt.minute);
  return today > now ? today : osloWallClockInstant(addDays(osloDate(now), 1), schedule.dailyAt.hour, schedule.dailyAt.minute);
}

/**
 * EventBridge Scheduler's stand-in: runs the declared schedules by invoking the jobs function (in
 * its own environment, local/functions.ts) with the same input. Admins can also run a job at once
 * from the CMS.
 */
export function startLocalScheduler(log: (line: string) => void, invokeJobs: (event: { job: string }) => Promise<unknown>): { stop(): void } {
  const timers = new Set<NodeJS.Timeout>();

  const arm = (schedule: ScheduleDeclaration) => {
    const at = nextRun(schedule, new Date());
    const timer = setTimeout(
      async () => {
        timers.delete(timer);
        try {
          const result = await invokeJobs({ job: schedule.job });
          log(`Planlagt jobb ${schedule.job} kjørt: ${JSON.stringify(result)}`);
        } catch (error) {
          log(`Planlagt jobb ${schedule.job} feilet: ${error instanceof Error ? error.message : String(error)}`);
        }
        arm(schedule);
      },
      Math.min(at.getTime() - Date.now(), 2 ** 31 - 1),
    );
    timers.add(timer);
  };
  for (const schedule of schedules) arm(schedule);
  return {
    stop: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
