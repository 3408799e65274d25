import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3LocalClientConfig, startS3Local } from '../../local/services/s3';
import type { S3Local } from '../../local/services/s3';

const port = 24569;
const bucket = 'normen-files-test';
/** Where the CMS UI runs locally; a different origin from the bucket. */
const cmsOrigin = 'http://localhost:3000';

// A tiny but real PDF: the upload path is meant for PDFs.
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

describe('S3 local (s3rver)', () => {
  let dataDir: string | undefined;
  let s3: S3Local | undefined;
  let client: S3Client;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'normen-s3-'));
    s3 = await startS3Local({ port, dataDir, buckets: [bucket] });
    client = new S3Client(s3LocalClientConfig(s3.endpoint));
  });

  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers a browser CORS preflight for a presigned PUT from another localhost origin', async () => {
    if (!s3) throw new Error('S3 local did not start');
    const response = await fetch(`${s3.endpoint}/${bucket}/uploads/preflight.pdf`, {
      method: 'OPTIONS',
      headers: {
        Origin: cmsOrigin,
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/localhost:3000)$/);
    expect(response.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
  });

  it('refuses a preflight from an origin outside the allowed list', async () => {
    if (!s3) throw new Error('S3 local did not start');
    const response = await fetch(`${s3.endpoint}/${bucket}/uploads/preflight.pdf`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(response.status).toBe(403);
  });

  it('accepts a presigned PUT and serves it back with a presigned GET', async () => {
    if (!s3) throw new Error('S3 local did not start');
    const key = 'uploads/veileder.pdf';
    const putUrl = await getSignedUrl(
      client,
      new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: 'application/pdf' }),
      { expiresIn: 300 },
    );
    // A checksum of the empty body in the URL would make real S3 reject the upload.
    expect(new URL(putUrl).searchParams.has('x-amz-checksum-crc32')).toBe(false);
    const put = await fetch(putUrl, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/pdf', Origin: cmsOrigin },
      body: pdf,
    });
    expect(put.status, await put.clone().text()).toBe(200);
    expect(put.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/localhost:3000)$/);
    expect(put.headers.get('access-control-expose-headers')).toContain('ETag');

    const getUrl = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: 300 });
    const get = await fetch(getUrl, { headers: { Origin: cmsOrigin } });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('application/pdf');
    expect(get.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/localhost:3000)$/);
    expect(Buffer.from(await get.arrayBuffer()).equals(pdf)).toBe(true);
  });

  it('refuses a port that is already taken', async () => {
    if (!dataDir) throw new Error('no data dir');
    await expect(startS3Local({ port, dataDir, buckets: [bucket] })).rejects.toThrow(/port 24569 is already in use/);
  });
});
