import { z } from 'zod';
import { editsOf } from './edits';
import {
  currencies,
  evaluationOutcomes,
  governanceLevelSchema,
  notCurrentReasons,
  productStatuses,
  productTypes,
  targetGroups,
  themes,
  topicCategories,
} from './vocabularies';

export const isoDateSchema = z.iso.date();
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

export const slugSchema = z
  .string()
  .min(3)
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Kun små bokstaver a–z, tall og bindestrek');

export const personSchema = z.object({
  name: z.string().trim().min(2).max(120),
  email: z.email().max(254),
});
export type Person = z.infer<typeof personSchema>;

/**
 * A steering-group decision as a product carries it: the case number in the decision register
 * ("06/25": sequence / two-digit year), the day it was decided, and the case's id (content-model/
 * governance.ts). Products approved before the register existed have no `caseId`.
 */
export const decisionSchema = z.object({
  reference: z.string().regex(/^\d{2,3}\/\d{2}$/, 'Vedtaksreferanse på formen 06/25'),
  date: isoDateSchema,
  caseId: z.string().optional(),
});
export type Decision = z.infer<typeof decisionSchema>;

/** The largest PDF an editor may upload; the upload policy and the check after upload both hold to it. */
export const maxAttachmentBytes = 50 * 1024 * 1024;

export const attachmentSchema = z.object({
  key: z.string().regex(/^products\/[\w-]+\/[\w.-]+$/, 'Ugyldig filnøkkel'),
  fileName: z.string().min(1).max(200),
  contentType: z.literal('application/pdf'),
  size: z.number().int().positive().max(maxAttachmentBytes),
});
export type Attachment = z.infer<typeof attachmentSchema>;

export const legalReferenceSchema = z.object({
  title: z.string().trim().min(2).max(200),
  url: z.url({ protocol: /^https?$/ }).optional(),
});

/** The versioned part of a product: what a published version freezes. */
export const productContentSchema = z.object({
  title: z.string().trim().min(3).max(200),
  summary: z.string().trim().max(1000).default(''),
  /** Rich text as HTML; sanitised on save. */
  body: z.string().max(500_000).default(''),
  attachments: z.array(attachmentSchema).max(10).default([]),
  legalReferences: z.array(legalReferenceSchema).max(50).default([]),
  relatedProducts: z.array(slugSchema).max(20).default([]),
});

/** Classification and ownership: what the document overview filters and sorts on. */
export const productMetadataSchema = z.object({
  slug: slugSchema,
  type: productTypes.schema,
  level: governanceLevelSchema,
  topicCategory: topicCategories.schema,
  riskOrTechnology: z.boolean().default(false),
  themes: z.array(themes.schema).max(12).default([]),
  targetGroups: z.array(targetGroups.schema).max(12).default([]),
  owner: personSchema,
  /** Who issued a level-3 document (e.g. NSM, Datatilsynet). */
  publisher: z.string().trim().min(2).max(200).optional(),
  /** Editor-flagged "current need", a priority factor for the action plan. */
  currentNeed: z.boolean().default(false),
});

const productFieldsSchema = productMetadataSchema.extend(productContentSchema.shape);

function requirePublisherForLevel3(value: { level?: number | undefined; publisher?: string | undefined }, ctx: z.RefinementCtx): void {
  if (value.level === 3 && !value.publisher) {
    ctx.addIssue({ code: 'custom', path: ['publisher'], message: 'Utgiver må oppgis for nivå 3-dokumenter' });
  }
}

/** POST /admin/products. Slug and level may be left out: they default from title and type. */
export const productCreateSchema = productFieldsSchema
  .extend({
    slug: slugSchema.optional(),
    level: governanceLevelSchema.optional(),
    status: z.enum(['planned', 'draft']).default('draft'),
  })
  .superRefine(requirePublisherForLevel3);
export type ProductCreate = z.infer<typeof productCreateSchema>;

/**
 * PUT /admin/products/{id}: a partial edit guarded by the revision the editor last saw. A removed
 * publisher is sent as null; the level-3 rule is checked again on the product as it would be stored.
 */
