import { OSLO_TIME_ZONE, osloWallClockInstant, osloWallTime } from '../../../content-model';

const osloDateFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: OSLO_TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });
const osloDateTimeFormat = new Intl.DateTimeFormat('nb-NO', { timeZone: OSLO_TIME_ZONE, dateStyle: 'medium', timeStyle: 'short' });
const numberFormat = new Intl.NumberFormat('nb-NO');

/** Calendar dates (YYYY-MM-DD) are Oslo dates already; noon UTC keeps them on the same day in Oslo. */
export function formatOsloDate(date: string): string {
  return osloDateFormat.format(new Date(`${date}T12:00:00Z`));
}

/** An instant (ISO date-time) as Oslo date and time. */
export function formatInstant(instant: string): string {
  return osloDateTimeFormat.format(new Date(instant));
}

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** An instant as the value of an <input type="datetime-local"> showing Oslo time ("2026-05-04T09:30"). */
export function toOsloDateTimeLocal(instant: Date): string {
  const wall = osloWallTime(instant);
  const two = (value: number) => String(value).padStart(2, '0');
  return `${wall.year}-${two(wall.month)}-${two(wall.day)}T${two(wall.hour)}:${two(wall.minute)}`;
}

/**
 * A datetime-local value read as Oslo time (whatever the browser's own time zone), as an ISO
 * instant; null when it is not a complete date and time.
 */
export function fromOsloDateTimeLocal(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [date, hour, minute] = [`${match[1]}-${match[2]}-${match[3]}`, Number(match[4]), Number(match[5])];
  const instant = osloWallClockInstant(date, hour, minute);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}
