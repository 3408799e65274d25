import { z } from 'zod';
import { editsOf } from './edits';
import { emailSchema } from './newsletter';
import { cursorPageQuery } from './queries';
import { isoDateTimeSchema } from './product';
import {
  attendanceModes,
  eventMailingKinds,
  eventStatuses,
  eventTypes,
  mailingAudiences,
  questionKinds,
  registrationStatuses,
  type AttendanceMode,
} from './vocabularies';

/** An instant given with any offset, kept in UTC so that stored instants sort as strings. */
export const instantSchema = isoDateTimeSchema.transform((value) => new Date(value).toISOString());

/** Seats for a mode or a session; null means unlimited (streaming usually is). */
export const capacitySchema = z.number().int().min(1).max(100_000).nullable();

const shortIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/, 'Bare små bokstaver, tall og bindestrek');

export const attendanceOptionSchema = z.object({ mode: attendanceModes.schema, capacity: capacitySchema });
export type AttendanceOption = z.infer<typeof attendanceOptionSchema>;

/** A contribution in the program; people pick the ones they attend ("if one cannot stay the whole day"). */
export const sessionInputSchema = z.object({
  /** Kept across edits so that registrations keep their choices; the server assigns one to new sessions. */
  id: shortIdSchema.optional(),
  title: z.string().trim().min(2).max(200),
  speaker: z.string().trim().max(200).default(''),
  startsAt: instantSchema,
  endsAt: instantSchema,
  capacity: capacitySchema.default(null),
});
export const sessionSchema = z.object({
  id: z.string(),
  title: z.string(),
  speaker: z.string(),
  startsAt: isoDateTimeSchema,
  endsAt: isoDateTimeSchema,
  capacity: capacitySchema,
});
export type EventSession = z.infer<typeof sessionSchema>;

export const questionInputSchema = z.object({
  id: shortIdSchema.optional(),
  kind: questionKinds.schema,
  label: z.string().trim().min(2).max(200),
  required: z.boolean().default(false),
});
export const questionSchema = z.object({ id: z.string(), kind: questionKinds.schema, label: z.string(), required: z.boolean() });
export type EventQuestion = z.infer<typeof questionSchema>;

/**
 * The seat confirmation rule, as data. A registration that takes a limited seat (a mode or a session
 * with a capacity) holds it until the participant presses «Bekreft plassen» behind the link in the
 * email; an unconfirmed hold expires and the seat is offered to the next in line, who confirms the
 * same way. A hold lasts the event's `holdHours`, but never ends later than `closesHoursBeforeStart`
 * before the start, so the next in line still has time to take the seat and come; a hold that begins
 * later than that still gets `minHoldMinutes`, but never runs past the start. From the start on, a
 * freed seat is offered to nobody.
 */
export const seatHoldRules = {
  defaultHoldHours: 24,
  maxHoldHours: 7 * 24,
  closesHoursBeforeStart: 2,
  minHoldMinutes: 30,
} as const;

const eventFields = z.object({
  type: eventTypes.schema,
  title: z.string().trim().min(3).max(200),
  /** Rich text as HTML; sanitised on save. */
  description: z.string().max(50_000).default(''),
  startsAt: instantSchema,
  endsAt: instantSchema,
  /** Where the in-person part takes place; required when in-person attendance is offered. */
  venue: z.string().trim().max(300).nullable().default(null),
  attendance: z.array(attendanceOptionSchema).min(1).max(attendanceModes.codes.length),
  /** Null: registration opens when the event is opened. */
  registrationOpensAt: instantSchema.nullable().default(null),
  /** Null: registration closes when the event starts. */
  registrationClosesAt: instantSchema.nullable().default(null),
  sessions: z.array(sessionInputSchema).max(50).default([]),
  questions: z.array(questionInputSchema).max(20).default([]),
  /** Who the event is for, e.g. "for personvernombud og sikkerhetsledere". */
  eligibility: z.string().trim().max(1000).default(''),
  /** Sent only to registered online participants, never published. */
  streamingUrl: z.url().max(2000).nullable().default(null),
  /** How long before the start the reminder goes out; the default is the day before. */
  reminderHoursBefore: z
    .number()
    .int()
    .min(1)
    .max(24 * 14)
    .default(24),
  /** Days after the event until participants' personal data is anonymised. */
  retentionDays: z.number().int().min(1).max(3650).default(90),
  /**
   * How long a limited seat is held for someone who has not yet confirmed it with the button behind
   * the link in the email; shortened close to the start (see holdEndsAt). Events stored before holds
   * existed read as the default.
   */
  holdHours: z.number().int().min(1).max(seatHoldRules.maxHoldHours).default(seatHoldRules.defaultHoldHours),
});

