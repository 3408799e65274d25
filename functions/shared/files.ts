import { GetObjectCommand, HeadObjectCommand, NotFound, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { required, type Config } from './config';

/** A browser form upload: POST `fields` (then the file, as the last part named `file`) to `url`. */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

/** What the bucket holds under a key: its stored size and content type, and its first bytes. */
export interface StoredObject {
  size: number;
  contentType: string | undefined;
  head: Buffer;
}

/** Product files in S3, reached by short-lived presigned URLs so the bytes never pass through Lambda. */
export interface FileStore {
  /**
   * A presigned POST whose policy fixes the key and the Content-Type and allows exactly `size`
   * bytes (S3 refuses anything else). The stored object is still checked before it is attached
   * (functions/products/attachment-check.ts), since a policy is only as good as the server enforcing it.
   */
  uploadForm(key: string, contentType: string, size: number): Promise<UploadForm>;
  /**
   * A presigned GET that makes S3 answer with `Content-Type: application/pdf` and a Content-Disposition
   * whatever the object was stored with, so a browser shows it as a PDF and never renders it as HTML.
   * S3 (and s3rver) cannot add `X-Content-Type-Options: nosniff` to the object response: only the
   * `response-*` overrides exist. nosniff rides on the API's 302 (the security-headers middleware); for
   * the file itself, the forced PDF type is the protection (browsers do not sniff a declared PDF as HTML),
   * together with the `%PDF-` check before anything is attached.
   */
  downloadUrl(key: string, fileName: string): Promise<string>;
  /** HeadObject plus a ranged GetObject of the first `bytes` bytes; null when nothing is stored there. */
  inspect(key: string, bytes: number): Promise<StoredObject | null>;
  readonly urlTtlSeconds: number;
}

function isMissing(error: unknown): boolean {
  return error instanceof NotFound || error instanceof NoSuchKey || (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey'));
}

export function createS3FileStore(options: { bucket: string; region: string; endpoint?: string | undefined; urlTtlSeconds: number }): FileStore {
  const client = new S3Client({
    region: options.region,
    // Otherwise the SDK signs a checksum of an empty body into presigned URLs and S3 rejects the upload.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    ...(options.endpoint ? { endpoint: options.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } } : {}),
  });
  const expiresIn = options.urlTtlSeconds;
  return {
    urlTtlSeconds: expiresIn,
    uploadForm: (key, contentType, size) =>
      createPresignedPost(client, {
        Bucket: options.bucket,
        Key: key,
        Fields: { 'Content-Type': contentType },
        Conditions: [
          ['content-length-range', size, size],
          ['eq', '$Content-Type', contentType],
        ],
        Expires: expiresIn,
      }),
    downloadUrl: (key, fileName) =>
      getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: options.bucket,
          Key: key,
          ResponseContentDisposition: `inline; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
          ResponseContentType: 'application/pdf',
        }),
        { expiresIn },
      ),
    async inspect(key, bytes) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: key }));
        const size = head.ContentLength ?? 0;
        // A range of an empty object is refused (416), and there is nothing to read anyway.
        if (size === 0) return { size, contentType: head.ContentType, head: Buffer.alloc(0) };
        const range = await client.send(new GetObjectCommand({ Bucket: options.bucket, Key: key, Range: `bytes=0-${bytes - 1}` }));
        const start = Buffer.from((await range.Body?.transformToByteArray()) ?? new Uint8Array());
        // A server that ignores Range sends the whole object; only the asked-for bytes are kept.
        return { size, contentType: head.ContentType, head: start.subarray(0, bytes) };
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },
  };
}

/** The file store a Lambda uses, from its configuration. */
export function fileStoreFromConfig(config: Pick<Config, 'FILES_BUCKET' | 'AWS_REGION' | 'S3_ENDPOINT' | 'FILE_URL_TTL_SECONDS'>): FileStore {
  return createS3FileStore({
    bucket: required(config.FILES_BUCKET, 'FILES_BUCKET'),
    region: config.AWS_REGION,
    endpoint: config.S3_ENDPOINT,
    urlTtlSeconds: config.FILE_URL_TTL_SECONDS,
  });
}
