import { OSLO_TIME_ZONE } from '../../../content-model';

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

const osloPartsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: OSLO_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function osloParts(epochMs: number): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const part of osloPartsFormat.formatToParts(new Date(epochMs))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return parts;
}

/** How far Oslo's wall clock is ahead of UTC at an instant (one or two hours). */
function osloOffsetMs(epochMs: number): number {
  const p = osloParts(epochMs);
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day, p.hour, p.minute, p.second) - Math.floor(epochMs / 1000) * 1000;
}

/** An instant as the value of an <input type="datetime-local"> showing Oslo time ("2026-05-04T09:30"). */
export function toOsloDateTimeLocal(instant: Date): string {
  const p = osloParts(instant.getTime());
  const two = (value: number | undefined) => String(value ?? 0).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * A datetime-local value read as Oslo time (whatever the browser's own time zone), as an ISO
 * instant; null when it is not a complete date and time.
 */
export function fromOsloDateTimeLocal(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wallClock = Date.UTC(year, month - 1, day, hour, minute);
  // The offset at the guessed instant, corrected once in case the guess fell across a DST change.
  let instant = wallClock - osloOffsetMs(wallClock);
  const corrected = wallClock - osloOffsetMs(instant);
  if (corrected !== instant) instant = corrected;
  return Number.isNaN(instant) ? null : new Date(instant).toISOString();
}
