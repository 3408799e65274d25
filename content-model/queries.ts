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

export function paginated<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), perPage: z.number().int() });
}
export const productVersionParamsSchema = productIdParamsSchema.extend({ version: z.coerce.number().int().positive() });
