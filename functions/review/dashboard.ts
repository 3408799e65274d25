import {
  addDays,
  addMonths,
  consultationState,
  governanceLevelSchema,
  osloDate,
  productStatuses,
  type Dashboard,
  type Product,
  type ProductStatus,
} from '../../content-model';
import type { Platform } from '../shared/platform';

function lastDayOfMonth(date: string): string {
  return addDays(addMonths(`${date.slice(0, 7)}-01`, 1), -1);
}

function attentionReason(product: Product, today: string, monthEnd: string): Dashboard['attention'][number]['why'] | null {
  if (product.status === 'retired' || product.publishedVersion === null) return null;
  if (product.notCurrentReason === 'outdated') return 'outdated';
  if (product.nextEvaluationDue && product.nextEvaluationDue < today) return 'overdue';
  if (product.nextEvaluationDue && product.nextEvaluationDue <= monthEnd) return 'due-this-month';
  if (product.lastEvaluationOutcome === 'revision-needed') return 'revision-needed';
  return null;
}

const urgency: Record<Dashboard['attention'][number]['why'], number> = { overdue: 0, outdated: 1, 'due-this-month': 2, 'revision-needed': 3 };

/** The landing page of the CMS: counts by level and status, and what needs attention this month. */
export async function dashboard({ store, clock }: Pick<Platform, 'store' | 'clock'>): Promise<Dashboard> {
  const today = osloDate(clock.now());
  const monthEnd = lastDayOfMonth(today);
  const in60Days = addDays(today, 60);
  const [products, consultations] = await Promise.all([store.products.listAll(), store.consultations.list(today)]);

  const byLevel = governanceLevelSchema.options.map((literal) => {
    const level = literal.value;
    const ofLevel = products.filter((product) => product.level === level);
    const byStatus = Object.fromEntries(productStatuses.codes.map((status) => [status, 0])) as Record<ProductStatus, number>;
    for (const product of ofLevel) byStatus[product.status] += 1;
    const live = ofLevel.filter((product) => product.status !== 'retired' && product.publishedVersion !== null && product.nextEvaluationDue);
    return {
      level,
      total: ofLevel.length,
      byStatus,
      overdue: live.filter((product) => (product.nextEvaluationDue ?? '') < today).length,
      dueWithin60Days: live.filter((product) => (product.nextEvaluationDue ?? '') >= today && (product.nextEvaluationDue ?? '') <= in60Days).length,
    };
  });

  const attention = products
    .flatMap((product) => {
      const why = attentionReason(product, today, monthEnd);
      if (!why) return [];
      const { id, slug, title, level, status, owner, nextEvaluationDue, notCurrentReason, lastEvaluationOutcome } = product;
      return [{ product: { id, slug, title, level, status, owner, nextEvaluationDue, notCurrentReason, lastEvaluationOutcome }, why }];
    })
    .sort((a, b) => urgency[a.why] - urgency[b.why] || (a.product.nextEvaluationDue ?? '').localeCompare(b.product.nextEvaluationDue ?? ''));

  return {
    today,
    byLevel,
    attention,
    openConsultations: consultations.filter((consultation) => consultationState(consultation, today) === 'open'),
  };
}
