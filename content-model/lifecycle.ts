import type { Product, TransitionAction } from './product';

/**
 * The product lifecycle (governance model chapter 8), shared by the API, which enforces it, and the
 * CMS UI, which offers only these actions: levels 1–3 go draft → consultation → approved (steering-
 * group decision) → published; level 4 is decided by the secretariat and publishes straight from
 * draft; a product that has been published can be retired, also while its next version is drafted.
 */
export function availableTransitions(product: Pick<Product, 'status' | 'level' | 'publishedVersion'>): TransitionAction[] {
  const forward = forwardTransitions(product);
  const retirable = product.publishedVersion !== null && product.status !== 'retired';
  return retirable ? [...forward, 'retire'] : forward;
}

function forwardTransitions(product: Pick<Product, 'status' | 'level'>): TransitionAction[] {
  const decidedBySteeringGroup = product.level !== 4;
  switch (product.status) {
    case 'planned':
    case 'draft':
      return decidedBySteeringGroup ? ['send-to-consultation'] : ['publish'];
    case 'consultation':
      return ['approve', 'return-to-draft'];
    case 'approved':
      return ['publish', 'return-to-draft'];
    case 'published':
    case 'retired':
      return [];
  }
}

/** Why an action is not available, in the words the editor sees. */
export function refusedTransitionReason(product: Pick<Product, 'status' | 'level' | 'publishedVersion'>, action: TransitionAction): string {
  const level4 = product.level === 4;
  switch (action) {
    case 'send-to-consultation':
      return level4 ? 'Nivå 4-produkter sendes ikke på høring' : 'Bare utkast kan sendes på høring';
    case 'return-to-draft':
      return 'Produktet er ikke på høring eller godkjent';
    case 'approve':
      return level4 ? 'Nivå 4-produkter godkjennes ikke av Styringsgruppen' : 'Produktet må ha vært på høring før det kan godkjennes';
    case 'publish':
      return level4 ? 'Bare utkast kan publiseres' : 'Produktet må være godkjent av Styringsgruppen før publisering';
    case 'retire':
      return product.status === 'retired' ? 'Produktet er allerede sanert' : 'Bare publiserte produkter kan saneres';
  }
}
