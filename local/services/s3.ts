import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import S3rver from 's3rver';
import { assertPortFree, localRegion } from './support';

export interface S3Local {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * s3rver only accepts requests signed with its hardcoded key pair (it checks that the access key
 * exists, not the SigV4 signature itself). Any client talking to it, including the presigner,
 * must use these; with any other key it answers InvalidAccessKeyId.
 */
export const s3LocalCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/**
 * Client settings for @aws-sdk/client-s3 against s3rver: its key pair and path-style URLs (no bucket
 * subdomains on localhost). `WHEN_REQUIRED` stops the SDK from putting the CRC32 of an *empty* body
 * (`x-amz-checksum-crc32=AAAAAA==`) into presigned PUT URLs: s3rver ignores it, but real S3 would
 * reject the browser's upload with BadDigest, so the AWS client needs the same setting.
 */
export function s3LocalClientConfig(endpoint: string): {
  endpoint: string;
  region: string;
  forcePathStyle: true;
  requestChecksumCalculation: 'WHEN_REQUIRED';
  credentials: { accessKeyId: string; secretAccessKey: string };
} {
  return {
    endpoint,
    region: localRegion,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    credentials: { ...s3LocalCredentials },
  };
}

/**
 * Browsers (the CMS UI on another localhost port) upload files straight to the bucket with a
 * presigned POST (a multipart form) and download them with presigned GETs, so the bucket needs CORS
 * for POST/GET/HEAD (PUT too, for presigned PUTs) with any request header and must expose ETag.
 * s3rver allows one `*` per AllowedOrigin, so `http://localhost:*` covers every local port.
 */
function corsXml(allowedOrigins: readonly string[]): string {
  const escapeXml = (value: string): string => value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const origins = allowedOrigins.map((origin) => `<AllowedOrigin>${escapeXml(origin)}</AllowedOrigin>`).join('');
  return (
    '<CORSConfiguration><CORSRule>' +
    origins +
    '<AllowedMethod>GET</AllowedMethod><AllowedMethod>POST</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>' +
    '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>' +
    '</CORSRule></CORSConfiguration>'
  );
}

export const defaultCorsAllowedOrigins = ['http://localhost:*', 'http://127.0.0.1:*'] as const;

/**
 * Runs s3rver in this process, storing objects as files under `dataDir`. The buckets are created
 * (or reconfigured, keeping their objects) on every start.
 */
export async function startS3Local(opts: { port: number; dataDir: string; buckets: string[]; corsAllowedOrigins?: string[] }): Promise<S3Local> {
  // s3rver's listen promise never settles when the port is taken (the error goes to an unhandled 'error' event).
  await assertPortFree(opts.port, 'S3 local (s3rver)', 'S3_PORT');
  const directory = path.resolve(opts.dataDir);
  await mkdir(directory, { recursive: true });

  const cors = corsXml(opts.corsAllowedOrigins ?? defaultCorsAllowedOrigins);
  const server = new S3rver({
    address: 'localhost',
    port: opts.port,
    directory,
    silent: true,
    // Bucket names must not become subdomains of localhost; clients use path-style URLs.
    vhostBuckets: false,
    configureBuckets: opts.buckets.map((name) => ({ name, configs: [cors] })),
  });
  await server.run();

  return {
    endpoint: `http://localhost:${opts.port}`,
    stop: async () => {
      const closing = server.close();
      // A browser's keep-alive connection would otherwise hold close() open.
      server.httpServer?.closeAllConnections();
      await closing;
    },
  };
}
