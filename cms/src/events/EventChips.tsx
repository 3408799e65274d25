import { Chip } from '@mui/material';
import {
  attendanceModes,
  eventStatuses,
  eventTypes,
  formatNumber,
  mailingAudiences,
  questionKinds,
  registrationStatuses,
  type EventStatus,
  type EventWithCounts,
  type RegistrationStatus,
} from '../../../content-model';
import { choicesFrom } from '../products/choices';

type ChipColour = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

export const eventTypeChoices = choicesFrom(eventTypes.labels);
export const attendanceModeChoices = choicesFrom(attendanceModes.labels);
export const eventStatusChoices = choicesFrom(eventStatuses.labels);
export const registrationStatusChoices = choicesFrom(registrationStatuses.labels);
export const questionKindChoices = choicesFrom(questionKinds.labels);
export const mailingAudienceChoices = choicesFrom(mailingAudiences.labels);

const eventStatusColours: Record<EventStatus, ChipColour> = {
  draft: 'default',
  open: 'success',
  closed: 'info',
  cancelled: 'error',
};

const registrationStatusColours: Record<RegistrationStatus, ChipColour> = {
  confirmed: 'success',
  held: 'info',
  waitlisted: 'warning',
  cancelled: 'default',
  expired: 'default',
};

/** Colour and text together, so the status reads without relying on colour. */
export function EventStatusChip({ status }: { status: EventStatus }) {
  return <Chip size="small" color={eventStatusColours[status]} variant={status === 'draft' ? 'outlined' : 'filled'} label={eventStatuses.labels[status]} />;
}

export function RegistrationStatusChip({ status }: { status: RegistrationStatus }) {
  return (
    <Chip
      size="small"
      color={registrationStatusColours[status]}
      variant={status === 'cancelled' || status === 'expired' ? 'outlined' : 'filled'}
      label={registrationStatuses.labels[status]}
    />
  );
}

/** "12 av 40" for limited seats, "12 (ubegrenset)" otherwise. */
export function seatsText(confirmed: number, capacity: number | null): string {
  return capacity === null ? `${formatNumber(confirmed)} (ubegrenset)` : `${formatNumber(confirmed)} av ${formatNumber(capacity)}`;
}

/** Seats taken in person (confirmed and held) against the seats, with the unconfirmed part; "–" without in-person attendance. */
export function inPersonSeatsText(event: Pick<EventWithCounts, 'counts'>): string {
  const inPerson = event.counts.modes.find((mode) => mode.mode === 'in-person');
  if (!inPerson) return '–';
  const taken = seatsText(inPerson.confirmed + inPerson.held, inPerson.capacity);
  return inPerson.held ? `${taken} (${formatNumber(inPerson.held)} ubekreftet)` : taken;
}

/** Everyone on a waitlist, whatever the mode. */
export function waitlistedTotal(event: Pick<EventWithCounts, 'counts'>): number {
  return event.counts.modes.reduce((sum, mode) => sum + mode.waitlisted, 0);
}
