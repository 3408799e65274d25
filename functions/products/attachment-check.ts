import { maxAttachmentBytes, type Attachment } from '../../content-model';
import { ValidationError, type FieldError } from '../shared/errors';
import type { FileStore } from '../shared/files';

/** Every PDF starts with this header (ISO 32000-1, 7.5.2). */
const pdfHeader = Buffer.from('%PDF-', 'latin1');

/**
 * Why a stored object may not be attached, or null when it is the PDF the attachment claims.
 * The browser's word (file name, declared type) proves nothing, so this looks at what S3 holds:
 * the size, the stored Content-Type, and the first bytes (one ranged read, never the whole file).
 */
export async function attachmentProblem(files: Pick<FileStore, 'inspect'>, attachment: Attachment): Promise<string | null> {
  const stored = await files.inspect(attachment.key, pdfHeader.length);
  if (!stored) return 'Filen er ikke lastet opp';
  if (stored.size > maxAttachmentBytes) return `Filen er større enn ${maxAttachmentBytes / (1024 * 1024)} MB`;
  if (stored.size !== attachment.size) return 'Filen har ikke den oppgitte størrelsen';
  if (stored.contentType?.split(';')[0]?.trim().toLowerCase() !== 'application/pdf') return 'Filen er ikke lagret som PDF (application/pdf)';
  if (!stored.head.equals(pdfHeader)) return 'Filen er ikke en PDF';
  return null;
}

/**
 * Refuses the edit (400 naming `attachments.N`, before anything is written) when an attachment
 * that was not already on the product is missing from the bucket or is not a PDF within the limit.
 * Attachments already on the product were checked when they were added.
 */
export async function assertNewAttachmentsArePdfs(
  files: Pick<FileStore, 'inspect'>,
  current: readonly Attachment[],
  proposed: readonly Attachment[],
): Promise<void> {
  const known = new Set(current.map((attachment) => attachment.key));
  const problems = await Promise.all(
    proposed.map(async (attachment, index): Promise<FieldError | null> => {
      if (known.has(attachment.key)) return null;
      const message = await attachmentProblem(files, attachment);
      return message ? { path: `attachments.${index}`, message } : null;
    }),
  );
  const fields = problems.filter((problem): problem is FieldError => problem !== null);
  const [first] = fields;
  if (!first) return;
  throw fields.length === 1
    ? ValidationError.field(first.path, first.message)
    : new ValidationError(`Ugyldige vedlegg: sjekk ${fields.map((field) => field.path).join(', ')}`, fields);
}