export const productUpdateSchema = editsOf(productFieldsSchema, ['publisher'])
  .extend({ expectedRevision: z.number().int().positive() })
  .superRefine((value, ctx) => {
    if (value.level === 3 && value.publisher === null) requirePublisherForLevel3({ level: 3 }, ctx);
  });
export type ProductUpdate = z.infer<typeof productUpdateSchema>;

/** The stored head of a product: its working copy plus lifecycle and overview facts. */
export const productSchema = productFieldsSchema.extend({
  id: z.string(),
  status: productStatuses.schema,
  /** Version number of the working copy (equals publishedVersion when nothing is drafted). */
  workingVersion: z.number().int().positive(),
  publishedVersion: z.number().int().positive().nullable(),
  /** Optimistic-locking counter; every edit must name the revision it was based on. */
  revision: z.number().int().positive(),
  decision: decisionSchema.nullable(),
  createdAt: isoDateTimeSchema,
  createdBy: z.string(),
  lastChangedAt: isoDateTimeSchema,
  lastChangedBy: z.string(),
  publishedAt: isoDateTimeSchema.nullable(),
  lastEvaluatedAt: isoDateSchema.nullable(),
  nextEvaluationDue: isoDateSchema.nullable(),
  lastEvaluationOutcome: evaluationOutcomes.schema.nullable().default(null),
  /** Set by the review check (overdue) or an evaluation (outdated); cleared by the next evaluation. */
  notCurrentReason: notCurrentReasons.schema.nullable().default(null),
  downloadsTotal: z.number().int().nonnegative(),
});
export type Product = z.infer<typeof productSchema>;

/** An immutable published version, kept in the history when the next one replaces it. */
export const productVersionSchema = productFieldsSchema.extend({
  productId: z.string(),
  version: z.number().int().positive(),
  decision: decisionSchema.nullable(),
  publishedAt: isoDateTimeSchema,
  publishedBy: z.string(),
});
export type ProductVersion = z.infer<typeof productVersionSchema>;

export const evaluationSchema = z.object({
  productId: z.string(),
  id: z.string(),
  /** The published version that was evaluated. */
  version: z.number().int().positive(),
  evaluatedOn: isoDateSchema,
  evaluatedBy: z.string(),
  outcome: evaluationOutcomes.schema,
  note: z.string().max(4000).default(''),
  recordedAt: isoDateTimeSchema,
});
export type Evaluation = z.infer<typeof evaluationSchema>;

/** Options when sending a product to consultation; left out, the defaults by level apply. */
export const consultationOptionsSchema = z.object({
  audience: z.string().trim().min(3).max(500).optional(),
  opensOn: isoDateSchema.optional(),
  closesOn: isoDateSchema.optional(),
});
export type ConsultationOptions = z.infer<typeof consultationOptionsSchema>;

/** Ending a consultation before its deadline, with the reason recorded in the audit trail. */
export const closeConsultationSchema = z.object({ reason: z.string().trim().min(3).max(500) });
export type CloseConsultation = z.infer<typeof closeConsultationSchema>;

/** Lifecycle actions an editor can take (chapter 8). */
export const transitionSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('send-to-consultation'),
    expectedRevision: z.number().int().positive(),
    consultation: consultationOptionsSchema.optional(),
  }),
  z.object({ action: z.literal('return-to-draft'), expectedRevision: z.number().int().positive() }),
  z.object({
    action: z.literal('approve'),
    expectedRevision: z.number().int().positive(),
    /**
     * The case in the decision register that approved the product: its number ("06/25") or id
     * ("2025-06"). It must be adopted (vedtatt) and name the product; the decision's date is the case's.
     */
    case: z.string().trim().min(1, 'Oppgi saksnummeret på formen 06/25').max(20),
    /** Approving ends a consultation still open; the editor must say so, with the reason recorded. */
    closeConsultation: closeConsultationSchema.optional(),
  }),
  z.object({ action: z.literal('publish'), expectedRevision: z.number().int().positive() }),
  z.object({ action: z.literal('retire'), expectedRevision: z.number().int().positive() }),
]);
export type Transition = z.infer<typeof transitionSchema>;
export type TransitionAction = Transition['action'];

