import { formatOsloDate, osloDate, type Evaluation, type EvaluationRequest, type Product } from '../../content-model';
import { ConflictError, StaleRevisionError, NotFoundError, ValidationError } from '../shared/errors';
import { timeOrderedId } from '../shared/ids';
import type { Actor } from '../shared/actor';
import { dueDateFor } from '../products/domain';
import type { Platform } from '../shared/platform';

/**
 * Records an evaluation (governance model chapter 8): the next due date counts from it, and the
 * outcome decides whether the product is still delivered as current. "No longer relevant" makes it
 * not current and proposes retirement; "revision needed" puts it on next year's priority report.
 */
export async function recordEvaluation(
  { store, clock }: Pick<Platform, 'store' | 'clock'>,
  actor: Actor,
  productId: string,
  request: EvaluationRequest,
): Promise<{ product: Product; evaluation: Evaluation; proposal: 'retire' | null }> {
  const current = await store.products.get(productId);
  if (!current) throw new NotFoundError('Produktet finnes ikke');
  if (current.revision !== request.expectedRevision) {
    throw new StaleRevisionError('Produktet');
  }
  if (current.publishedVersion === null || current.status === 'retired') {
    throw new ConflictError('Bare publiserte produkter som ikke er sanert, kan evalueres');
  }
  const now = clock.now();
  const today = osloDate(now);
  if (request.evaluatedOn > today) throw ValidationError.field('evaluatedOn', 'Evalueringsdatoen kan ikke være fram i tid');
  const publishedOn = current.publishedAt ? osloDate(new Date(current.publishedAt)) : today;
  if (request.evaluatedOn < publishedOn) {
    throw ValidationError.field('evaluatedOn', `Evalueringen kan ikke være før publiseringen (${formatOsloDate(publishedOn)})`);
  }

  const at = now.toISOString();
  const evaluation: Evaluation = {
    productId,
    id: timeOrderedId(now),
    version: current.publishedVersion,
    evaluatedOn: request.evaluatedOn,
    evaluatedBy: actor.username,
    outcome: request.outcome,
    note: request.note,
    recordedAt: at,
  };
  const evaluated: Product = { ...current, lastEvaluatedAt: request.evaluatedOn };
  const next: Product = {
    ...evaluated,
    nextEvaluationDue: dueDateFor(evaluated, publishedOn),
    lastEvaluationOutcome: request.outcome,
    notCurrentReason: request.outcome === 'no-longer-relevant' ? 'outdated' : null,
    // Not lastChangedAt: an evaluation changes no text, and "time since last change" is a priority factor.
    revision: current.revision + 1,
  };
  const published = await store.published.get(productId);
  await store.transact([
    store.products.update(next, request.expectedRevision),
    store.evaluations.insert(evaluation),
    ...(published ? [store.published.put({ ...published, nextEvaluationDue: next.nextEvaluationDue, notCurrentReason: next.notCurrentReason })] : []),
    store.audit.insert({
      entityType: 'product',
      entityId: productId,
      at,
      by: actor.username,
      action: 'evaluated',
      changes: ['lastEvaluatedAt', 'nextEvaluationDue', 'notCurrentReason'],
      version: current.publishedVersion,
      revision: next.revision,
      note: request.note || undefined,
    }),
  ]);
  return { product: next, evaluation, proposal: request.outcome === 'no-longer-relevant' ? 'retire' : null };
}

/** Evaluations of a product, newest first. */
export async function listEvaluations({ store }: Pick<Platform, 'store'>, productId: string): Promise<{ items: Evaluation[] }> {
  if (!(await store.products.get(productId))) throw new NotFoundError('Produktet finnes ikke');
  return { items: (await store.evaluations.list(productId)).reverse() };
}
