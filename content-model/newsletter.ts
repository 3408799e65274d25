import { z } from 'zod';
import { isoDateTimeSchema } from './product';
import { interests, subscriberStatuses } from './vocabularies';

/** A form sends one value per checked box: one string, several, or none. */
const interestList = z.preprocess(
  (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]),
  z.array(interests.schema).max(interests.codes.length),
);

export const emailSchema = z
  .email()
  .max(254)
  .transform((email) => email.trim().toLowerCase());

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

export const subscriberIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