/** What the rules across fields look at: an event as submitted, or as it would be stored after an edit. */
export interface EventRuleFacts {
  startsAt: string;
  endsAt: string;
  venue: string | null;
  attendance: readonly { mode: AttendanceMode }[];
  streamingUrl: string | null;
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
  sessions: readonly { id?: string | undefined; startsAt: string; endsAt: string }[];
  questions: readonly { id?: string | undefined }[];
}

export interface EventRuleIssue {
  path: (string | number)[];
  message: string;
}

/** Rules across fields, each reported on the field an editor must change. */
export function eventRuleIssues(event: EventRuleFacts): EventRuleIssue[] {
  const issues: EventRuleIssue[] = [];
  const issue = (path: (string | number)[], message: string) => issues.push({ path, message });
  if (event.endsAt <= event.startsAt) issue(['endsAt'], 'Slutt må være etter start');
  const modes = event.attendance.map((option) => option.mode);
  if (new Set(modes).size !== modes.length) issue(['attendance'], 'Hver deltakelsesform kan bare stå én gang');
  if (modes.includes('in-person') && !event.venue) issue(['venue'], 'Oppgi sted for fysisk oppmøte');
  if (event.streamingUrl && !modes.includes('online')) issue(['streamingUrl'], 'Strømmelenke krever digital deltakelse');
  if (event.registrationOpensAt && event.registrationClosesAt && event.registrationClosesAt <= event.registrationOpensAt) {
    issue(['registrationClosesAt'], 'Påmeldingen må stenge etter at den åpner');
  }
  if (event.registrationClosesAt && event.registrationClosesAt > event.endsAt)
    issue(['registrationClosesAt'], 'Påmeldingen må stenge før arrangementet slutter');
  event.sessions.forEach((session, index) => {
    if (session.endsAt <= session.startsAt) issue(['sessions', index, 'endsAt'], 'Slutt må være etter start');
    if (session.startsAt < event.startsAt || session.endsAt > event.endsAt) issue(['sessions', index, 'startsAt'], 'Økten må ligge innenfor arrangementet');
  });
  const sessionIds = event.sessions.flatMap((session) => (session.id ? [session.id] : []));
  if (new Set(sessionIds).size !== sessionIds.length) issue(['sessions'], 'To økter har samme id');
  const questionIds = event.questions.flatMap((question) => (question.id ? [question.id] : []));
  if (new Set(questionIds).size !== questionIds.length) issue(['questions'], 'To spørsmål har samme id');
  return issues;
}

/** POST /admin/events: a new event, created as a draft. */
export const eventInputSchema = eventFields.superRefine((event, ctx) => {
  for (const { path, message } of eventRuleIssues(event)) ctx.addIssue({ code: 'custom', path, message });
});
export type EventInput = z.infer<typeof eventInputSchema>;

/**
 * PUT /admin/events/{id}: what changed, with optimistic locking; status moves draft → open ⇄ closed,
 * or to cancelled. The CMS form may still send the whole event. The rules across fields are checked
 * on the event as it would be stored (`eventRuleIssues`), since an edit may carry only one side of a rule.
 */
export const eventUpdateSchema = editsOf(eventFields.extend({ status: eventStatuses.schema })).extend({
  expectedRevision: z.number().int().positive(),
});
export type EventUpdate = z.infer<typeof eventUpdateSchema>;

export const eventSchema = eventFields.extend({
  id: z.string(),
  status: eventStatuses.schema,
  startsAt: isoDateTimeSchema,
  endsAt: isoDateTimeSchema,
  registrationOpensAt: isoDateTimeSchema.nullable(),
  registrationClosesAt: isoDateTimeSchema.nullable(),
  sessions: z.array(sessionSchema),
  questions: z.array(questionSchema),
  /** The calendar SEQUENCE: raised when time or place changes, so calendars replace the entry. */
  sequence: z.number().int().nonnegative(),
  createdAt: isoDateTimeSchema,
  createdBy: z.string(),
  lastChangedAt: isoDateTimeSchema,
  lastChangedBy: z.string(),
  revision: z.number().int().positive(),
  /** When the retention job anonymised the participants; null until then. */
  anonymisedAt: isoDateTimeSchema.nullable(),
});
export type NormenEvent = z.infer<typeof eventSchema>;

export const seatCountSchema = z.object({
  confirmed: z.number().int().nonnegative(),
  /** Seats held for people who have not confirmed yet; they are taken, not free. */
  held: z.number().int().nonnegative(),
  waitlisted: z.number().int().nonnegative(),
  checkedIn: z.number().int().nonnegative(),
});
export type SeatCount = z.infer<typeof seatCountSchema>;

