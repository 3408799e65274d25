import { caseOutcomes, caseTypes, type DecisionEntry, type DecisionQuery, type GovernanceCase, type PublicDecision } from '../../content-model';
import { toCsv, type CsvColumn } from '../shared/csv';
import type { Platform } from '../shared/platform';

type Deps = Pick<Platform, 'store'>;

type Decided = GovernanceCase & { outcome: NonNullable<GovernanceCase['outcome']>; decidedOn: string };
const isDecided = (record: GovernanceCase): record is Decided => record.outcome !== null && record.decidedOn !== null;

/** Reads each linked product once, however many cases name it. */
function memo<T>(read: (id: string) => Promise<T>): (id: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (id) => {
    let found = seen.get(id);
    if (!found) {
      found = read(id);
      seen.set(id, found);
    }
    return found;
  };
}

/** The decision register for editors: every decided case, the latest decision first, filtered by year (of the case number), product and outcome. */
export async function listDecisions({ store }: Deps, query: Omit<DecisionQuery, 'format'>): Promise<{ items: DecisionEntry[] }> {
  const decided = (await store.cases.decided())
    .filter(isDecided)
    .filter(
      (record) =>
        (!query.year || record.year === query.year) &&
        (!query.productId || record.productIds.includes(query.productId)) &&
        (!query.outcome || record.outcome === query.outcome),
    );
  const product = memo((id: string) => store.products.get(id));
  const items = await Promise.all(
    decided.map(async (record) => {
      const products = await Promise.all(record.productIds.map(product));
      return {
        id: record.id,
        number: record.number,
        year: record.year,
        type: record.type,
        title: record.title,
        proposal: record.proposal,
        decisionText: record.decisionText,
        meetingId: record.meetingId,
        productIds: record.productIds,
        outcome: record.outcome,
        decidedOn: record.decidedOn,
        products: products.flatMap((found) => (found ? [{ id: found.id, title: found.title, slug: found.slug }] : [])),
      };
    }),
  );
  return { items };
}

const decisionColumns: CsvColumn<DecisionEntry>[] = [
  ['Saksnummer', (row) => row.number],
  ['Sakstype', (row) => caseTypes.labels[row.type]],
  ['Tittel', (row) => row.title],
  ['Utfall', (row) => caseOutcomes.labels[row.outcome]],
  // A date is the Oslo day; Excel reads and sorts 2025-06-03 as a date.
  ['Dato', (row) => row.decidedOn],
  ['Vedtak', (row) => row.decisionText],
  ['Forslag til vedtak', (row) => row.proposal],
  ['Produkter', (row) => row.products.map((product) => product.title).join(', ')],
];

export async function decisionsCsv(deps: Deps, query: Omit<DecisionQuery, 'format'>): Promise<string> {
  return toCsv((await listDecisions(deps, query)).items, decisionColumns);
}

/**
 * The register as the website shows it: number, title, date, outcome and decision, with the linked
 * products that have been published (their public title and slug; a draft stays unnamed).
 */
export async function listPublicDecisions({ store }: Deps, query: { year?: number | undefined }): Promise<{ items: PublicDecision[] }> {
  const decided = (await store.cases.decided()).filter(isDecided).filter((record) => !query.year || record.year === query.year);
  const published = memo((id: string) => store.published.get(id));
  const items = await Promise.all(
    decided.map(async (record) => {
      const products = await Promise.all(record.productIds.map(published));
      return {
        number: record.number,
        title: record.title,
        type: record.type,
        outcome: record.outcome,
        decidedOn: record.decidedOn,
        decisionText: record.decisionText,
        products: products.flatMap((found) => (found ? [{ title: found.title, slug: found.slug }] : [])),
      };
    }),
  );
  return { items };
}
