import type { JobName } from '../content-model';

/**
 * Scheduled jobs, declared once: the CDK app creates an EventBridge Scheduler schedule per entry
 * (in Europe/Oslo) targeting the jobs Lambda, and the local system runs the same schedule in-process.
 */
export interface ScheduleDeclaration {
  job: JobName;
  description: string;
  /** Local time in Europe/Oslo at which the job runs every day. */
  dailyAt: { hour: number; minute: number };
  /** Longer than this without a successful run counts as missed (shows red, raises an alarm). */
  expectedEveryHours: number;
}

export const schedules = [
  {
    job: 'review-check',
    description: 'Påminnelser om evaluering og ikke-gjeldende-markering',
    dailyAt: { hour: 6, minute: 0 },
    expectedEveryHours: 26,
  },
] as const satisfies readonly ScheduleDeclaration[];

/** The EventBridge Scheduler expression for a declaration (evaluated in Europe/Oslo). */
export function scheduleExpression(schedule: ScheduleDeclaration): string {
  return `cron(${schedule.dailyAt.minute} ${schedule.dailyAt.hour} * * ? *)`;
}
