import type { JobName } from '../content-model';

/**
 * Scheduled jobs, declared once: the CDK app creates an EventBridge Scheduler schedule per entry
 * (in Europe/Oslo) targeting the jobs Lambda, and the local system runs the same schedule in-process.
 */
export type ScheduleDeclaration = {
  job: JobName;
  description: string;
  /** Longer than this without a successful run counts as missed (shows red, raises an alarm). */
  expectedEveryHours: number;
} & (
  | { /** Local time in Europe/Oslo at which the job runs every day. */ dailyAt: { hour: number; minute: number } }
  | { /** Runs this often, around the clock. */ everyMinutes: number }
);

export const schedules = [
  {
    job: 'review-check',
    description: 'Påminnelser om evaluering og ikke-gjeldende-markering',
    dailyAt: { hour: 6, minute: 0 },
    expectedEveryHours: 26,
  },
  {
    job: 'newsletter-dispatch',
    description: 'Starter planlagte nyhetsbrev og fortsetter avbrutte utsendelser',
    everyMinutes: 1,
    expectedEveryHours: 1,
  },
  {
    job: 'event-notifications',
    description: 'Sender påminnelser før arrangementer og meldinger til deltakere',
    everyMinutes: 5,
    expectedEveryHours: 1,
  },
  {
    // Each expired hold is handed on in one transaction that only one run can commit.
    job: 'seat-holds',
    description: 'Gir ubekreftede plasser videre til den første på ventelisten når fristen er ute',
    everyMinutes: 5,
    expectedEveryHours: 1,
  },
  {
    job: 'event-retention',
    description: 'Anonymiserer deltakere når oppbevaringstiden etter et arrangement er ute',
    dailyAt: { hour: 3, minute: 30 },
    expectedEveryHours: 26,
  },
] as const satisfies readonly ScheduleDeclaration[];

/** The EventBridge Scheduler expression for a declaration (evaluated in Europe/Oslo). */
export function scheduleExpression(schedule: ScheduleDeclaration): string {
  if ('everyMinutes' in schedule) return `rate(${schedule.everyMinutes} ${schedule.everyMinutes === 1 ? 'minute' : 'minutes'})`;
  return `cron(${schedule.dailyAt.minute} ${schedule.dailyAt.hour} * * ? *)`;
}

/** How the schedule reads in the CMS. */
export function describeSchedule(schedule: ScheduleDeclaration): string {
  if ('everyMinutes' in schedule) return schedule.everyMinutes === 1 ? 'Hvert minutt' : `Hvert ${schedule.everyMinutes}. minutt`;
  const at = `${String(schedule.dailyAt.hour).padStart(2, '0')}:${String(schedule.dailyAt.minute).padStart(2, '0')}`;
  return `Hver dag kl. ${at} (Europe/Oslo)`;
}
