import { beforeAll, describe, expect, it } from 'vitest';
import { productCreateSchema, type Product, type ProductCreate } from '../../content-model';
import { ConflictError, NotFoundError, ValidationError } from '../../functions/shared/errors';
import { createProduct } from '../../functions/products/use-cases/create-product';
import { exportOverviewCsv, listOverview } from '../../functions/products/use-cases/overview';
import { getProductHistory, getProductVersion } from '../../functions/products/use-cases/read-product';
import { transitionProduct } from '../../functions/products/use-cases/transition-product';
import { updateProduct } from '../../functions/products/use-cases/update-product';
import { getPublishedProduct, listPublishedProducts } from '../../functions/delivery/use-cases';
import { overviewQuerySchema } from '../../content-model';
import { adoptedCase } from '../support/governance';
import { productDependencies } from '../support/local-stack';

type Deps = Awaited<ReturnType<typeof productDependencies>>;
const editor = { username: 'redaktor@normen.local', groups: ['editor' as const] };

function guide(overrides: Partial<ProductCreate> = {}): ProductCreate {
  return productCreateSchema.parse({
    title: 'Veileder for testing',
    type: 'guide',
    topicCategory: 'other',
    owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' },
    ...overrides,
  });
}

async function publishLevel2(deps: Deps, product: Product, decisionDate = '2026-11-01'): Promise<Product> {
  let current = await transitionProduct(deps, editor, product.id, { action: 'send-to-consultation', expectedRevision: product.revision });
  const decided = await adoptedCase(deps, [product.id], decisionDate);
  current = await transitionProduct(deps, editor, product.id, {
    action: 'approve',
    expectedRevision: current.revision,
    closeConsultation: { reason: 'Vedtatt før fristen' },
    case: decided.number,
  });
  return transitionProduct(deps, editor, product.id, { action: 'publish', expectedRevision: current.revision });
}

