/** Calendar dates (YYYY-MM-DD) as seen in Europe/Oslo, where Normen's deadlines are evaluated. */
export const OSLO_TIME_ZONE = 'Europe/Oslo';

const osloDateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: OSLO_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function osloDate(instant: Date): string {
  return osloDateFormat.format(instant);
}

function parseDate(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new Error(`Not a date: ${date}`);
  return { year, month, day };
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds calendar months; the day is clamped to the end of a shorter month (31 Aug + 6 → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parseDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return formatDate(targetYear, targetMonth, Math.min(day, lastDay));
}

export function addDays(date: string, days: number): string {
  const { year, month, day } = parseDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return formatDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

export function daysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** A wall-clock time in Oslo; month is 1–12. */
export interface OsloWallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const osloWallFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: OSLO_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** What a clock in Oslo shows at an instant; Intl knows the DST rules, including past changes. */
export function osloWallTime(instant: Date): OsloWallTime {
  const parts = osloWallFormat.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value ?? Number.NaN);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

/** How far Oslo's clock is ahead of UTC at an instant (one or two hours), in milliseconds. */
function osloOffsetMs(epochMs: number): number {
  const wall = osloWallTime(new Date(epochMs));
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant at which the clocks in Oslo show `hour:minute` on `date`, e.g. 09:00 on 2026-12-03 → 08:00Z.
 * On the two days a year the clocks change, this follows RFC 5545 (and Temporal's "compatible"), so
 * that a time typed in the CMS means what a calendar reading our iCalendar files takes it to mean:
 * - a time that occurs twice (02:30 on 2026-10-25) is the first of the two, still summer time (00:30Z);
 * - a time that does not exist (02:30 on 2026-03-29) is read with the offset before the gap, so it
 *   lands an hour later on the clock (03:30 summer time, 01:30Z).
 */
export function osloWallClockInstant(date: string, hour: number, minute = 0): Date {
  const { year, month, day } = parseDate(date);
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  // Oslo's offset a few hours either side: the two differ only when the clocks change that night.
  const offsetBefore = osloOffsetMs(wallAsUtc - 3 * 3_600_000);
  const offsetAfter = osloOffsetMs(wallAsUtc + 3 * 3_600_000);
  const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].filter(
    (epochMs, index) => osloOffsetMs(epochMs) === (index === 0 ? offsetBefore : offsetAfter),
  );
  return new Date(candidates.length ? Math.min(...candidates) : wallAsUtc - offsetBefore);
}

/** Whether two instants fall on the same calendar day in Oslo. */
export function sameOsloDay(a: Date, b: Date): boolean {
  return osloDate(a) === osloDate(b);
}
