import { ValidationError } from '../../shared/errors';
import type { Store } from '../../store';

export async function assertRelatedProductsExist(store: Store, slugs: readonly string[]): Promise<void> {
  const ids = await Promise.all(slugs.map((slug) => store.products.findIdBySlug(slug)));
  const missing = ids.indexOf(null);
  if (missing >= 0) throw ValidationError.field(`relatedProducts.${missing}`, `Ukjent produkt «${slugs[missing]}»`);
}
