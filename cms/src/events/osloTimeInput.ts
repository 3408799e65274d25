import { fromOsloDateTimeLocal, toOsloDateTimeLocal } from '../../../content-model';

const WALL_CLOCK = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * `format` for a date-time input: the stored instant (ISO, UTC) as Oslo wall-clock time
 * ("2026-05-04T09:30"), whatever the browser's own zone. react-admin's DateTimeInput formats the
 * value twice, so a value that is already wall-clock time is kept as it is.
 */
export function osloInputValue(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  if (WALL_CLOCK.test(value)) return value;
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? '' : toOsloDateTimeLocal(instant);
}

/** `parse` for a date-time input: Oslo wall-clock time as an ISO instant; null when empty or incomplete. */
export function instantFromOsloInput(value: unknown): string | null {
  return typeof value === 'string' ? fromOsloDateTimeLocal(value) : null;
}
