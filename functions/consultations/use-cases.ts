import {
  applyEdits,
  consultationState,
  defaultAudienceByLevel,
  defaultConsultationDeadline,
  formatOsloDate,
  isConsultedLevel,
  osloDate,
  type Consultation,
  type ConsultationOptions,
  type ConsultationUpdate,
  type Product,
} from '../../content-model';
import { changedFields } from '../shared/audit/changes';
import type { TransactionStep } from '../shared/db/client';
import { ConflictError, StaleRevisionError, NotFoundError, ValidationError } from '../shared/errors';
import { timeOrderedId } from '../shared/ids';
import type { Actor } from '../shared/actor';
import type { Store } from '../store';
import { assertConsultationWindow } from './window';
import type { Platform } from '../shared/platform';

type Deps = Pick<Platform, 'store' | 'clock'>;

/** The consultation record for a product being sent to consultation, with defaults by level. */
export function newConsultation(product: Product, options: ConsultationOptions, actor: Actor, now: Date): Consultation {
  const level = product.level;
  if (!isConsultedLevel(level)) throw new ConflictError('Nivå 4-produkter sendes ikke på høring');
  const today = osloDate(now);
  const opensOn = options.opensOn ?? today;
  if (opensOn < today) throw ValidationError.field('consultation.opensOn', 'Høringen kan ikke åpne tilbake i tid');
  const closesOn = options.closesOn ?? defaultConsultationDeadline(level, opensOn);
  assertConsultationWindow(level, opensOn, closesOn, 'consultation.');
  return {
    id: timeOrderedId(now),
    productId: product.id,
    productTitle: product.title,
    productSlug: product.slug,
    level,
    version: product.workingVersion,
    audience: options.audience ?? defaultAudienceByLevel[level],
    opensOn,
    closesOn,
    revision: 1,
    createdAt: now.toISOString(),
    createdBy: actor.username,
    inputCount: 0,
    closedAt: null,
    closedReason: null,
  };
}

/**
 * Ends consultations early, in the transaction of the decision that ends them: each closes once
 * (a conditional write), and `note` is what the decision's audit record says about it.
 */
export function endConsultations(
  store: Store,
  consultations: readonly Consultation[],
  at: string,
  reason: string,
): { steps: TransactionStep[]; note: string | null } {
  return {
    steps: consultations.map((consultation) => store.consultations.close(consultation, at, reason)),
    note: consultations.length
      ? consultations.map((consultation) => `Høringen (frist ${formatOsloDate(consultation.closesOn)}) ble avsluttet: ${reason}`).join('. ')
      : null,
  };
}

export async function getConsultation({ store }: Pick<Deps, 'store'>, id: string): Promise<Consultation> {
  const consultation = await store.consultations.get(id);
  if (!consultation) throw new NotFoundError('Høringen finnes ikke');
  return consultation;
}

export async function listConsultations({ store, clock }: Deps) {
  const today = osloDate(clock.now());
  const all = await store.consultations.list();
  return { items: all.map((consultation) => ({ ...consultation, state: consultationState(consultation, today) })).reverse() };
}

export async function updateConsultation({ store, clock }: Deps, actor: Actor, id: string, update: ConsultationUpdate): Promise<Consultation> {
  const current = await getConsultation({ store }, id);
  if (current.revision !== update.expectedRevision) throw new StaleRevisionError('Høringen');
  if (current.closedAt) throw new ConflictError(`Høringen ble avsluttet ${formatOsloDate(current.closedAt)} og kan ikke endres`);
  const { expectedRevision, ...edits } = update;
  const next: Consultation = { ...applyEdits(current, edits), revision: current.revision + 1 };
  const changes = changedFields(current, next, ['closesOn', 'audience']);
  // A save that changes nothing writes nothing: no new revision, no history entry.
  if (changes.length === 0) return current;
  if (next.level === 4) throw new ConflictError('Nivå 4-produkter har ingen høring');
  assertConsultationWindow(next.level, next.opensOn, next.closesOn);
  const at = clock.now().toISOString();
  await store.transact([
    store.consultations.update(next, expectedRevision),
    store.audit.insert({
      entityType: 'product',
      entityId: current.productId,
      at,
      by: actor.username,
      action: 'consultation-updated',
      changes,
      version: current.version,
      revision: next.revision,
      note: `Høringsfrist ${formatOsloDate(next.closesOn)}`,
    }),
  ]);
  return next;
}

/** Open consultations for the website, with the draft text being consulted on. */
export async function listOpenConsultations({ store, clock }: Deps) {
  const today = osloDate(clock.now());
  const open = (await store.consultations.list(today)).filter((consultation) => consultationState(consultation, today) === 'open');
  const products = await Promise.all(open.map((consultation) => store.products.get(consultation.productId)));
  return {
    items: open.map((consultation, index) => {
      const product = products[index];
      return {
        id: consultation.id,
        productSlug: consultation.productSlug,
        title: product?.title ?? consultation.productTitle,
        level: consultation.level,
        audience: consultation.audience,
        opensOn: consultation.opensOn,
        closesOn: consultation.closesOn,
        summary: product?.summary ?? '',
        draftBody: product?.body ?? '',
        submitInputUrl: `/inputs?consultationId=${encodeURIComponent(consultation.id)}`,
      };
    }),
  };
}
