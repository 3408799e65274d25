import { z } from 'zod';
import { editsOf } from './edits';
import { isoDateTimeSchema } from './product';
import { cursorPageQuery } from './queries';
import { campaignStatuses, recipientSendStatuses, interests, subscriberStatuses } from './vocabularies';

/** A form sends one value per checked box: one string, several, or none. */
const interestList = z.preprocess(
  (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
  z.array(interests.schema).max(interests.codes.length),
);

/** What every public form says at an email field left empty, rather than calling the address invalid. */
export const missingEmailMessage = 'Fyll inn e-post';

/** A required email field of a public form: missing or blank is asked for; anything else must be an address. */
export const requiredEmailSchema = z
  .email({ error: (issue) => (issue.input === undefined || (typeof issue.input === 'string' && issue.input.trim() === '') ? missingEmailMessage : undefined) })
  .max(254);

export const emailSchema = requiredEmailSchema.transform((email) => email.trim().toLowerCase());

/** POST /newsletter/subscriptions (JSON or form). `website` is a honeypot people leave empty. */
export const subscriptionRequestSchema = z.object({
  email: emailSchema,
  interests: interestList.default([]),
  website: z.string().max(500).optional(),
});
export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;

/** POST /newsletter/preferences?token=…: the whole new set of interests. */
export const preferencesUpdateSchema = z.object({ interests: interestList.default([]) });
export type PreferencesUpdate = z.infer<typeof preferencesUpdateSchema>;

export const tokenQuerySchema = z.object({ token: z.string().min(10).max(2000) });

export const subscriberSchema = z.object({
  id: z.string(),
  email: z.string(),
  interests: z.array(interests.schema),
  status: subscriberStatuses.schema,
  createdAt: isoDateTimeSchema,
  confirmedAt: isoDateTimeSchema.nullable(),
  unsubscribedAt: isoDateTimeSchema.nullable(),
  suppressedReason: z.string().nullable(),
  /** Consecutive soft bounces; enough of them suppress the address. */
  softBounces: z.number().int().nonnegative(),
  /**
   * Set by each sign-up that asks for confirmation and named in its link's token; the confirmation
   * removes it, so a confirm link works once and an older one stops working when a new one is sent.
   */
  confirmationNonce: z.string().min(1).optional(),
  revision: z.number().int().positive(),
});
export type Subscriber = z.infer<typeof subscriberSchema>;

/** GET /admin/subscribers and /admin/subscribers.csv. */
export const subscriberQuerySchema = z.object({
  q: z.string().trim().max(254).optional(),
  status: subscriberStatuses.schema.optional(),
  interest: interests.schema.optional(),
});
export type SubscriberQuery = z.infer<typeof subscriberQuerySchema>;
/** GET /admin/subscribers: the filters, a page at a time, by address. */
export const subscriberPageQuerySchema = subscriberQuerySchema.extend(cursorPageQuery.shape);
export type SubscriberPageQuery = z.infer<typeof subscriberPageQuerySchema>;

export const subscriberIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** GET /admin/campaigns: the issues, newest first, a page at a time, optionally of one status. */
export const campaignPageQuerySchema = z.object({ status: campaignStatuses.schema.optional() }).extend(cursorPageQuery.shape);
export type CampaignPageQuery = z.infer<typeof campaignPageQuerySchema>;

/** POST /admin/campaigns: an issue of the newsletter. No interests = general news to everyone. */
export const campaignInputSchema = z.object({
  subject: z.string().trim().min(3).max(200),
  /** Rich text as HTML; sanitised on save. */
  body: z.string().min(1).max(200_000),
  interests: z.array(interests.schema).max(interests.codes.length).default([]),
  linkedProducts: z.array(z.string().min(1).max(100)).max(20).default([]),
});
export type CampaignInput = z.infer<typeof campaignInputSchema>;

/** PUT /admin/campaigns/{id}: what changed; left out, a field (interests above all) stays as it is. */
export const campaignUpdateSchema = editsOf(campaignInputSchema).extend({ expectedRevision: z.number().int().positive() });
export type CampaignUpdate = z.infer<typeof campaignUpdateSchema>;

/** POST /admin/campaigns/{id}/send: now, or at `scheduledAt`. */
export const campaignSendSchema = z.object({
  expectedRevision: z.number().int().positive(),
  scheduledAt: isoDateTimeSchema.optional(),
});
export type CampaignSend = z.infer<typeof campaignSendSchema>;

export const campaignProgressSchema = z.object({
  recipients: z.number().int().nonnegative(),
  sent: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  bounced: z.number().int().nonnegative(),
  complained: z.number().int().nonnegative(),
});
export type CampaignProgress = z.infer<typeof campaignProgressSchema>;

export const campaignSchema = campaignInputSchema.extend({
  id: z.string(),
  status: campaignStatuses.schema,
  scheduledAt: isoDateTimeSchema.nullable(),
  preparedAt: isoDateTimeSchema.nullable(),
  sentAt: isoDateTimeSchema.nullable(),
  createdAt: isoDateTimeSchema,
  createdBy: z.string(),
  lastChangedAt: isoDateTimeSchema,
  lastChangedBy: z.string(),
  revision: z.number().int().positive(),
  progress: campaignProgressSchema,
});
export type Campaign = z.infer<typeof campaignSchema>;

/** One recipient of one campaign: the record that makes a resumed send skip nobody and repeat nobody. */
export const recipientSendSchema = z.object({
  campaignId: z.string(),
  subscriberId: z.string(),
  email: z.string(),
  status: recipientSendStatuses.schema,
  attempts: z.number().int().nonnegative(),
  claimedAt: isoDateTimeSchema.nullable(),
  sentAt: isoDateTimeSchema.nullable(),
  messageId: z.string().nullable(),
  error: z.string().nullable(),
});
export type RecipientSend = z.infer<typeof recipientSendSchema>;

export const campaignIdParamsSchema = z.object({ id: z.string().min(1).max(64) });

/** The public archive of sent issues. */
export const archivedNewsletterSchema = z.object({
  id: z.string(),
  subject: z.string(),
  sentAt: isoDateTimeSchema,
  interests: z.array(interests.schema),
  body: z.string(),
});
export const archivedNewsletterSummarySchema = archivedNewsletterSchema.omit({ body: true });
