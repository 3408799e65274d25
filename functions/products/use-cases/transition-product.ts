import {
  availableTransitions,
  formatOsloDate,
  osloDate,
  refusedTransitionReason,
  type Consultation,
  type Product,
  type Transition,
} from '../../../content-model';
import type { TransactionStep } from '../../shared/db/client';
import { ConflictError, StaleRevisionError, NotFoundError } from '../../shared/errors';
import { dueDateFor, publishedProjection, versionSnapshot } from '../domain';
import { endConsultations, newConsultation } from '../../consultations/use-cases';
import { adoptedCaseFor } from '../../governance/cases';
import type { Actor } from '../../shared/actor';
import type { Platform } from '../../shared/platform';

export async function transitionProduct(
  { store, clock }: Pick<Platform, 'store' | 'clock'>,
  actor: Actor,
  id: string,
  transition: Transition,
): Promise<Product> {
  const current = await store.products.get(id);
  if (!current) throw new NotFoundError('Produktet finnes ikke');
  if (current.revision !== transition.expectedRevision) {
    throw new StaleRevisionError('Produktet');
  }
  if (!availableTransitions(current).includes(transition.action)) {
    throw new ConflictError(refusedTransitionReason(current, transition.action));
  }

  const now = clock.now();
  const at = now.toISOString();
  const changed = { revision: current.revision + 1, lastChangedAt: at, lastChangedBy: actor.username };
  const steps: TransactionStep[] = [];
  let next: Product;
  const notes: string[] = [];
  // A consultation ends with its product's decision, in the same transaction as the decision.
  const closeConsultations = (consultations: Consultation[], reason: string): TransactionStep[] => {
    const ended = endConsultations(store, consultations, at, reason);
    if (ended.note) notes.push(ended.note);
    return ended.steps;
  };

  switch (transition.action) {
    case 'send-to-consultation':
      next = { ...current, ...changed, status: 'consultation' };
      steps.push(store.consultations.insert(newConsultation(current, transition.consultation ?? {}, actor, now)));
      break;
    case 'return-to-draft':
      next = { ...current, ...changed, status: 'draft', decision: null };
      break;
    case 'approve': {
      // The decision is the adopted case in the register; the transaction holds only while it still is.
      const decided = await adoptedCaseFor({ store }, transition.case, current);
      const decision = { reference: decided.number, date: decided.decidedOn ?? osloDate(now), caseId: decided.id };
      next = { ...current, ...changed, status: 'approved', decision };
      const open = await store.consultations.unendedFor(id, osloDate(now));
      const [first] = open;
      if (first && !transition.closeConsultation) {
        const message = `Høringen om «${first.productTitle}» er åpen til ${formatOsloDate(first.closesOn)}. Avslutt den med en begrunnelse for å godkjenne nå.`;
        throw new ConflictError(message, [{ path: 'closeConsultation.reason', message }]);
      }
      notes.push(`Vedtak ${decision.reference} av ${formatOsloDate(decision.date)}`);
      steps.push(
        store.cases.stillAdopted(decided),
        store.decisions.insert({ ...decision, productId: id, version: current.workingVersion, recordedAt: at, recordedBy: actor.username }),
        ...closeConsultations(open, transition.closeConsultation?.reason ?? ''),
      );
      break;
    }
    case 'publish': {
      const publishedOn = osloDate(now);
      // A new version starts a fresh review cycle: earlier evaluation outcomes were about the old text.
      next = {
        ...current,
        ...changed,
        status: 'published',
        publishedVersion: current.workingVersion,
        publishedAt: at,
        lastEvaluationOutcome: null,
        notCurrentReason: null,
      };
      // Approval ends the consultation; one left open from before that rule ends here.
      steps.push(...closeConsultations(await store.consultations.unendedFor(id, publishedOn), 'Produktet er publisert'));
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
      steps.push(...closeConsultations(await store.consultations.unendedFor(id, osloDate(now)), 'Produktet er sanert'));
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
      ...(notes.length ? { note: notes.join('. ') } : {}),
    }),
  ]);
  return next;
}