/** Registrations counted per mode and per session; updated in the same transaction as each registration. */
export const eventSeatsSchema = z.object({
  modes: z.partialRecord(attendanceModes.schema, seatCountSchema),
  /** Confirmed participants per session id. */
  sessions: z.record(z.string(), z.number().int().nonnegative()),
  /** Held (unconfirmed) seats per session id. */
  sessionsHeld: z.record(z.string(), z.number().int().nonnegative()),
});
export type EventSeats = z.infer<typeof eventSeatsSchema>;

export const modeCountsSchema = seatCountSchema.extend({
  mode: attendanceModes.schema,
  capacity: capacitySchema,
  /** Seats left (capacity − held − confirmed); null when unlimited. */
  free: z.number().int().nonnegative().nullable(),
});
export const sessionCountsSchema = z.object({
  sessionId: z.string(),
  title: z.string(),
  capacity: capacitySchema,
  confirmed: z.number().int().nonnegative(),
  held: z.number().int().nonnegative(),
  free: z.number().int().nonnegative().nullable(),
});
export const eventCountsSchema = z.object({ modes: z.array(modeCountsSchema), sessions: z.array(sessionCountsSchema) });
export type EventCounts = z.infer<typeof eventCountsSchema>;

/** An event as editors see it: with its counts. */
export const eventWithCountsSchema = eventSchema.extend({ counts: eventCountsSchema });
export type EventWithCounts = z.infer<typeof eventWithCountsSchema>;

export const eventIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const registrationParamsSchema = eventIdParamsSchema.extend({ registrationId: z.string().min(1).max(64) });

/** A form sends one value per checked box: one string, several, or none. */
const idList = z.preprocess(
  (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
  z.array(z.string().min(1).max(40)).max(50),
);

/**
 * POST /events/{id}/registrations (JSON or form). Answers are keyed by question id; whether they are
 * required, and whether the mode and sessions exist, is checked against the event. `website` is a honeypot.
 */
export const registrationRequestSchema = z.object({
  name: z.string().trim().min(2).max(200),
  email: emailSchema,
  organisation: z.string().trim().min(2).max(200),
  mode: attendanceModes.schema,
  sessions: idList.default([]),
  answers: z.record(z.string().max(40), z.string().trim().max(2000)).default({}),
  website: z.string().max(500).optional(),
});
export type RegistrationRequest = z.infer<typeof registrationRequestSchema>;

export const registrationSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  /** Empty after anonymisation, like email, organisation and answers. */
  name: z.string(),
  email: z.string(),
  organisation: z.string(),
  mode: attendanceModes.schema,
  sessions: z.array(z.string()),
  answers: z.record(z.string(), z.string()),
  status: registrationStatuses.schema,
  registeredAt: isoDateTimeSchema,
  /** When the participant confirmed their seat (or got it without a hold: unlimited, or by an editor). */
  confirmedAt: isoDateTimeSchema.nullable(),
  /** The end of the latest hold: while `held`, the seat is theirs until then; kept after it expired. */
  heldUntil: isoDateTimeSchema.nullable().default(null),
  cancelledAt: isoDateTimeSchema.nullable(),
  checkedInAt: isoDateTimeSchema.nullable(),
  anonymisedAt: isoDateTimeSchema.nullable(),
  /** Place in the waitlist (time-ordered) while waitlisted; someone moved there by hand joins at the back. */
  waitlistKey: z.string().nullable(),
});
export type Registration = z.infer<typeof registrationSchema>;

/**
 * A registration as the editors' list shows it: with its place in the waitlist of its mode (1 is
 * next in line, the order in which freed seats are offered), null when not waitlisted.
 */
export const listedRegistrationSchema = registrationSchema.extend({ waitlistPosition: z.number().int().positive().nullable() });
export type ListedRegistration = z.infer<typeof listedRegistrationSchema>;

/** GET /admin/events/{id}/registrations and .csv */
export const registrationQuerySchema = z.object({
  status: registrationStatuses.schema.optional(),
  mode: attendanceModes.schema.optional(),
  session: z.string().max(40).optional(),
  q: z.string().trim().max(200).optional(),
});
export type RegistrationQuery = z.infer<typeof registrationQuerySchema>;
/** GET /admin/events/{id}/registrations: the filters, a page at a time, in registration order. */
export const registrationPageQuerySchema = registrationQuerySchema.extend(cursorPageQuery.shape);
export type RegistrationPageQuery = z.infer<typeof registrationPageQuerySchema>;

/**
 * PUT /admin/events/{id}/registrations/{registrationId}: check in, or move between waitlist and
 * confirmed by hand. Either may be left out; a change that carries neither changes nothing.
 */
