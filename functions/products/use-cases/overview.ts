import { formatOsloCsvDate, productStatuses, productTypes, topicCategories, type OverviewQuery, type Product } from '../../../content-model';
import { toCsv, type CsvColumn } from '../../shared/csv';
import type { Platform } from '../../shared/platform';

function matches(product: Product, query: OverviewQuery): boolean {
  if (query.level !== undefined && product.level !== query.level) return false;
  if (query.type && product.type !== query.type) return false;
  if (query.topicCategory && product.topicCategory !== query.topicCategory) return false;
  if (query.status && product.status !== query.status) return false;
  if (query.owner && product.owner.email.toLowerCase() !== query.owner.toLowerCase()) return false;
  if (query.theme && !product.themes.includes(query.theme)) return false;
  if (query.dueBefore && !(product.nextEvaluationDue && product.nextEvaluationDue <= query.dueBefore)) return false;
  if (query.q) {
    const needle = query.q.toLocaleLowerCase('nb');
    if (!`${product.title} ${product.slug} ${product.summary}`.toLocaleLowerCase('nb').includes(needle)) return false;
  }
  return true;
}

const collator = new Intl.Collator('nb', { sensitivity: 'base' });

function compare(a: Product, b: Product, sort: OverviewQuery['sort']): number {
  switch (sort) {
    case 'title':
      return collator.compare(a.title, b.title);
    case 'lastChangedAt':
      return a.lastChangedAt.localeCompare(b.lastChangedAt);
    case 'downloadsTotal':
      return a.downloadsTotal - b.downloadsTotal;
    case 'nextEvaluationDue':
      // Products without a review cycle sort last in ascending order.
      return (a.nextEvaluationDue ?? '9999').localeCompare(b.nextEvaluationDue ?? '9999');
  }
}

/**
 * The document overview (chapter 7.1). The catalogue is small (the secretariat's products number
 * in the hundreds), so it is read from its own index partition and filtered and sorted here, which
 * lets editors combine any filter with any sort.
 */
export async function selectOverview({ store }: Pick<Platform, 'store'>, query: OverviewQuery): Promise<Product[]> {
  const all = await store.products.listAll();
  const direction = query.order === 'desc' ? -1 : 1;
  return all.filter((product) => matches(product, query)).sort((a, b) => direction * compare(a, b, query.sort) || collator.compare(a.title, b.title));
}

export async function listOverview(deps: Pick<Platform, 'store'>, query: OverviewQuery) {
  const selected = await selectOverview(deps, query);
  const start = (query.page - 1) * query.perPage;
  return { items: selected.slice(start, start + query.perPage), total: selected.length, page: query.page, perPage: query.perPage };
}

const csvColumns: CsvColumn<Product>[] = [
  ['Tittel', (p) => p.title],
  ['Type', (p) => productTypes.labels[p.type]],
  ['Nivå', (p) => p.level],
  ['Kategori', (p) => topicCategories.labels[p.topicCategory]],
  ['Risiko/teknologi', (p) => (p.riskOrTechnology ? 'Ja' : 'Nei')],
  ['Status', (p) => productStatuses.labels[p.status]],
  ['Publisert versjon', (p) => p.publishedVersion ?? ''],
  ['Eier', (p) => p.owner.name],
  ['Eiers e-post', (p) => p.owner.email],
  ['Sist endret', (p) => formatOsloCsvDate(p.lastChangedAt)],
  ['Sist evaluert', (p) => p.lastEvaluatedAt ?? ''],
  ['Neste evaluering', (p) => p.nextEvaluationDue ?? ''],
  ['Nedlastinger', (p) => p.downloadsTotal],
  ['Aktuelt behov', (p) => (p.currentNeed ? 'Ja' : 'Nei')],
  ['Adresse', (p) => p.slug],
];

export async function exportOverviewCsv(deps: Pick<Platform, 'store'>, query: OverviewQuery): Promise<string> {
  return toCsv(await selectOverview(deps, query), csvColumns);
}
