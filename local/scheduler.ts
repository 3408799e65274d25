import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { addDays, osloDate, osloWallClockInstant } from '../content-model';
import { lambdas } from '../functions/routes';
import { schedules, type ScheduleDeclaration } from '../functions/schedules';
import { lambdaContext } from './api-server';

export function nextRun(schedule: ScheduleDeclaration, now: Date): Date {
  if ('everyMinutes' in schedule) {
    const interval = schedule.everyMinutes * 60_000;
    return new Date(Math.floor(now.getTime() / interval) * interval + interval);
  }
  const today = osloWallClockInstant(osloDate(now), schedule.dailyAt.hour, schedule.dailyAt.minute);
  return today > now ? today : osloWallClockInstant(addDays(osloDate(now), 1), schedule.dailyAt.hour, schedule.dailyAt.minute);
}

type JobsHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * EventBridge Scheduler's stand-in: runs the declared schedules in this process by invoking the
 * same jobs handler with the same input. Admins can also run a job at once from the CMS.
 */
export function startLocalScheduler(log: (line: string) => void): { stop(): void } {
  const timers = new Set<NodeJS.Timeout>();
  const handler = import(pathToFileURL(join(process.cwd(), lambdas.jobs.entry)).href).then((module: { handler: JobsHandler }) => module.handler);

  const arm = (schedule: ScheduleDeclaration) => {
    const at = nextRun(schedule, new Date());
    const timer = setTimeout(async () => {
      timers.delete(timer);
      try {
        const result = await (await handler)({ job: schedule.job }, lambdaContext('jobs'));
        log(`Planlagt jobb ${schedule.job} kjørt: ${JSON.stringify(result)}`);
      } catch (error) {
        log(`Planlagt jobb ${schedule.job} feilet: ${error instanceof Error ? error.message : String(error)}`);
      }
      arm(schedule);
    }, Math.min(at.getTime() - Date.now(), 2 ** 31 - 1));
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
