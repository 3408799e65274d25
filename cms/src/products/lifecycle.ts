import type { Product, TransitionAction } from '../../../content-model';

/**
 * Which lifecycle actions to offer for a product (governance model chapter 8): levels 1–3 go
 * draft → consultation → approved (steering-group decision) → published; level 4 is decided by
 * the secretariat and publishes straight from draft; published products can be retired. The API
 * enforces the same rules (functions/products/use-cases/transition-product.ts); this only decides
 * which buttons to show.
 */
export function availableTransitions(product: Pick<Product, 'status' | 'level' | 'publishedVersion'>): TransitionAction[] {
  const forward = forwardTransitions(product);
  // A product that has been published can be retired, also while its next version is being drafted.
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

export const transitionLabels: Record<TransitionAction, string> = {
  'send-to-consultation': 'Send på høring',
  'return-to-draft': 'Tilbake til utkast',
  approve: 'Godkjenn',
  publish: 'Publiser',
  retire: 'Saner',
};

export const transitionDoneMessages: Record<TransitionAction, string> = {
  'send-to-consultation': 'Produktet er sendt på høring',
  'return-to-draft': 'Produktet er satt tilbake til utkast',
  approve: 'Vedtaket er registrert',
  publish: 'Produktet er publisert',
  retire: 'Produktet er sanert',
};
