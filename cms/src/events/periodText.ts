import { OSLO_TIME_ZONE, osloDate } from '../../../content-model';
import { formatInstant } from '../shared/format';

const osloTime = new Intl.DateTimeFormat('nb-NO', { timeZone: OSLO_TIME_ZONE, timeStyle: 'short' });

/** "10. des. 2026, 09:00–16:00" within one Oslo day; both dates in full when it runs over several. */
export function periodText(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (osloDate(start) === osloDate(end)) return `${formatInstant(startsAt)}–${osloTime.format(end)}`;
  return `${formatInstant(startsAt)} – ${formatInstant(endsAt)}`;
}
