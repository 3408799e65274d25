import { GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { required, type Config } from './config';

/** Product files in S3, reached by short-lived presigned URLs so the bytes never pass through Lambda. */
export interface FileStore {
  uploadUrl(key: string, contentType: string, size: number): Promise<string>;
  downloadUrl(key: string, fileName: string): Promise<string>;
  exists(key: string): Promise<boolean>;
  readonly urlTtlSeconds: number;
}

export function createS3FileStore(options: {
  bucket: string;
  region: string;
  endpoint?: string | undefined;
  urlTtlSeconds: number;
}): FileStore {
  const client = new S3Client({
    region: options.region,
    // Otherwise the SDK signs a checksum of an empty body into presigned PUT URLs and S3 rejects the upload.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    ...(options.endpoint
      ? { endpoint: options.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } }
      : {}),
  });
  const expiresIn = options.urlTtlSeconds;
  return {
    urlTtlSeconds: expiresIn,
    uploadUrl: (key, contentType, size) =>
      getSignedUrl(client, new PutObjectCommand({ Bucket: options.bucket, Key: key, ContentType: contentType, ContentLength: size }), {
        expiresIn,
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
    async exists(key) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: options.bucket, Key: key }));
        return true;
      } catch (error) {
        if (error instanceof NotFound || (error instanceof Error && error.name === 'NotFound')) return false;
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