export const auditRecordSchema = z.object({
  entityType: z.enum(['product', 'consultation', 'subscriber', 'campaign', 'event', 'user', 'group', 'meeting', 'case']),
  entityId: z.string(),
  at: isoDateTimeSchema,
  by: z.string(),
  action: z.string(),
  /** Names of the fields that changed, or the transition taken. */
  changes: z.array(z.string()).default([]),
  version: z.number().int().positive().optional(),
  /** The entity's revision after the change; orders records written in the same millisecond. */
  revision: z.number().int().positive(),
  note: z.string().optional(),
});
export type AuditRecord = z.infer<typeof auditRecordSchema>;

export const uploadRequestSchema = z.object({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/\.pdf$/i, 'Kun PDF-filer'),
  contentType: z.literal('application/pdf'),
  size: z.number().int().positive().max(maxAttachmentBytes),
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

/**
 * A presigned POST: the browser sends `fields` and then the file (last, as `file`) as multipart form
 * data to `url`. The policy fixes the key and Content-Type and allows exactly the declared size.
 */
export const uploadTicketSchema = z.object({
  url: z.url(),
  fields: z.record(z.string(), z.string()),
  attachment: attachmentSchema,
  expiresInSeconds: z.number().int(),
});

/** The public view of a published product, as the delivery API serves it. */
export const deliveredProductSchema = z.object({
  slug: slugSchema,
  type: productTypes.schema,
  level: governanceLevelSchema,
  topicCategory: topicCategories.schema,
  themes: z.array(themes.schema),
  targetGroups: z.array(targetGroups.schema),
  publisher: z.string().optional(),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  version: z.number().int().positive(),
  publishedAt: isoDateTimeSchema,
  decision: decisionSchema.nullable(),
  nextEvaluationDue: isoDateSchema.nullable(),
  currency: currencies.schema,
  notCurrentReason: notCurrentReasons.schema.nullable(),
  legalReferences: z.array(legalReferenceSchema),
  relatedProducts: z.array(slugSchema),
  attachments: z.array(z.object({ fileName: z.string(), size: z.number(), downloadUrl: z.string() })),
});
export type DeliveredProduct = z.infer<typeof deliveredProductSchema>;
export const deliveredProductSummarySchema = deliveredProductSchema.omit({ body: true });

/** GET /admin/products/{id}/history: published versions (newest first) and every recorded change. */
export const productHistorySchema = z.object({
  versions: z.array(productVersionSchema.pick({ version: true, title: true, publishedAt: true, publishedBy: true, decision: true })),
  audit: z.array(auditRecordSchema),
});
export type ProductHistory = z.infer<typeof productHistorySchema>;

/**
 * The delivery projection of a product: its published version without the body, plus what decides
 * its currency. Stored beside the product so the public list is one query.
 */
export const publishedProductSchema = productVersionSchema.omit({ body: true, owner: true, currentNeed: true }).extend({
  nextEvaluationDue: isoDateSchema.nullable(),
  notCurrentReason: notCurrentReasons.schema.nullable().default(null),
  retiredAt: isoDateTimeSchema.nullable(),
});
export type PublishedProduct = z.infer<typeof publishedProductSchema>;

/** A steering-group decision as recorded on a product version. */
export const recordedDecisionSchema = decisionSchema.extend({
  productId: z.string(),
  version: z.number().int().positive(),
  recordedAt: isoDateTimeSchema,
  recordedBy: z.string(),
});
export type RecordedDecision = z.infer<typeof recordedDecisionSchema>;

/** Downloads of a product in one Oslo month (YYYY-MM). */
export const monthlyDownloadsSchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), downloads: z.number().int().nonnegative() });
export type MonthlyDownloads = z.infer<typeof monthlyDownloadsSchema>;
