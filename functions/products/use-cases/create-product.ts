import { randomUUID } from 'node:crypto';
import { defaultLevelByType, slugify, type Product, type ProductCreate } from '../../../content-model';
import { sanitizeRichText } from '../../shared/sanitize';
import { ValidationError } from '../../shared/errors';
import { assertProductRules } from '../domain';
import type { Actor } from '../../shared/actor';
import type { Platform } from '../../shared/platform';
import { assertRelatedProductsExist } from './related-products';

export async function createProduct({ store, clock }: Pick<Platform, 'store' | 'clock'>, actor: Actor, input: ProductCreate): Promise<Product> {
  const now = clock.now().toISOString();
  const slug = input.slug ?? slugify(input.title);
  if (slug.length < 3) throw ValidationError.field('slug', 'Kunne ikke lage adresse av tittelen; oppgi en adresse');
  const product: Product = {
    ...input,
    id: randomUUID(),
    slug,
    level: input.level ?? defaultLevelByType[input.type],
    body: sanitizeRichText(input.body),
    workingVersion: 1,
    publishedVersion: null,
    revision: 1,
    decision: null,
    createdAt: now,
    createdBy: actor.username,
    lastChangedAt: now,
    lastChangedBy: actor.username,
    publishedAt: null,
    lastEvaluatedAt: null,
    nextEvaluationDue: null,
    lastEvaluationOutcome: null,
    notCurrentReason: null,
    downloadsTotal: 0,
  };
  assertProductRules(product);
  await assertRelatedProductsExist(store, product.relatedProducts);
  await store.transact([
    store.products.claimSlug(product.slug, product.id),
    store.products.insert(product),
    store.audit.insert({ entityType: 'product', entityId: product.id, at: now, by: actor.username, action: 'created', changes: [], version: 1, revision: 1 }),
  ]);
  return product;
}
