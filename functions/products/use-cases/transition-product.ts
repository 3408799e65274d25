import { osloDate, type Product, type Transition, type TransitionAction } from '../../../content-model';
import type { TransactionStep } from '../../shared/db/client';
import { ConflictError, NotFoundError } from '../../shared/errors';
import { dueDateFor, publishedProjection, versionSnapshot } from '../domain';
import { newConsultation } from '../../consultations/use-cases';
import type { Actor, ProductDependencies } from './dependencies';

/**
 * The lifecycle (governance model chapter 8). Levels 1–3 go through consultation and a
 * steering-group decision before publication; level 4 is internal and publishes straight away.
 */
function assertAllowed(product: Product, action: TransitionAction): void {
  const needsDecision = product.level !== 4;
  const refuse = (message: string) => {
    throw new ConflictError(message);
  };
  switch (action) {
    case 'send-to-consultation':
      if (!needsDecision) refuse('Nivå 4-produkter sendes ikke på høring');
      if (product.status !== 'draft' && product.status !== 'planned') refuse('Bare utkast kan sendes på høring');
      return;
    case 'return-to-draft':
      if (product.status !== 'consultation' && product.status !== 'approved') refuse('Produktet er ikke på høring eller vedtatt');
      return;
    case 'approve':
      if (!needsDecision) refuse('Nivå 4-produkter vedtas ikke av Styringsgruppen');
      if (product.status !== 'consultation') refuse('Produktet må ha vært på høring før vedtak');
      return;
    case 'publish':
      if (needsDecision && product.status !== 'approved') refuse('Produktet må være vedtatt av Styringsgruppen før publisering');
      if (!needsDecision && product.status !== 'draft' && product.status !== 'planned') refuse('Bare utkast kan publiseres');
      return;
    case 'retire':
      if (product.publishedVersion === null) refuse('Bare publiserte produkter kan saneres');
      if (product.status === 'retired') refuse('Produktet er allerede sanert');
      return;
  }
}

export async function transitionProduct(
  { store, clock }: Pick<ProductDependencies, 'store' | 'clock'>,
  actor: Actor,
  id: string,
  transition: Transition,
): Promise<Product> {
  const current = await store.products.get(id);
  if (!current) throw new NotFoundError('Produktet finnes ikke');
  if (current.revision !== transition.expectedRevision) {
    throw new ConflictError('Produktet er endret av noen andre siden du åpnet det. Last inn på nytt.');
  }
  assertAllowed(current, transition.action);

  const now = clock.now();
  const at = now.toISOString();
  const changed = { revision: current.revision + 1, lastChangedAt: at, lastChangedBy: actor.username };
  const steps: TransactionStep[] = [];
  let next: Product;

  switch (transition.action) {
    case 'send-to-consultation':
      next = { ...current, ...changed, status: 'consultation' };
      steps.push(store.consultations.insert(newConsultation(current, transition.consultation ?? {}, actor, now)));
      break;
    case 'return-to-draft':
      next = { ...current, ...changed, status: 'draft', decision: null };
      break;
    case 'approve':
      next = { ...current, ...changed, status: 'approved', decision: transition.decision };
      steps.push(
        store.decisions.insert({ ...transition.decision, productId: id, version: current.workingVersion, recordedAt: at, recordedBy: actor.username }),
      );
      break;
    case 'publish': {
      const publishedOn = osloDate(now);
      // A new version starts a fresh review cycle: earlier evaluation outcomes were about the old text.
      next = { ...current, ...changed, status: 'published', publishedVersion: current.workingVersion, publishedAt: at, lastEvaluationOutcome: null, notCurrentReason: null };
      next.nextEvaluationDue = dueDateFor(next, publishedOn);
      const version = versionSnapshot(next, at, actor.username);
      steps.push(
        store.versions.insert(version),
        store.published.put(publishedProjection(version, { nextEvaluationDue: next.nextEvaluationDue, notCurrentReason: null, retiredAt: null })),
      );
      break;
    }
    case 'retire': {
      next = { ...current, ...changed, status: 'retired', nextEvaluationDue: null };
      const published = await store.published.get(id);
      if (published) steps.push(store.published.put({ ...published, nextEvaluationDue: null, notCurrentReason: null, retiredAt: at }));
      break;
    }
  }

  await store.transact([
    store.products.update(next, transition.expectedRevision),
    ...steps,
    store.audit.insert({
      entityType: 'product',
      entityId: id,
      at,
      by: actor.username,
      action: transition.action,
      changes: ['status'],
      version: next.workingVersion,
      revision: next.revision,
      ...(transition.action === 'approve' ? { note: `Vedtak ${transition.decision.reference} (${transition.decision.date})` } : {}),
    }),
  ]);
  return next;
}
