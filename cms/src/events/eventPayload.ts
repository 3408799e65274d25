import { eventInputSchema, eventStatuses, type EventInput, type EventStatus, type EventUpdate, type NormenEvent } from '../../../content-model';
import { isEmptyHtml } from '../newsletter/campaignPayload';
import { list, schemaErrors, type FormValues } from '../shared/validation';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Empty text is "none" (null) for the optional single-line fields. */
function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/** Instants are ISO strings in the form already (the date-time inputs parse Oslo time into them). */
function instantOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Left empty: unlimited. */
function capacity(value: unknown): number | null {
  return typeof value === 'number' && !Number.isNaN(value) ? value : null;
}

/** Ids the API gave sessions and questions are sent back, so registrations keep their choices. */
function idOf(item: FormValues): { id?: string } {
  return typeof item.id === 'string' && item.id !== '' ? { id: item.id } : {};
}

/** Left empty: the API's default. */
function wholeNumberOrDefault(value: unknown): number | undefined {
  return typeof value === 'number' && !Number.isNaN(value) ? value : undefined;
}

function items(value: unknown): FormValues[] {
  return list(value).map((item) => (item ?? {}) as FormValues);
}

/**
 * react-admin turns emptied text into null and leaves untouched inputs undefined; the API wants ''
 * for empty text, null for "none", and its defaults for the numbers left empty.
 */
export function normaliseEventForm(values: FormValues): FormValues {
  const description = text(values.description);
  return {
    type: values.type ?? undefined,
    title: text(values.title),
    description: isEmptyHtml(description) ? '' : description,
    startsAt: instantOrNull(values.startsAt),
    endsAt: instantOrNull(values.endsAt),
    venue: textOrNull(values.venue),
    attendance: items(values.attendance).map((option) => ({ mode: option.mode ?? undefined, capacity: capacity(option.capacity) })),
    registrationOpensAt: instantOrNull(values.registrationOpensAt),
    registrationClosesAt: instantOrNull(values.registrationClosesAt),
    sessions: items(values.sessions).map((session) => ({
      ...idOf(session),
      title: text(session.title),
      speaker: text(session.speaker),
      startsAt: instantOrNull(session.startsAt),
      endsAt: instantOrNull(session.endsAt),
      capacity: capacity(session.capacity),
    })),
    questions: items(values.questions).map((question) => ({
      ...idOf(question),
      kind: question.kind ?? undefined,
      label: text(question.label),
      required: question.required === true,
    })),
    eligibility: text(values.eligibility),
    streamingUrl: textOrNull(values.streamingUrl),
    reminderHoursBefore: wholeNumberOrDefault(values.reminderHoursBefore),
    retentionDays: wholeNumberOrDefault(values.retentionDays),
    holdHours: wholeNumberOrDefault(values.holdHours),
  };
}

export function toEventInput(values: FormValues): EventInput {
  return eventInputSchema.parse(normaliseEventForm(values));
}

/**
 * The form sends the whole event (PUT takes any subset; the whole event is one): every field as the
 * form has it, the chosen status, and the revision the editor started from (optimistic locking).
 */
export function toEventUpdate(
  values: FormValues,
  previous: Pick<NormenEvent, 'status' | 'revision'>,
): EventInput & Required<Pick<EventUpdate, 'status' | 'expectedRevision'>> {
  const status = eventStatuses.schema.safeParse(values.status);
  return { ...toEventInput(values), status: status.success ? status.data : previous.status, expectedRevision: previous.revision };
}

/** Checks the form against the same schema the API uses, with Norwegian messages. */
export function validateEventForm(values: FormValues): FormValues {
  return schemaErrors(eventInputSchema, normaliseEventForm(values));
}

/**
 * Where an event may go from its status: draft → open, open ⇄ closed, and anything → cancelled,
 * which is final. The current status is always among them (saving without a status change).
 */
export const allowedStatuses: Record<EventStatus, readonly EventStatus[]> = {
  draft: ['draft', 'open', 'cancelled'],
  open: ['open', 'closed', 'cancelled'],
  closed: ['closed', 'open', 'cancelled'],
  cancelled: ['cancelled'],
};

/** A new event: in-person attendance with unlimited seats, the reminder the day before, anonymised after 90 days. */
export const newEventDefaults = {
  type: 'conference',
  title: '',
  description: '',
  startsAt: null,
  endsAt: null,
  venue: '',
  attendance: [{ mode: 'in-person', capacity: null }],
  registrationOpensAt: null,
  registrationClosesAt: null,
  sessions: [],
  questions: [],
  eligibility: '',
  streamingUrl: '',
  reminderHoursBefore: 24,
  retentionDays: 90,
} satisfies FormValues;
