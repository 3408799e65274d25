import { randomUUID } from 'node:crypto';
import type { UploadRequest } from '../../../content-model';
import { ConflictError } from '../../shared/errors';
import type { Platform } from '../../shared/platform';
import { getProduct } from './read-product';

/**
 * A presigned POST for one PDF (key, Content-Type and exact size fixed by its policy); the editor
 * then saves the product with the returned attachment, and the save checks what was stored.
 */
export async function createUploadTicket({ store, files }: Pick<Platform, 'store' | 'files'>, id: string, request: UploadRequest) {
  const product = await getProduct({ store }, id);
  if (product.status === 'retired') throw new ConflictError('Et sanert produkt kan ikke få nye vedlegg');
  const safeName = request.fileName
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+/, '')
    .slice(-120);
  const attachment = {
    key: `products/${id}/${randomUUID()}-${safeName}`,
    fileName: request.fileName,
    contentType: request.contentType,
    size: request.size,
  };
  const { url, fields } = await files.uploadForm(attachment.key, attachment.contentType, attachment.size);
  return { url, fields, attachment, expiresInSeconds: files.urlTtlSeconds };
}
