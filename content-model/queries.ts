import { z } from 'zod';
import { governanceLevels, productStatuses, productTypes, targetGroups, themes, topicCategories } from './vocabularies';
import { isoDateSchema } from './product';

const levelParam = governanceLevels.schema.transform(Number).pipe(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]));

/** GET /admin/products and /admin/overview.csv: the document overview (chapter 7.1). */
export const overviewQuerySchema = z.object({
  level: levelParam.optional(),
  type: productTypes.schema.optional(),
  topicCategory: topicCategories.schema.optional(),
  status: productStatuses.schema.optional(),
  owner: z.email().optional(),
  theme: themes.schema.optional(),
  dueBefore: isoDateSchema.optional(),
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['title', 'lastChangedAt', 'downloadsTotal', 'nextEvaluationDue']).default('title'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(25),
});
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;

/** GET /content/products: the public list of published products. */
export const deliveryQuerySchema = z.object({
  type: productTypes.schema.optional(),
  theme: themes.schema.optional(),
  audience: targetGroups.schema.optional(),
  level: levelParam.optional(),
  q: z.string().trim().max(100).optional(),
  archive: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});
export type DeliveryQuery = z.infer<typeof deliveryQuerySchema>;

export const productIdParamsSchema = z.object({ id: z.string().min(1).max(64) });
export const slugParamsSchema = z.object({ slug: z.string().min(1).max(100) });

/** A numbered page of a list the API can count and sort (the document overview): `page` and `perPage`. */
export function paginated<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), perPage: z.number().int() });
}

/**
 * Where a cursor page starts: the table key of the last item of the page before, as DynamoDB's
 * ExclusiveStartKey takes it (attribute name to key text).
 */
export type PageKey = Record<string, string>;

const pageKeySchema = z.record(z.string(), z.string());

/** The cursor a client gets back: base64url of the key as JSON, opaque to the client. */
export function encodeCursor(key: PageKey): string {
  const binary = Array.from(new TextEncoder().encode(JSON.stringify(key)), (byte) => String.fromCharCode(byte)).join('');
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

const cursorSchema = z
  .string()
  .max(2048)
  .regex(/^[A-Za-z0-9_-]+$/, 'Ugyldig side-markør')
  .transform((cursor, context): PageKey => {
    try {
      const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
      const parsed = pageKeySchema.safeParse(JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)))));
      if (parsed.success) return parsed.data;
    } catch {
      // Falls through to the issue below: not base64url, or not JSON.
    }
    context.addIssue({ code: 'custom', message: 'Ugyldig side-markør' });
    return z.NEVER;
  });

export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 200;

/**
 * The one rule for lists that can grow (subscribers, campaigns, registrations): up to `limit`
 * matches from `cursor` on, in the list's own order; the answer's `nextCursor` fetches the rest.
 * Extend a list's filters with it: `filters.extend(cursorPageQuery.shape)`.
 */
export const cursorPageQuery = z.object({
  cursor: cursorSchema.optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX).default(PAGE_LIMIT_DEFAULT),
});
export type CursorPageQuery = z.infer<typeof cursorPageQuery>;

/** A cursor page of `item`s; `nextCursor` is null on the last page. */
export function cursorPaginated<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
export const productVersionParamsSchema = productIdParamsSchema.extend({ version: z.coerce.number().int().positive() });
