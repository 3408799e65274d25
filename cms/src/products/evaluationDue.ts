import { daysBetween, osloDate, type Currency, type Product } from '../../../content-model';

/** How close a product is to its evaluation deadline, as the overview colours it. */
export type DueState = 'overdue' | 'due-soon' | 'ok';

/** "Due soon" matches the first owner reminder (60 days before). */
export const DUE_SOON_DAYS = 60;

export function dueStateOf(nextEvaluationDue: string | null, today = osloDate(new Date())): DueState | null {
  if (!nextEvaluationDue) return null;
  const daysLeft = daysBetween(today, nextEvaluationDue);
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= DUE_SOON_DAYS) return 'due-soon';
  return 'ok';
}

/**
 * What the website shows for the published version. The delivery API decides for real; the CMS
 * mirrors its rule (retired; not current when evaluated as outdated or the day after the due date).
 */
export function currencyOf(
  product: Pick<Product, 'status' | 'publishedVersion' | 'nextEvaluationDue' | 'notCurrentReason'>,
  today = osloDate(new Date()),
): Currency | null {
  if (product.status === 'retired') return 'retired';
  if (product.publishedVersion === null) return null;
  if (product.notCurrentReason) return 'not-current';
  return dueStateOf(product.nextEvaluationDue, today) === 'overdue' ? 'not-current' : 'current';
}
