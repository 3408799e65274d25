import { describe, expect, it } from 'vitest';
import { osloWallClockInstant, osloWallTime } from '../../content-model';
import { schedules } from '../../functions/schedules';
import { nextRun } from '../../local/scheduler';

describe('Oslo wall-clock time', () => {
  it.each([
    ['2026-12-03', 9, 0, '2026-12-03T08:00:00.000Z'],
    ['2027-06-10', 9, 0, '2027-06-10T07:00:00.000Z'],
    // The days clocks change: 03:00 on the last Sunday of March is summer time, 03:00 in late October is winter time.
    ['2027-03-28', 3, 0, '2027-03-28T01:00:00.000Z'],
    ['2027-03-28', 1, 30, '2027-03-28T00:30:00.000Z'],
    ['2026-10-25', 4, 0, '2026-10-25T03:00:00.000Z'],
    ['2026-10-25', 1, 0, '2026-10-24T23:00:00.000Z'],
  ])('%s %s:%s in Oslo is %s', (date, hour, minute, instant) => {
    const at = osloWallClockInstant(date, hour, minute);
    expect(at.toISOString()).toBe(instant);
    expect(osloWallTime(at)).toMatchObject({ hour, minute, second: 0 });
  });

  it('runs a daily job at its Oslo time, the next day once that time has passed', () => {
    const retention = schedules.find((schedule) => schedule.job === 'event-retention');
    if (!retention) throw new Error('no retention schedule');
    expect(nextRun(retention, new Date('2026-11-22T01:00:00Z')).toISOString()).toBe('2026-11-22T02:30:00.000Z');
    expect(nextRun(retention, new Date('2026-11-22T02:30:00Z')).toISOString()).toBe('2026-11-23T02:30:00.000Z');
  });
});
