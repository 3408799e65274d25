import { z } from 'zod';
import { editsOf } from './edits';
import { addDays, addMonths, daysBetween } from './dates';
import { eventCountsSchema, eventSchema } from './events';
import { campaignSchema, requiredEmailSchema } from './newsletter';
import { evaluationSchema, isoDateSchema, isoDateTimeSchema, productSchema } from './product';
import { evaluationOutcomes, governanceLevelSchema, inputStatuses, jobNames, productStatuses, stakeholderGroups, type GovernanceLevel } from './vocabularies';

/** POST /admin/products/{id}/evaluations. */
export const evaluationRequestSchema = z.object({
  evaluatedOn: isoDateSchema,
  outcome: evaluationOutcomes.schema,
  note: z.string().trim().max(4000).default(''),
  expectedRevision: z.number().int().positive(),
});
export type EvaluationRequest = z.infer<typeof evaluationRequestSchema>;

/**
 * Consultation windows (governance model, local/seed-content/forvaltningsmodell.txt): level 1 is a broad consultation of three months (at least
 * six weeks); levels 2–3 four weeks (at least three). Level 4 has none.
 */
export const consultationPolicy = {
  1: { defaultMonths: 3, minimumDays: 42 },
  2: { defaultMonths: null, defaultDays: 28, minimumDays: 21 },
  3: { defaultMonths: null, defaultDays: 28, minimumDays: 21 },
} as const;
export type ConsultedLevel = keyof typeof consultationPolicy;
export const isConsultedLevel = (level: GovernanceLevel): level is ConsultedLevel => level !== 4;

export const defaultAudienceByLevel: Record<ConsultedLevel, string> = {
  1: 'Hele sektoren og sentrale aktører utenfor sektoren',
  2: 'Styringsgruppens medlemmer og utvalgte aktører',
  3: 'Styringsgruppens medlemmer, utvalgte aktører og utgiver',
};

const isJuly = (date: string) => date.slice(5, 7) === '07';

/** Days of the window (opensOn exclusive, closesOn inclusive) that count: July does not. */
export function countedDays(opensOn: string, closesOn: string): number {
  let counted = 0;
  for (let day = addDays(opensOn, 1); day <= closesOn; day = addDays(day, 1)) if (!isJuly(day)) counted += 1;
  return counted;
}

/**
 * The deadline of a window of `days` counted days: a window that overlaps July is extended by
 * the July days, because the steering group does not use July for approvals.
 */
export function julyAwareDeadline(opensOn: string, days: number): string {
  let day = opensOn;
  let remaining = days;
  while (remaining > 0) {
    day = addDays(day, 1);
    if (!isJuly(day)) remaining -= 1;
  }
  return day;
}

export function defaultConsultationDeadline(level: ConsultedLevel, opensOn: string): string {
  const policy = consultationPolicy[level];
  const days = 'defaultDays' in policy ? policy.defaultDays : daysBetween(opensOn, addMonths(opensOn, policy.defaultMonths));
  return julyAwareDeadline(opensOn, days);
}

export const consultationSchema = z.object({
  id: z.string(),
  productId: z.string(),
  productTitle: z.string(),
  productSlug: z.string(),
  level: governanceLevelSchema,
  /** The working version the consultation is about. */
  version: z.number().int().positive(),
  audience: z.string().trim().min(3).max(500),
  opensOn: isoDateSchema,
  closesOn: isoDateSchema,
  revision: z.number().int().positive(),
  createdAt: isoDateTimeSchema,
  createdBy: z.string(),
  inputCount: z.number().int().nonnegative().default(0),
  /** Set when the consultation was ended before its deadline: by the product's approval or retirement. */
  closedAt: isoDateTimeSchema.nullable().default(null),
  /** Why it was ended early, as recorded in the audit trail. */
  closedReason: z.string().max(500).nullable().default(null),
});
export type Consultation = z.infer<typeof consultationSchema>;

/** PUT /admin/consultations/{id}: move the deadline or change the audience. */
export const consultationUpdateSchema = editsOf(consultationSchema.pick({ audience: true, closesOn: true })).extend({
  expectedRevision: z.number().int().positive(),
});
export type ConsultationUpdate = z.infer<typeof consultationUpdateSchema>;

export const consultationStates = ['upcoming', 'open', 'closed'] as const;
/** Ended early (closedAt) or past its deadline is closed: it takes no input and is not shown as open. */
export function consultationState(consultation: Pick<Consultation, 'opensOn' | 'closesOn'> & { closedAt?: string | null }, today: string) {
  if (consultation.closedAt) return 'closed' as const;
  if (today < consultation.opensOn) return 'upcoming' as const;
  if (today > consultation.closesOn) return 'closed' as const;
  return 'open' as const;
}

