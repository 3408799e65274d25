import { z } from 'zod';
import { addDays } from './dates';
import { editsOf } from './edits';
import { emailSchema } from './newsletter';
import { isoDateSchema, isoDateTimeSchema, slugSchema } from './product';
import { caseOutcomes, caseTypes, groupKinds, meetingFormats, memberRoles, outcomesByCaseType, type CaseOutcome, type CaseType } from './vocabularies';

/**
 * The steering group's work (governance model chapters 4, 5 and 8; DESIGN.md §2): groups and their
 * members, meetings with an agenda, cases numbered per year, and the decision register the
 * product approval refers to. Approval rounds by e-mail and the action plan build on these.
 */

/** Days before a meeting its documents are due, unless the meeting says otherwise. */
export const governancePolicy = {
  documentDeadlineDays: 14,
} as const;

/** A rule broken by an entity as it would be stored: the field and the message, for a 400. */
export interface RuleIssue {
  path: string;
  message: string;
}

const idSchema = z.string().trim().min(1).max(64);
/** "HH:MM" on the clocks in Oslo. */
export const osloTimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Klokkeslett på formen 09:00');

function unique(values: readonly string[], path: string, message: string): RuleIssue[] {
  return values.flatMap((value, index) => (values.indexOf(value) !== index ? [{ path: `${path}.${index}`, message }] : []));
}

function addIssues(ctx: z.RefinementCtx, issues: RuleIssue[]): void {
  for (const issue of issues)
    ctx.addIssue({ code: 'custom', path: issue.path.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), message: issue.message });
}

// ——— Groups and members ———

const groupFieldsSchema = z.object({
  name: z.string().trim().min(2).max(200),
  kind: groupKinds.schema,
  description: z.string().trim().max(4000).default(''),
  /** The products a reference or working group works on (chapter 4.5); none for the standing groups. */
  productIds: z.array(idSchema).max(20).default([]),
});

export function groupRuleIssues(group: { kind: string; productIds: readonly string[] }): RuleIssue[] {
  const perProduct = group.kind === 'reference-group' || group.kind === 'working-group';
  return [
    ...(perProduct && group.productIds.length === 0 ? [{ path: 'productIds', message: 'Referanse- og arbeidsgrupper hører til minst ett produkt' }] : []),
    ...unique(group.productIds, 'productIds', 'Produktet står der allerede'),
  ];
}

/** POST /admin/groups. */
export const groupCreateSchema = groupFieldsSchema.superRefine((group, ctx) => addIssues(ctx, groupRuleIssues(group)));
export type GroupCreate = z.infer<typeof groupCreateSchema>;

/** PUT /admin/groups/{id}: the fields carried change; the rules are checked again on the merged group. */
export const groupUpdateSchema = editsOf(groupFieldsSchema).extend({ expectedRevision: z.number().int().positive() });
export type GroupUpdate = z.infer<typeof groupUpdateSchema>;

const memberFieldsSchema = z.object({
  name: z.string().trim().min(2).max(120),
  organisation: z.string().trim().min(2).max(200),
  email: emailSchema,
  role: memberRoles.schema,
  /** First day in the group; left out on creation, today. */
  from: isoDateSchema.optional(),
  /** Last day in the group; null while they are in it. */
  to: isoDateSchema.nullable().default(null),
});

export function memberRuleIssues(member: { from?: string | undefined; to: string | null }): RuleIssue[] {
  return member.from && member.to && member.to < member.from ? [{ path: 'to', message: 'Sluttdatoen kan ikke være før startdatoen' }] : [];
}

/** POST /admin/groups/{id}/members. */
export const memberCreateSchema = memberFieldsSchema.superRefine((member, ctx) => addIssues(ctx, memberRuleIssues(member)));
export type MemberCreate = z.infer<typeof memberCreateSchema>;