describe('product lifecycle on DynamoDB Local', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await productDependencies('2026-11-22T09:00:00Z');
  });

  it('creates a draft with the level from the type and a slug from the title', async () => {
    const created = await createProduct(deps, editor, guide({ title: 'Veileder for små virksomheter' }));
    expect(created).toMatchObject({ level: 2, slug: 'veileder-for-sma-virksomheter', status: 'draft', revision: 1, workingVersion: 1, publishedVersion: null });
    const mainDocument = await createProduct(deps, editor, guide({ title: 'Hoveddokumentet', type: 'main-document' }));
    expect(mainDocument.level).toBe(1);
    const overridden = await createProduct(deps, editor, guide({ title: 'Endorsed guide', level: 3, publisher: 'NSM' }));
    expect(overridden.level).toBe(3);
    expect(await deps.store.products.get(created.id)).toEqual(created);
  });

  it('keeps slugs unique, even when two editors create at the same moment', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => createProduct(deps, editor, guide({ title: 'Samtidig', slug: 'samtidig-produkt' }))),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(rejected).toHaveLength(4);
    for (const result of rejected) expect(result.reason).toBeInstanceOf(ConflictError);
    const overview = await listOverview(deps, overviewQuerySchema.parse({ q: 'Samtidig' }));
    expect(overview.total).toBe(1);
  });

  it('refuses a stale edit with a conflict and keeps the other edit', async () => {
    const product = await createProduct(deps, editor, guide({ title: 'Låsetest' }));
    const [first, second] = await Promise.allSettled([
      updateProduct(deps, editor, product.id, { expectedRevision: 1, summary: 'Første redaktør' }),
      updateProduct(deps, editor, product.id, { expectedRevision: 1, summary: 'Andre redaktør' }),
    ]);
    const outcomes = [first, second].map((result) => result?.status).sort();
    expect(outcomes).toEqual(['fulfilled', 'rejected']);
    const stored = await deps.store.products.get(product.id);
    const winner = [first, second].find((result) => result?.status === 'fulfilled') as PromiseFulfilledResult<Product>;
    expect(stored?.summary).toBe(winner.value.summary);
    expect(stored?.revision).toBe(2);
    await expect(updateProduct(deps, editor, product.id, { expectedRevision: 1, summary: 'For sent' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('sanitises rich text on save', async () => {
    const product = await createProduct(deps, editor, guide({ title: 'XSS-test', body: '<p>Hei<script>alert(1)</script></p>' }));
    expect(product.body).toBe('<p>Hei</p>');
    const updated = await updateProduct(deps, editor, product.id, { expectedRevision: 1, body: '<p onmouseover="x()">Ny</p>' });
    expect((await deps.store.products.get(updated.id))?.body).toBe('<p>Ny</p>');
  });

  it('takes a level-2 guide through consultation and decision to published, and serves it as current', async () => {
    const product = await createProduct(deps, editor, guide({ title: 'Publiseringsløpet' }));
    await expect(transitionProduct(deps, editor, product.id, { action: 'publish', expectedRevision: product.revision })).rejects.toThrow(
      /godkjent av Styringsgruppen/,
    );
    await expect(
      transitionProduct(deps, editor, product.id, {
        action: 'approve',
        expectedRevision: product.revision,
        case: '06/25',
      }),
    ).rejects.toThrow(/høring/);

    const published = await publishLevel2(deps, product);
    const reference = published.decision?.reference ?? '';
    expect(reference).toMatch(/^\d{2}\/26$/);
    expect(published).toMatchObject({
      status: 'published',
      publishedVersion: 1,
      decision: { reference, caseId: `2026-${reference.slice(0, 2)}` },
      nextEvaluationDue: '2027-11-22',
    });

    const delivered = await getPublishedProduct(deps, published.slug);
    expect(delivered).toMatchObject({ slug: published.slug, version: 1, currency: 'current', decision: { reference, date: '2026-11-01' } });
    const history = await getProductHistory(deps, product.id);
    expect(history.audit.map((record) => record.action)).toEqual(['publish', 'approve', 'send-to-consultation', 'created']);
    expect(history.versions.map((version) => version.version)).toEqual([1]);
  });

  it('lets level 4 publish without a decision and refuses consultation for it', async () => {
    const article = await createProduct(deps, editor, guide({ title: 'Fagartikkel om KI', type: 'professional-article' }));
    expect(article.level).toBe(4);
    await expect(transitionProduct(deps, editor, article.id, { action: 'send-to-consultation', expectedRevision: 1 })).rejects.toBeInstanceOf(ConflictError);
    const published = await transitionProduct(deps, editor, article.id, { action: 'publish', expectedRevision: 1 });
    expect(published.status).toBe('published');
    expect(published.nextEvaluationDue).toBe('2028-11-22');
  });

  it('drafts the next version beside the published one, which stays immutable until replaced', async () => {
    deps.clock.set('2026-11-22T09:00:00Z');
    const product = await publishLevel2(deps, await createProduct(deps, editor, guide({ title: 'Versjonert veileder', summary: 'Versjon 1' })));

    const draft = await updateProduct(deps, editor, product.id, { expectedRevision: product.revision, summary: 'Versjon 2' });
    expect(draft).toMatchObject({ status: 'draft', workingVersion: 2, publishedVersion: 1, decision: null });
    expect((await getPublishedProduct(deps, product.slug)).summary).toBe('Versjon 1');

    // An owner change is administrative: it does not start yet another version.
    const reassigned = await updateProduct(deps, editor, product.id, {
      expectedRevision: draft.revision,
      owner: { name: 'Jonas Lie', email: 'jonas@normen.local' },
    });
    expect(reassigned.workingVersion).toBe(2);

    deps.clock.set('2027-02-01T09:00:00Z');
    const republished = await publishLevel2(deps, reassigned, '2027-01-20');
    expect(republished).toMatchObject({ publishedVersion: 2, nextEvaluationDue: '2028-02-01' });
    expect((await getPublishedProduct(deps, product.slug)).summary).toBe('Versjon 2');
    expect((await getProductVersion(deps, product.id, 1)).summary).toBe('Versjon 1');
    expect((await getProductHistory(deps, product.id)).versions.map((version) => version.version)).toEqual([2, 1]);
    await expect(updateProduct(deps, editor, product.id, { expectedRevision: republished.revision, slug: 'ny-adresse' })).rejects.toThrow(/Adressen/);
  });

  it('marks a published product not-current the day after its due date', async () => {
    deps.clock.set('2025-10-01T10:00:00Z');
    const product = await publishLevel2(deps, await createProduct(deps, editor, guide({ title: 'Går ut på dato' })), '2025-09-20');
    expect(product.nextEvaluationDue).toBe('2026-10-01');
    deps.clock.set('2026-10-01T21:00:00Z');
    expect((await getPublishedProduct(deps, product.slug)).currency).toBe('current');
    deps.clock.set('2026-10-01T22:30:00Z');
    expect((await getPublishedProduct(deps, product.slug)).currency).toBe('not-current');
  });

  it('retires a product into the archive, still readable and marked retired', async () => {
    deps.clock.set('2026-11-22T09:00:00Z');
    const product = await publishLevel2(deps, await createProduct(deps, editor, guide({ title: 'Skal saneres' })));
    const retired = await transitionProduct(deps, editor, product.id, { action: 'retire', expectedRevision: product.revision });
    expect(retired.status).toBe('retired');
    expect((await getPublishedProduct(deps, product.slug)).currency).toBe('retired');
    const current = await listPublishedProducts(deps, { archive: false });
    expect(current.items.map((item) => item.slug)).not.toContain(product.slug);
    const archive = await listPublishedProducts(deps, { archive: true });
    expect(archive.items.map((item) => item.slug)).toContain(product.slug);
    await expect(updateProduct(deps, editor, product.id, { expectedRevision: retired.revision, summary: 'x' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('rejects a level-3 product without publisher, unknown related products and foreign attachments', async () => {
    const product = await createProduct(deps, editor, guide({ title: 'Regler på tvers' }));
    await expect(updateProduct(deps, editor, product.id, { expectedRevision: 1, level: 3 })).rejects.toThrow(ValidationError);
    await expect(updateProduct(deps, editor, product.id, { expectedRevision: 1, relatedProducts: ['finnes-ikke'] })).rejects.toMatchObject({
      fields: [{ path: 'relatedProducts.0' }],
    });
    await expect(
      updateProduct(deps, editor, product.id, {
        expectedRevision: 1,
        attachments: [{ key: 'products/other-product/file.pdf', fileName: 'file.pdf', contentType: 'application/pdf', size: 10 }],
      }),
    ).rejects.toMatchObject({ fields: [{ path: 'attachments.0.key' }] });
    await expect(
      updateProduct(deps, editor, product.id, {
        expectedRevision: 1,
        attachments: [{ key: `products/${product.id}/never-uploaded.pdf`, fileName: 'x.pdf', contentType: 'application/pdf', size: 10 }],
      }),
    ).rejects.toMatchObject({ fields: [{ path: 'attachments.0' }] });
    expect((await deps.store.products.get(product.id))?.revision).toBe(1);
    await expect(updateProduct(deps, editor, 'missing', { expectedRevision: 1, summary: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('document overview', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await productDependencies('2026-06-01T09:00:00Z');
    const make = (title: string, overrides: Partial<ProductCreate>) => createProduct(deps, editor, guide({ title, ...overrides }));
    const a = await make('Alfa', { topicCategory: 'core', themes: ['cloud'], owner: { name: 'Anne A', email: 'a@normen.local' } });
    await make('Beta', { type: 'fact-sheet', themes: ['suppliers'] });
    const c = await make('Cæsar', { type: 'professional-article' });
    await make('Delta', { level: 3, publisher: 'Datatilsynet' });
    await publishLevel2(deps, a);
    await transitionProduct(deps, editor, c.id, { action: 'publish', expectedRevision: 1 });
    for (let i = 0; i < 3; i += 1) await deps.store.downloads.count(c.id, '2026-06');
  });

  const query = (input: Record<string, unknown>) => overviewQuerySchema.parse(input);

  it('filters by level, type, category, status, owner, theme and due date', async () => {
    const titles = async (input: Record<string, unknown>) => (await listOverview(deps, query(input))).items.map((item) => item.title);
    expect(await titles({ level: '3' })).toEqual(['Delta']);
    expect(await titles({ type: 'fact-sheet' })).toEqual(['Beta']);
    expect(await titles({ topicCategory: 'core' })).toEqual(['Alfa']);
    expect(await titles({ status: 'published' })).toEqual(['Alfa', 'Cæsar']);
    expect(await titles({ owner: 'A@normen.local' })).toEqual(['Alfa']);
    expect(await titles({ theme: 'suppliers' })).toEqual(['Beta']);
    expect(await titles({ dueBefore: '2026-12-31' })).toEqual(['Alfa']);
  });

  it('sorts by downloads, due date and title, and paginates', async () => {
    const byDownloads = await listOverview(deps, query({ sort: 'downloadsTotal', order: 'desc' }));
    expect(byDownloads.items[0]).toMatchObject({ title: 'Cæsar', downloadsTotal: 3 });
    const byDue = await listOverview(deps, query({ sort: 'nextEvaluationDue' }));
    expect(byDue.items.map((item) => item.title).slice(0, 2)).toEqual(['Alfa', 'Cæsar']);
    const page2 = await listOverview(deps, query({ sort: 'title', perPage: '3', page: '2' }));
    expect(page2).toMatchObject({ total: 4, page: 2, perPage: 3 });
    expect(page2.items.map((item) => item.title)).toEqual(['Delta']);
  });

  it('exports the same selection as CSV for Excel', async () => {
    const csv = await exportOverviewCsv(deps, query({ status: 'published' }));
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^Tittel;Type;Nivå;Kategori/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('Alfa;Veileder;2;Kjernetema');
  });

  it('writes the date of the last change as the date in Oslo, not in UTC', async () => {
    // 23:30Z on 9 June is 01:30 on 10 June in Oslo (summer time).
    deps.clock.set('2026-06-09T23:30:00Z');
    await createProduct(deps, editor, guide({ title: 'Endret sent på kvelden' }));
    const [header, row] = (await exportOverviewCsv(deps, query({ q: 'Endret sent' })))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
      .map((line) => line.split(';'));
    expect(row?.[header?.indexOf('Sist endret') ?? -1]).toBe('2026-06-10');
  });
});