/** The id used for input that is not about a consultation: a need for a new or changed product. */
export const GENERAL_INPUT = 'general';

/** POST /inputs, from the public form or as JSON. `website` is a honeypot that people leave empty. */
export const inputSubmissionSchema = z.object({
  consultationId: z.string().trim().min(1).max(64).default(GENERAL_INPUT),
  name: z.string().trim().min(2).max(120),
  email: requiredEmailSchema,
  organisation: z.string().trim().min(2).max(200),
  stakeholderGroup: stakeholderGroups.schema,
  text: z.string().trim().min(10).max(20_000),
  website: z.string().max(500).optional(),
});
export type InputSubmission = z.infer<typeof inputSubmissionSchema>;

export const stakeholderInputSchema = inputSubmissionSchema.omit({ website: true }).extend({
  id: z.string(),
  submittedAt: isoDateTimeSchema,
  status: inputStatuses.schema,
  reason: z.string().max(2000).nullable(),
  triagedAt: isoDateTimeSchema.nullable(),
  triagedBy: z.string().nullable(),
});
export type StakeholderInput = z.infer<typeof stakeholderInputSchema>;

export const notTakenNeedsReason = 'Begrunnelse må oppgis når innspillet ikke tas inn';

/**
 * PUT /admin/consultations/{id}/inputs/{inputId}: triage, or a corrected reason; null clears the
 * reason. "Not taken" needs a reason, checked again on the input as it would be stored.
 */
export const inputTriageSchema = editsOf(z.object({ status: inputStatuses.schema, reason: z.string().trim().max(2000) }), ['reason']).superRefine(
  (value, ctx) => {
    if (value.status === 'not-taken' && value.reason !== undefined && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: notTakenNeedsReason });
    }
  },
);
export type InputTriage = z.infer<typeof inputTriageSchema>;

export const jobRunSchema = z.object({
  job: jobNames.schema,
  runId: z.string(),
  trigger: z.enum(['schedule', 'manual']),
  triggeredBy: z.string().nullable(),
  startedAt: isoDateTimeSchema,
  finishedAt: isoDateTimeSchema.nullable(),
  status: z.enum(['running', 'succeeded', 'failed']),
  counts: z.record(z.string(), z.number().int()),
  errors: z.array(z.string()),
});
export type JobRun = z.infer<typeof jobRunSchema>;

export const jobHealthSchema = z.object({
  job: jobNames.schema,
  label: z.string(),
  schedule: z.string(),
  /** ok: last run succeeded on time; failed: last run failed; missed: no run within the expected interval. */
  health: z.enum(['ok', 'failed', 'missed', 'never-run']),
  lastRun: jobRunSchema.nullable(),
  recentRuns: z.array(jobRunSchema),
  /** What went wrong lately, so no failure is only a log line: failed runs and emails the job still has to send again. */
  failures: z.object({
    /** Failed runs among `recentRuns`. */
    failedRuns: z.number().int().nonnegative(),
    /** The newest errors of those runs, newest first. */
    latestErrors: z.array(z.object({ at: isoDateTimeSchema, message: z.string() })),
    /** Emails that failed and wait for this job to send them again. */
    emailsAwaitingRetry: z.number().int().nonnegative(),
    /** The newest of those, newest first (subject, not the address). */
    latestEmailErrors: z.array(z.object({ at: isoDateTimeSchema, subject: z.string(), attempts: z.number().int(), message: z.string() })),
  }),
});
export type JobHealth = z.infer<typeof jobHealthSchema>;

/** One line of the priority report for next year's action plan, with every factor shown. */
export const priorityRowSchema = z.object({
  product: productSchema.pick({
    id: true,
    slug: true,
    title: true,
    type: true,
    level: true,
    topicCategory: true,
    status: true,
    owner: true,
    nextEvaluationDue: true,
    lastEvaluationOutcome: true,
  }),
  reason: z.enum(['revision-needed', 'due-within-year']),
  coreTopic: z.boolean(),
  currentNeed: z.boolean(),
  downloadsLast12Months: z.number().int().nonnegative(),
  lastChangedOn: isoDateSchema,
  daysSinceLastChange: z.number().int().nonnegative(),
});
export type PriorityRow = z.infer<typeof priorityRowSchema>;