/** PUT /admin/groups/{id}/members/{memberId}; `to: null` means still a member. */
export const memberUpdateSchema = editsOf(memberFieldsSchema, ['to']).extend({ expectedRevision: z.number().int().positive() });
export type MemberUpdate = z.infer<typeof memberUpdateSchema>;

const bookkeeping = {
  revision: z.number().int().positive(),
  createdAt: isoDateTimeSchema,
  createdBy: z.string(),
  lastChangedAt: isoDateTimeSchema,
  lastChangedBy: z.string(),
};

export const memberSchema = memberFieldsSchema.extend({
  id: z.string(),
  groupId: z.string(),
  from: isoDateSchema,
  ...bookkeeping,
});
export type Member = z.infer<typeof memberSchema>;

/** Whether someone is in the group on `today` (their from/to dates, both inclusive). */
export function isActiveMember(member: Pick<Member, 'from' | 'to'>, today: string): boolean {
  return member.from <= today && (member.to === null || member.to >= today);
}

/** Who decides: the group's members on `today`, observers not counted (they get no approval round). */
export function decidingMembers<M extends Pick<Member, 'from' | 'to' | 'role'>>(members: readonly M[], today: string): M[] {
  return members.filter((member) => member.role !== 'observer' && isActiveMember(member, today));
}

export const groupSchema = groupFieldsSchema.extend({ id: z.string(), ...bookkeeping });
export type Group = z.infer<typeof groupSchema>;

/** A group as the API answers: with its members (listed active first, then by name) and whether each is in it today. */
export const groupWithMembersSchema = groupSchema.extend({
  members: z.array(memberSchema.extend({ active: z.boolean() })),
});
export type GroupWithMembers = z.infer<typeof groupWithMembersSchema>;

export const groupIdParamsSchema = z.object({ id: idSchema });
export const memberParamsSchema = groupIdParamsSchema.extend({ memberId: idSchema });

// ——— Cases ———

/** A case's number as the minutes write it: sequence within the year / two-digit year ("04/25"). */
export const caseNumberPattern = /^(\d{2,3})\/(\d{2})$/;
/** A case's id: the year and the sequence ("2025-04"); numbers are never reused, so neither are ids. */
export const caseIdPattern = /^(\d{4})-(\d{2,3})$/;

export function caseNumber(year: number, sequence: number): string {
  return `${String(sequence).padStart(2, '0')}/${String(year % 100).padStart(2, '0')}`;
}

