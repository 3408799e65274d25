import { addMonths, daysBetween, evaluationOutcomes, osloDate, productTypes, topicCategories, type PriorityRow, type Product } from '../../content-model';
import { toCsv } from '../shared/csv';
import type { Platform } from '../shared/platform';

const collator = new Intl.Collator('nb', { sensitivity: 'base' });

/**
 * The order of the action plan (governance model chapter 7, local/seed-content/forvaltningsmodell.txt): core topics first; then "current need" flagged by
 * an editor; then downloads in the last 12 months; then the longest time since the last change.
 * Each factor is returned, not folded into a score, so the secretariat can see why.
 */
function comparePriority(a: PriorityRow, b: PriorityRow): number {
  return (
    Number(b.coreTopic) - Number(a.coreTopic) ||
    Number(b.currentNeed) - Number(a.currentNeed) ||
    b.downloadsLast12Months - a.downloadsLast12Months ||
    b.daysSinceLastChange - a.daysSinceLastChange ||
    collator.compare(a.product.title, b.product.title)
  );
}

/** Products needing revision or due for evaluation within a year, in action-plan order. */
export async function priorityReport({ store, clock }: Pick<Platform, 'store' | 'clock'>): Promise<{ today: string; items: PriorityRow[] }> {
  const today = osloDate(clock.now());
  const withinYear = addMonths(today, 12);
  const candidates = (await store.products.listAll()).filter(
    (product) =>
      product.status !== 'retired' &&
      (product.lastEvaluationOutcome === 'revision-needed' || (product.nextEvaluationDue !== null && product.nextEvaluationDue <= withinYear)),
  );
  // Months from the same month last year up to now: "downloads in the last 12 months".
  const fromMonth = addMonths(today, -11).slice(0, 7);
  const items = await Promise.all(
    candidates.map(async (product): Promise<PriorityRow> => {
      const months = await store.downloads.since(product.id, fromMonth);
      const lastChangedOn = osloDate(new Date(product.lastChangedAt));
      return {
        product: pick(product),
        reason: product.lastEvaluationOutcome === 'revision-needed' ? 'revision-needed' : 'due-within-year',
        coreTopic: product.topicCategory === 'core',
        currentNeed: product.currentNeed,
        downloadsLast12Months: months.reduce((sum, month) => sum + month.downloads, 0),
        lastChangedOn,
        daysSinceLastChange: Math.max(0, daysBetween(lastChangedOn, today)),
      };
    }),
  );
  return { today, items: items.sort(comparePriority) };
}

function pick(product: Product): PriorityRow['product'] {
  const { id, slug, title, type, level, topicCategory, status, owner, nextEvaluationDue, lastEvaluationOutcome } = product;
  return { id, slug, title, type, level, topicCategory, status, owner, nextEvaluationDue, lastEvaluationOutcome };
}

export async function priorityReportCsv(deps: Pick<Platform, 'store' | 'clock'>): Promise<string> {
  const { items } = await priorityReport(deps);
  return toCsv(items, [
    ['Prioritet', (_row, index) => index + 1],
    ['Tittel', (row) => row.product.title],
    ['Type', (row) => productTypes.labels[row.product.type]],
    ['Nivå', (row) => row.product.level],
    ['Grunn', (row) => (row.reason === 'revision-needed' ? 'Revisjon nødvendig' : 'Evaluering innen ett år')],
    ['Kjernetema', (row) => (row.coreTopic ? 'Ja' : 'Nei')],
    ['Kategori', (row) => topicCategories.labels[row.product.topicCategory]],
    ['Aktuelt behov', (row) => (row.currentNeed ? 'Ja' : 'Nei')],
    ['Nedlastinger siste 12 mnd', (row) => row.downloadsLast12Months],
    ['Sist endret', (row) => row.lastChangedOn],
    ['Dager siden endring', (row) => row.daysSinceLastChange],
    ['Neste evaluering', (row) => row.product.nextEvaluationDue ?? ''],
    ['Siste evalueringsresultat', (row) => (row.product.lastEvaluationOutcome ? evaluationOutcomes.labels[row.product.lastEvaluationOutcome] : '')],
    ['Eier', (row) => row.product.owner.name],
  ]);
}