export const dashboardSchema = z.object({
  today: isoDateSchema,
  byLevel: z.array(
    z.object({
      level: governanceLevelSchema,
      total: z.number().int(),
      byStatus: z.record(productStatuses.schema, z.number().int()),
      overdue: z.number().int(),
      dueWithin60Days: z.number().int(),
    }),
  ),
  attention: z.array(
    z.object({
      product: productSchema.pick({
        id: true,
        slug: true,
        title: true,
        level: true,
        status: true,
        owner: true,
        nextEvaluationDue: true,
        notCurrentReason: true,
        lastEvaluationOutcome: true,
      }),
      why: z.enum(['overdue', 'due-this-month', 'outdated', 'revision-needed']),
    }),
  ),
  openConsultations: z.array(consultationSchema),
  /** Open consultations whose deadline is within the horizon (DASHBOARD_HORIZON_DAYS), soonest first. */
  closingConsultations: z.array(consultationSchema),
  /** Input still "Ny", one row per place it is triaged (a consultation, or GENERAL_INPUT), the longest waiting first. */
  newInputs: z.array(
    z.object({
      consultationId: z.string(),
      /** The product a consultation is about; null for the general input. */
      productTitle: z.string().nullable(),
      count: z.number().int().positive(),
      oldestSubmittedAt: isoDateTimeSchema,
    }),
  ),
  /**
   * The secretariat's work, for editors and admins only (null for the committee, whose role does not
   * reach the newsletter, the events' participants or the jobs).
   */
  secretariat: z
    .object({
      /** Drafts and scheduled issues: scheduled ones first, by send time, then drafts by last change. */
      campaigns: z.array(campaignSchema.pick({ id: true, subject: true, status: true, scheduledAt: true, lastChangedAt: true })),
      /** Events starting from today to the horizon, not cancelled, soonest first, with their seats and waitlists. */
      events: z.array(eventSchema.pick({ id: true, title: true, status: true, startsAt: true, endsAt: true }).extend({ counts: eventCountsSchema })),
      /** Jobs whose latest run failed, with that run's time and first error. */
      failedJobs: z.array(
        z.object({
          job: jobNames.schema,
          failedAt: isoDateTimeSchema,
          error: z.string().nullable(),
          /** Failed runs among the job's recent runs (as on the jobs page). */
          recentFailures: z.number().int().positive(),
        }),
      ),
    })
    .nullable(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

/** How far ahead the dashboard looks for consultations closing and events starting. */
export const DASHBOARD_HORIZON_DAYS = 14;

export const consultationIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
/** GET /inputs: the form, optionally with a consultation chosen. */
export const inputFormQuerySchema = z.object({ consultationId: z.string().max(64).optional() });

export const inputParamsSchema = consultationIdParamsSchema.extend({ inputId: z.string().min(1).max(64) });
export const jobParamsSchema = z.object({ job: jobNames.schema });
/** POST /admin/jobs/{job}/runs?dryRun=true: what running the job now would do, for the admin to confirm first. */
export const jobRunQuerySchema = z.object({ dryRun: z.enum(['true', 'false']).optional() });

/**
 * What a job would do if run now, worked out without writing or sending anything: who would get
 * an email, and which products would be marked not current.
 */
export const jobPreviewSchema = z.object({
  job: jobNames.schema,
  /** People who would get an email, each counted once. */
  recipients: z.number().int().nonnegative(),
  /** Products the run would mark not current (the review check). */
  becomeNotCurrent: z.array(z.object({ id: z.string(), title: z.string() })),
  /** The run's other effects, as sentences for the admin. */
  effects: z.array(z.string()),
});
export type JobPreview = z.infer<typeof jobPreviewSchema>;
export type JobEffects = Omit<JobPreview, 'job'>;

export const evaluationResultSchema = z.object({
  product: productSchema,
  evaluation: evaluationSchema,
  /** "retire" when the evaluation found the product no longer relevant. */
  proposal: z.enum(['retire']).nullable(),
});

/** GET /content/consultations: what the website shows of open consultations. */
export const openConsultationsSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      productSlug: z.string(),
      title: z.string(),
      level: governanceLevelSchema,
      audience: z.string(),
      opensOn: isoDateSchema,
      closesOn: isoDateSchema,
      summary: z.string(),
      draftBody: z.string(),
      submitInputUrl: z.string(),
    }),
  ),
});

/**
 * What the jobs function is invoked with: `{ job }` by EventBridge Scheduler (and the local
 * scheduler), plus `runBy` when an admin runs the job now from the CMS.
 */
export const jobInvocationSchema = z.object({
  job: jobNames.schema,
  runBy: z.string().min(1).optional(),
  /** Only work out what the run would do: nothing is written, recorded or sent. */
  dryRun: z.boolean().optional(),
});
export type JobInvocation = z.infer<typeof jobInvocationSchema>;
