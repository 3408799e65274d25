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
