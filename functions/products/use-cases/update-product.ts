import { applyEdits, osloDate, type Product, type ProductUpdate } from '../../../content-model';
import { changedFields, sameRichText, sameValue } from '../../shared/audit/changes';
import { ConflictError, StaleRevisionError, NotFoundError } from '../../shared/errors';
import { sanitizeRichText } from '../../shared/sanitize';
import { assertNewAttachmentsArePdfs } from '../attachment-check';
import { assertProductRules, dueDateFor } from '../domain';
import type { Actor } from '../../shared/actor';
import type { Platform } from '../../shared/platform';
import { assertRelatedProductsExist } from './related-products';

/**
 * Fields about who looks after a product and how often it is reviewed. Changing them does not
 * touch the published text, so they apply directly; every other field belongs to the working copy.
 */
const administrativeFields = new Set<keyof Product>(['owner', 'currentNeed', 'topicCategory', 'riskOrTechnology']);

export async function updateProduct(
  { store, files, clock }: Pick<Platform, 'store' | 'files' | 'clock'>,
  actor: Actor,
  id: string,
  update: ProductUpdate,
): Promise<Product> {
  const current = await store.products.get(id);
  if (!current) throw new NotFoundError('Produktet finnes ikke');
  if (current.revision !== update.expectedRevision) {
    throw new StaleRevisionError('Produktet');
  }
  if (current.status === 'retired') throw new ConflictError('Et sanert produkt kan ikke endres');

  const { expectedRevision, publisher, ...fields } = update;
  const body = fields.body === undefined ? current.body : sanitizeRichText(fields.body);
  const proposed: Product = {
    ...applyEdits(current, fields),
    publisher: publisher === null ? undefined : (publisher ?? current.publisher),
    // The same text as the editor re-serialised it is kept as stored: it is not a new version.
    body: sameRichText(body, current.body) ? current.body : body,
  };
  const changed = changedFields(current, proposed, Object.keys(proposed) as (keyof Product)[]);
  // A save that changes nothing writes nothing: no new revision, no history entry.
  if (changed.length === 0) return current;

  if (changed.includes('slug') && current.publishedVersion !== null) {
    throw new ConflictError('Adressen kan ikke endres etter at produktet er publisert', [{ path: 'slug', message: 'Adressen er låst etter publisering' }]);
  }
  assertProductRules(proposed);
  if (changed.includes('relatedProducts')) await assertRelatedProductsExist(store, proposed.relatedProducts);
  await assertNewAttachmentsArePdfs(files, current.attachments, proposed.attachments);

  const now = clock.now().toISOString();
  const editsWorkingCopy = changed.some((key) => !administrativeFields.has(key));
  const next: Product = {
    ...proposed,
    ...(editsWorkingCopy ? reopenWorkingCopy(current) : {}),
    revision: current.revision + 1,
    lastChangedAt: now,
    lastChangedBy: actor.username,
  };
  // The review interval depends on topic category and risk flag, so the due date follows them.
  next.nextEvaluationDue = current.publishedAt ? dueDateFor(next, osloDate(new Date(current.publishedAt))) : null;

  const published = current.publishedVersion !== null ? await store.published.get(id) : null;
  const publishedChanges = published && {
    topicCategory: next.topicCategory,
    riskOrTechnology: next.riskOrTechnology,
    nextEvaluationDue: next.nextEvaluationDue,
  };

  await store.transact([
    store.products.update(next, expectedRevision),
    ...(published && publishedChanges && !sameValue({ ...published, ...publishedChanges }, published)
      ? [store.published.put({ ...published, ...publishedChanges })]
      : []),
    ...(changed.includes('slug') ? [store.products.releaseSlug(current.slug, id), store.products.claimSlug(next.slug, id)] : []),
    store.audit.insert({
      entityType: 'product',
      entityId: id,
      at: now,
      by: actor.username,
      action: 'updated',
      changes: changed,
      version: next.workingVersion,
      revision: next.revision,
    }),
  ]);
  return next;
}

/**
 * A published version is immutable: editing it starts the next version as a draft beside it.
 * Editing an approved text withdraws the approval, since the decision was for the earlier text.
 */
function reopenWorkingCopy(current: Product): Partial<Product> {
  if (current.status === 'published') {
    return { status: 'draft', workingVersion: (current.publishedVersion ?? 0) + 1, decision: null };
  }
  if (current.status === 'approved') return { status: 'draft', decision: null };
  return {};
}
