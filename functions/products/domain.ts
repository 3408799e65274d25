import {
  nextEvaluationDue,
  osloDate,
  type Currency,
  type NotCurrentReason,
  type Product,
  type ProductVersion,
  type PublishedProduct,
} from '../../content-model';
import { ValidationError } from '../shared/errors';

/** Rules that span several fields, checked on the product as it would be stored. */
export function assertProductRules(product: Pick<Product, 'level' | 'publisher' | 'attachments' | 'id'>): void {
  if (product.level === 3 && !product.publisher) {
    throw ValidationError.field('publisher', 'Utgiver må oppgis for nivå 3-dokumenter');
  }
  product.attachments.forEach((attachment, index) => {
    if (!attachment.key.startsWith(`products/${product.id}/`)) {
      throw ValidationError.field(`attachments.${index}.key`, 'Filen tilhører et annet produkt');
    }
  });
}

/** Next due date, counted from the later of the last evaluation and the last publication. */
export function dueDateFor(product: Product, publishedOn: string | null): string | null {
  const candidates = [product.lastEvaluatedAt, publishedOn].filter((date): date is string => date !== null);
  const base = candidates.sort().at(-1);
  return base ? nextEvaluationDue(product, base) : null;
}

/**
 * What the website shows: retired products are archived; a product past its evaluation due date
 * (Oslo calendar) is no longer published as current, but stays readable.
 */
export function currencyOf(
  published: Pick<PublishedProduct, 'retiredAt' | 'nextEvaluationDue' | 'notCurrentReason'>,
  now: Date,
): { currency: Currency; notCurrentReason: NotCurrentReason | null } {
  if (published.retiredAt) return { currency: 'retired', notCurrentReason: null };
  if (published.notCurrentReason) return { currency: 'not-current', notCurrentReason: published.notCurrentReason };
  // The review check records this each morning; deriving it here keeps the website right before it runs.
  if (published.nextEvaluationDue && osloDate(now) > published.nextEvaluationDue) {
    return { currency: 'not-current', notCurrentReason: 'overdue' };
  }
  return { currency: 'current', notCurrentReason: null };
}

export function versionSnapshot(product: Product, publishedAt: string, publishedBy: string): ProductVersion {
  return {
    productId: product.id,
    version: product.workingVersion,
    slug: product.slug,
    type: product.type,
    level: product.level,
    topicCategory: product.topicCategory,
    riskOrTechnology: product.riskOrTechnology,
    themes: product.themes,
    targetGroups: product.targetGroups,
    owner: product.owner,
    publisher: product.publisher,
    currentNeed: product.currentNeed,
    title: product.title,
    summary: product.summary,
    body: product.body,
    attachments: product.attachments,
    legalReferences: product.legalReferences,
    relatedProducts: product.relatedProducts,
    decision: product.decision,
    publishedAt,
    publishedBy,
  };
}

export function publishedProjection(
  version: ProductVersion,
  state: Pick<PublishedProduct, 'nextEvaluationDue' | 'notCurrentReason' | 'retiredAt'>,
): PublishedProduct {
  const { body: _body, owner: _owner, currentNeed: _currentNeed, ...summary } = version;
  return { ...summary, ...state };
}
