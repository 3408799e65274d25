import type { RuleIssue } from '../../content-model';
import { ValidationError } from '../shared/errors';
import type { Store } from '../store';

/** A 400 naming every broken rule, or nothing when there is none. */
export function assertNoIssues(issues: readonly RuleIssue[]): void {
  if (issues.length === 0) return;
  const names = [...new Set(issues.map((issue) => issue.path))].join(', ');
  throw new ValidationError(`Ugyldig forespørsel: sjekk ${names}`, [...issues]);
}

/** Every linked product must exist: a 400 naming each one that does not (`productIds.1`). */
export async function productIssues(store: Pick<Store, 'products'>, productIds: readonly string[], path = 'productIds'): Promise<RuleIssue[]> {
  const found = await Promise.all(productIds.map((id) => store.products.get(id)));
  return productIds.flatMap((_id, index) => (found[index] ? [] : [{ path: `${path}.${index}`, message: 'Produktet finnes ikke' }]));
}