export const registrationChangeSchema = editsOf(z.object({ status: registrationStatuses.schema, checkedIn: z.boolean() }));
export type RegistrationChange = z.infer<typeof registrationChangeSchema>;

/** POST /admin/events/{id}/mailings: an email to the event's participants. */
export const eventMessageSchema = z.object({
  subject: z.string().trim().min(3).max(200),
  body: z.string().trim().min(3).max(20_000),
  audience: mailingAudiences.schema.default('confirmed'),
});
export type EventMessage = z.infer<typeof eventMessageSchema>;

export const eventMailingSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  kind: eventMailingKinds.schema,
  subject: z.string(),
  body: z.string(),
  audience: mailingAudiences.schema,
  status: z.enum(['pending', 'sent']),
  createdAt: isoDateTimeSchema,
  createdBy: z.string(),
  sent: z.number().int().nonnegative(),
  finishedAt: isoDateTimeSchema.nullable(),
});
export type EventMailing = z.infer<typeof eventMailingSchema>;

/** What the website gets: no streaming link, no personal data; seat counts only. */
export const publicEventSchema = eventSchema
  .pick({
    id: true,
    type: true,
    title: true,
    description: true,
    startsAt: true,
    endsAt: true,
    venue: true,
    eligibility: true,
    status: true,
    registrationOpensAt: true,
    registrationClosesAt: true,
    questions: true,
  })
  .extend({
    /** Per mode: free seats (capacity − held − confirmed), and held, confirmed and waitlisted apart. */
    attendance: z.array(attendanceOptionSchema.extend(modeCountsSchema.pick({ free: true, confirmed: true, held: true, waitlisted: true }).shape)),
    sessions: z.array(sessionSchema.extend(sessionCountsSchema.pick({ free: true, confirmed: true, held: true }).shape)),
    /** Whether registration is open right now. */
    registrationOpen: z.boolean(),
    /** The plain HTML form, for linking or embedding. */
    registrationUrl: z.string(),
  });
export type PublicEvent = z.infer<typeof publicEventSchema>;

/** Free seats for a capacity and a count; null when unlimited. */
export function freeSeats(capacity: number | null, taken: number): number | null {
  return capacity === null ? null : Math.max(0, capacity - taken);
}

export function attendanceOption(event: Pick<NormenEvent, 'attendance'>, mode: AttendanceMode): AttendanceOption | undefined {
  return event.attendance.find((option) => option.mode === mode);
}

/** When the reminder goes out: `reminderHoursBefore` before the start. */
export function reminderDueAt(event: Pick<NormenEvent, 'startsAt' | 'reminderHoursBefore'>): string {
  return new Date(new Date(event.startsAt).getTime() - event.reminderHoursBefore * 3_600_000).toISOString();
}

/** When participants' personal data is anonymised: `retentionDays` after the end. */
export function anonymiseDueAt(event: Pick<NormenEvent, 'endsAt' | 'retentionDays'>): string {
  return new Date(new Date(event.endsAt).getTime() + event.retentionDays * 86_400_000).toISOString();
}

/** Whether a registration must confirm its seat: it takes a seat of which there are only so many. */
export function needsHold(event: Pick<NormenEvent, 'attendance' | 'sessions'>, mode: AttendanceMode, sessions: readonly string[]): boolean {
  if ((attendanceOption(event, mode)?.capacity ?? null) !== null) return true;
  return event.sessions.some((session) => sessions.includes(session.id) && session.capacity !== null);
}

/** When a hold that begins at `now` ends: `holdHours` later, shortened close to the start (see seatHoldRules). */
export function holdEndsAt(event: Pick<NormenEvent, 'startsAt' | 'holdHours'>, now: Date, rules = seatHoldRules): string {
  const start = new Date(event.startsAt).getTime();
  const latest = start - rules.closesHoursBeforeStart * 3_600_000;
  const regular = Math.min(now.getTime() + event.holdHours * 3_600_000, latest);
  const shortest = Math.min(now.getTime() + rules.minHoldMinutes * 60_000, start);
  return new Date(Math.max(regular, shortest)).toISOString();
}

/** Whether a freed seat is offered to the next in line: only before the start of an event that is on. */
export function offersFreedSeats(event: Pick<NormenEvent, 'status' | 'startsAt'>, now: Date): boolean {
  return (event.status === 'open' || event.status === 'closed') && now < new Date(event.startsAt);
}

/** Whether a held seat can still be confirmed at `now`. */
export function holdIsOpen(registration: Pick<Registration, 'status' | 'heldUntil'>, now: Date): boolean {
  return registration.status === 'held' && registration.heldUntil !== null && now < new Date(registration.heldUntil);
}
