import { addDays, productTypes, targetGroups, themes, type Interest, type Product, type Subscriber } from '../content-model';
import { audiencesOf } from '../functions/newsletter/subscriber-repository';
import { publishedProjection, versionSnapshot } from '../functions/products/domain';
import type { Table } from '../functions/shared/db/client';
import { createStore } from '../functions/store';

const now = '2026-11-01T10:00:00.000Z';

/** A published product; `due` sets its next evaluation date. */
function benchProduct(index: number, prefix: string, due: string): Product {
  const types = productTypes.codes.filter((type) => type !== 'main-document');
  const type = types[index % types.length] ?? 'guide';
  return {
    id: `${prefix}-${index}`,
    slug: `${prefix}-product-${String(index).padStart(5, '0')}`,
    type,
    level: type === 'guide' || type === 'fact-sheet' ? 2 : 4,
    topicCategory: index % 3 === 0 ? 'core' : 'other',
    riskOrTechnology: index % 5 === 0,
    themes: [themes.codes[index % themes.codes.length] ?? 'cloud'],
    targetGroups: [targetGroups.codes[index % targetGroups.codes.length] ?? 'management'],
    owner: { name: 'Bench Owner', email: `owner-${index % 10}@bench.local` },
    currentNeed: false,
    title: `Produkt nummer ${index} om informasjonssikkerhet`,
    summary: 'Et sammendrag på et par setninger som på nettsiden. '.repeat(3),
    body: '<p>Brødtekst.</p>'.repeat(200),
    attachments: [],
    legalReferences: [{ title: 'Personopplysningsloven' }],
    relatedProducts: [],
    status: 'published',
    workingVersion: 1,
    publishedVersion: 1,
    revision: 1,
    decision: null,
    createdAt: now,
    createdBy: 'bench',
    lastChangedAt: now,
    lastChangedBy: 'bench',
    publishedAt: now,
    lastEvaluatedAt: null,
    nextEvaluationDue: due,
    lastEvaluationOutcome: null,
    notCurrentReason: null,
    downloadsTotal: 0,
  };
}

/** Published products with everything the delivery API reads, 25 per transaction. */
export async function seedPublishedProducts(table: Table, count: number): Promise<number> {
  const store = createStore(table);
  const products = Array.from({ length: count }, (_, index) => benchProduct(index, 'bench', '2027-11-01'));
  for (let start = 0; start < products.length; start += 25) {
    await store.transact(
      products.slice(start, start + 25).flatMap((product) => {
        const version = versionSnapshot(product, now, 'bench');
        return [
          store.products.insert(product),
          store.products.claimSlug(product.slug, product.id),
          store.versions.insert(version),
          store.published.put(publishedProjection(version, { nextEvaluationDue: product.nextEvaluationDue, notCurrentReason: null, retiredAt: null })),
        ];
      }),
    );
  }
  return products.length;
}

/**
 * A catalogue for the review check: `due` products due within the reminder horizon of `today`
 * (half of them overdue), the rest due years later. Only product heads: all the check reads.
 */
export async function seedReviewCatalogue(table: Table, options: { count: number; due: number; today: string }): Promise<void> {
  const store = createStore(table);
  const products = Array.from({ length: options.count }, (_, index) =>
    benchProduct(index, `review${options.count}`, index < options.due ? addDays(options.today, (index % 90) - 45) : '2029-06-01'),
  );
  for (let start = 0; start < products.length; start += 100) {
    await store.transact(products.slice(start, start + 100).map((product) => store.products.insert(product)));
  }
}

/** Confirmed subscribers of one interest, 24 per transaction (each is four items). */
export async function seedSubscribers(table: Table, count: number, interest: Interest, prefix: string): Promise<void> {
  const store = createStore(table);
  const subscribers: Subscriber[] = Array.from({ length: count }, (_, index) => ({
    id: `${prefix}-${index}`,
    email: `${prefix}-${index}@bench.local`,
    interests: [interest],
    status: 'confirmed',
    createdAt: now,
    confirmedAt: now,
    unsubscribedAt: null,
    suppressedReason: null,
    softBounces: 0,
    revision: 1,
  }));
  for (let start = 0; start < subscribers.length; start += 24) {
    await store.transact(
      subscribers
        .slice(start, start + 24)
        .flatMap((subscriber) => [...store.subscribers.insert(subscriber), ...store.subscribers.membershipChanges(subscriber, [], audiencesOf(subscriber))]),
    );
  }
}
