import type { Product, ProductHistory, ProductVersion } from '../../../content-model';
import { NotFoundError } from '../../shared/errors';
import type { Platform } from '../../shared/platform';

type Deps = Pick<Platform, 'store'>;

export async function getProduct({ store }: Deps, id: string): Promise<Product> {
  const product = await store.products.get(id);
  if (!product) throw new NotFoundError('Produktet finnes ikke');
  return product;
}

export async function getProductHistory({ store }: Deps, id: string): Promise<ProductHistory> {
  await getProduct({ store }, id);
  const [versions, audit] = await Promise.all([store.versions.list(id), store.audit.listFor('product', id)]);
  return {
    versions: versions.map(({ version, title, publishedAt, publishedBy, decision }) => ({ version, title, publishedAt, publishedBy, decision })),
    audit,
  };
}

export async function getProductVersion({ store }: Deps, id: string, version: number): Promise<ProductVersion> {
  const found = await store.versions.get(id, version);
  if (!found) throw new NotFoundError(`Versjon ${version} finnes ikke`);
  return found;
}