export function caseId(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(2, '0')}`;
}

/** The id a reference to a case means: the id itself, or the number ("6/25" and "06/25" alike). */
export function caseIdOfReference(reference: string): string | null {
  const text = reference.trim();
  const byId = caseIdPattern.exec(text);
  if (byId) return caseId(Number(byId[1]), Number(byId[2]));
  const byNumber = /^(\d{1,3})\/(\d{2})$/.exec(text);
  if (byNumber) return caseId(2000 + Number(byNumber[2]), Number(byNumber[1]));
  return null;
}

export const caseIdParamsSchema = z.object({ id: z.string().regex(caseIdPattern, 'Saks-id på formen 2025-04') });

/** A reference to a case in the register: its number ("06/25") or id ("2025-06"). */
export const caseReferenceSchema = z
  .string()
  .trim()
  .refine((value) => caseIdOfReference(value) !== null, 'Oppgi saksnummeret på formen 06/25');

const caseFieldsSchema = z.object({
  type: caseTypes.schema,
  title: z.string().trim().min(3).max(200),
  background: z.string().trim().max(20_000).default(''),
  /** «Forslag til vedtak». */
  proposal: z.string().trim().max(10_000).default(''),
  productIds: z.array(idSchema).max(20).default([]),
  /** The meeting that handles the case; null while it has none (or goes to an e-mail round). */
  meetingId: idSchema.nullable().default(null),
  outcome: caseOutcomes.schema.nullable().default(null),
  /** «Vedtak»: what was decided, as the register shows it. */
  decisionText: z.string().trim().max(10_000).default(''),
  /** Set when the outcome is recorded (the meeting's day, or today); cleared with the outcome. */
  decidedOn: isoDateSchema.nullable().default(null),
});

/**
 * The rules of a case as it would be stored: an outcome the kind of case can have, a decided-on
 * date only with an outcome, and an adopted case says what was adopted.
 */
export function caseRuleIssues(record: {
  type: CaseType;
  outcome: CaseOutcome | null;
  decidedOn: string | null;
  decisionText: string;
  productIds: readonly string[];
}): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (record.outcome && !outcomesByCaseType[record.type].includes(record.outcome)) {
    const allowed = outcomesByCaseType[record.type].map((outcome) => caseOutcomes.labels[outcome].toLowerCase()).join(', ');
    issues.push({ path: 'outcome', message: `En ${caseTypes.labels[record.type].toLowerCase()} kan bare ha utfallet ${allowed}` });
  }
  if (!record.outcome && record.decidedOn) issues.push({ path: 'decidedOn', message: 'Datoen for vedtaket føres når utfallet føres' });
  if (record.outcome === 'adopted' && !record.decisionText) issues.push({ path: 'decisionText', message: 'Skriv hva som ble vedtatt' });
  issues.push(...unique(record.productIds, 'productIds', 'Produktet står der allerede'));
  return issues;
}

/** POST /admin/cases. The number is given by the API; an outcome may be recorded at once (the minutes of a past meeting). */
export const caseCreateSchema = caseFieldsSchema;
export type CaseCreate = z.infer<typeof caseCreateSchema>;

/** PUT /admin/cases/{id}: `outcome: null` reopens a case (and clears its date); `meetingId: null` takes it off its meeting. */
export const caseUpdateSchema = editsOf(caseFieldsSchema, ['meetingId', 'outcome', 'decidedOn']).extend({ expectedRevision: z.number().int().positive() });
export type CaseUpdate = z.infer<typeof caseUpdateSchema>;

export const caseSchema = caseFieldsSchema.extend({
  id: z.string().regex(caseIdPattern),
  number: z.string().regex(caseNumberPattern),
  year: z.number().int(),
  sequence: z.number().int().positive(),
  ...bookkeeping,
});
export type GovernanceCase = z.infer<typeof caseSchema>;

export const caseQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2099).optional(),
  meetingId: idSchema.optional(),
  productId: idSchema.optional(),
});
export type CaseQuery = z.infer<typeof caseQuerySchema>;

// ——— Meetings ———

export const agendaItemSchema = z.object({
  caseId: z.string().regex(caseIdPattern, 'Saks-id på formen 2025-04'),
  /** When the case is taken up, Oslo time. */
  startTime: osloTimeOfDaySchema.optional(),
  endTime: osloTimeOfDaySchema.optional(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

const meetingFieldsSchema = z.object({
  title: z.string().trim().min(3).max(200),
  /** The group that meets (most often the steering group). */
  groupId: idSchema,
  /** The day and times on the clocks in Oslo. */
  date: isoDateSchema,
  startTime: osloTimeOfDaySchema,
  endTime: osloTimeOfDaySchema.nullable().default(null),
  format: meetingFormats.schema,
  place: z.string().trim().min(2).max(300).nullable().default(null),
  videoUrl: z
    .url({ protocol: /^https$/ })
    .max(500)
    .nullable()
    .default(null),
  /** When documents are due; null: `governancePolicy.documentDeadlineDays` before the meeting. */
  documentDeadline: isoDateSchema.nullable().default(null),
  /** The cases in the order they are taken up. */
  agenda: z.array(agendaItemSchema).max(60).default([]),
});

type MeetingFields = z.infer<typeof meetingFieldsSchema>;

export function meetingRuleIssues(meeting: MeetingFields): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (meeting.format !== 'digital' && !meeting.place) issues.push({ path: 'place', message: 'Oppgi møtested for et fysisk møte' });
  if (meeting.endTime && meeting.endTime <= meeting.startTime) issues.push({ path: 'endTime', message: 'Møtet må slutte etter at det begynner' });
  if (meeting.documentDeadline && meeting.documentDeadline > meeting.date) {
    issues.push({ path: 'documentDeadline', message: 'Dokumentfristen kan ikke være etter møtet' });
  }
  issues.push(
    ...unique(
      meeting.agenda.map((item) => item.caseId),
      'agenda',
      'Saken står allerede på dagsordenen',
    ).map((issue) => ({ ...issue, path: `${issue.path}.caseId` })),
  );
  meeting.agenda.forEach((item, index) => {
    if (item.startTime && item.endTime && item.endTime <= item.startTime)
      issues.push({ path: `agenda.${index}.endTime`, message: 'Slutten må være etter starten' });
  });
  return issues;
}

/** POST /admin/meetings. */
export const meetingCreateSchema = meetingFieldsSchema.superRefine((meeting, ctx) => addIssues(ctx, meetingRuleIssues(meeting)));
export type MeetingCreate = z.infer<typeof meetingCreateSchema>;

/** PUT /admin/meetings/{id}: `documentDeadline: null` goes back to the default; the agenda is replaced as a whole. */
export const meetingUpdateSchema = editsOf(meetingFieldsSchema, ['endTime', 'place', 'videoUrl', 'documentDeadline']).extend({
  expectedRevision: z.number().int().positive(),
});
export type MeetingUpdate = z.infer<typeof meetingUpdateSchema>;

/** The stored meeting: `documentDeadline` is what the editor set (null for the default). */
export const storedMeetingSchema = meetingFieldsSchema.extend({
  id: z.string(),
  startsAt: isoDateTimeSchema,
  endsAt: isoDateTimeSchema.nullable(),
  ...bookkeeping,
});
export type StoredMeeting = z.infer<typeof storedMeetingSchema>;

/** The deadline that holds for a meeting: the one set, or the default before its day. */
export function meetingDocumentDeadline(meeting: Pick<MeetingFields, 'date' | 'documentDeadline'>): string {
  return meeting.documentDeadline ?? addDays(meeting.date, -governancePolicy.documentDeadlineDays);
}

/** A meeting as the API answers: the deadline in force and whether it is the default, and the agenda's cases by number and title. */
export const meetingSchema = storedMeetingSchema.extend({
  documentDeadline: isoDateSchema,
  documentDeadlineIsDefault: z.boolean(),
  agenda: z.array(agendaItemSchema.extend({ number: z.string(), title: z.string(), type: caseTypes.schema })),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingIdParamsSchema = z.object({ id: idSchema });

// ——— The decision register ———

/** Decided cases: those with a recorded outcome. */
export const decisionQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2099).optional(),
  productId: idSchema.optional(),
  outcome: caseOutcomes.schema.optional(),
  /** `csv` answers the register as CSV (as does Accept: text/csv). */
  format: z.enum(['json', 'csv']).optional(),
});
export type DecisionQuery = z.infer<typeof decisionQuerySchema>;

const linkedProductSchema = z.object({ id: z.string(), title: z.string(), slug: slugSchema });

export const decisionEntrySchema = caseSchema
  .pick({ id: true, number: true, year: true, type: true, title: true, proposal: true, decisionText: true, meetingId: true, productIds: true })
  .extend({
    outcome: caseOutcomes.schema,
    decidedOn: isoDateSchema,
    products: z.array(linkedProductSchema),
  });
export type DecisionEntry = z.infer<typeof decisionEntrySchema>;

/** GET /content/decisions: the register as the website shows it; products only once published. */
export const publicDecisionSchema = z.object({
  number: z.string(),
  title: z.string(),
  type: caseTypes.schema,
  outcome: caseOutcomes.schema,
  decidedOn: isoDateSchema,
  decisionText: z.string(),
  products: z.array(linkedProductSchema.omit({ id: true })),
});
export type PublicDecision = z.infer<typeof publicDecisionSchema>;

export const publicDecisionQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2099).optional() });
