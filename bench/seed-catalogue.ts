import { productTypes, themes, targetGroups, type Product } from '../content-model';
import { createRuntime } from '../functions/shared/runtime';
import { createStore } from '../functions/store';
import { publishedProjection, versionSnapshot } from '../functions/products/domain';

/** Writes `count` published products straight through the repositories, 25 per transaction. */
export async function seedPublishedProducts(count: number): Promise<number> {
  const store = createStore(createRuntime().table);
  const types = productTypes.codes.filter((type) => type !== 'main-document');
  const now = '2026-11-01T10:00:00.000Z';
  const products: Product[] = Array.from({ length: count }, (_, index) => {
    const type = types[index % types.length] ?? 'guide';
    return {
      id: `bench-${index}`,
      slug: `bench-product-${String(index).padStart(4, '0')}`,
      type,
      level: type === 'guide' || type === 'fact-sheet' ? 2 : 4,
      topicCategory: index % 3 === 0 ? 'core' : 'other',
      riskOrTechnology: index % 5 === 0,
      themes: [themes.codes[index % themes.codes.length] ?? 'cloud'],
      targetGroups: [targetGroups.codes[index % targetGroups.codes.length] ?? 'management'],
      owner: { name: 'Bench Owner', email: 'bench@normen.local' },
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
      nextEvaluationDue: '2027-11-01',
      lastEvaluationOutcome: null,
      notCurrentReason: null,
      downloadsTotal: 0,
    };
  });
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
