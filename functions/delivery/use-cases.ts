import type { DeliveredProduct, DeliveryQuery, PublishedProduct } from '../../content-model';
import { NotFoundError } from '../shared/errors';
import { currencyOf } from '../products/domain';
import type { Platform } from '../shared/platform';
import { countDownload, type DownloadClient } from './download-counter';

type Deps = Pick<Platform, 'store' | 'clock'>;

function downloadPath(slug: string): string {
  return `/content/products/${encodeURIComponent(slug)}/download`;
}

function toDelivered(published: PublishedProduct, now: Date): Omit<DeliveredProduct, 'body'> {
  return {
    slug: published.slug,
    type: published.type,
    level: published.level,
    topicCategory: published.topicCategory,
    themes: published.themes,
    targetGroups: published.targetGroups,
    ...(published.publisher ? { publisher: published.publisher } : {}),
    title: published.title,
    summary: published.summary,
    version: published.version,
    publishedAt: published.publishedAt,
    decision: published.decision,
    nextEvaluationDue: published.nextEvaluationDue,
    ...currencyOf(published, now),
    legalReferences: published.legalReferences,
    relatedProducts: published.relatedProducts,
    attachments: published.attachments.map((attachment) => ({
      fileName: attachment.fileName,
      size: attachment.size,
      downloadUrl: downloadPath(published.slug),
    })),
  };
}

function matches(product: PublishedProduct, query: DeliveryQuery): boolean {
  if (query.theme && !product.themes.includes(query.theme)) return false;
  if (query.audience && !product.targetGroups.includes(query.audience)) return false;
  if (query.level !== undefined && product.level !== query.level) return false;
  if (query.q) {
    const needle = query.q.toLocaleLowerCase('nb');
    if (!`${product.title} ${product.summary}`.toLocaleLowerCase('nb').includes(needle)) return false;
  }
  return true;
}

/** Published products (or the archive of retired ones), sorted by type and title. */
export async function listPublishedProducts({ store, clock }: Deps, query: DeliveryQuery) {
  const published = await store.published.list({ archive: query.archive, type: query.type });
  const now = clock.now();
  return { items: published.filter((product) => matches(product, query)).map((product) => toDelivered(product, now)) };
}

async function findPublished(store: Deps['store'], slug: string): Promise<PublishedProduct> {
  const id = await store.products.findIdBySlug(slug);
  const published = id ? await store.published.get(id) : null;
  if (!published) throw new NotFoundError(`Fant ikke noe publisert produkt med adressen «${slug}»`);
  return published;
}

/** The current published version with its full text. Drafts of a next version are never shown. */
export async function getPublishedProduct({ store, clock }: Deps, slug: string): Promise<DeliveredProduct> {
  const published = await findPublished(store, slug);
  const version = await store.versions.get(published.productId, published.version);
  if (!version) throw new NotFoundError('Den publiserte versjonen mangler');
  return { ...toDelivered(published, clock.now()), body: version.body };
}

/**
 * Returns a short-lived URL to the PDF and counts the download (total and per Oslo month) once per
 * client per Oslo day; a repeat still gets the file, it just does not count again.
 */
/** `client` is null for a HEAD request: link checkers and CDNs probe the link, nobody downloads. */
export async function downloadProductFile(
  { store, clock, files }: Pick<Platform, 'store' | 'clock' | 'files'>,
  slug: string,
  client: DownloadClient | null,
): Promise<string> {
  const published = await findPublished(store, slug);
  const attachment = published.attachments[0];
  if (!attachment) throw new NotFoundError('Produktet har ingen fil å laste ned');
  const [url] = await Promise.all([
    files.downloadUrl(attachment.key, attachment.fileName),
    client ? countDownload(store, published.productId, client, clock.now()) : undefined,
  ]);
  return url;
}
