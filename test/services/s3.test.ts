import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createS3FileStore, type FileStore } from '../../functions/shared/files';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3LocalClientConfig, startS3Local } from '../../local/services/s3';
import type { S3Local } from '../../local/services/s3';

const port = 24569;
const bucket = 'normen-files-test';
/** Where the CMS UI runs locally; a different origin from the bucket. */
const cmsOrigin = 'http://localhost:3000';

// A tiny but real PDF: the upload path is meant for PDFs.
const pdf = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' + 'trailer<</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);

describe('S3 local (s3rver)', () => {
  let dataDir: string | undefined;
  let s3: S3Local | undefined;
  let client: S3Client;
  let files: FileStore;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'normen-s3-'));
    s3 = await startS3Local({ port, dataDir, buckets: [bucket] });
    client = new S3Client(s3LocalClientConfig(s3.endpoint));
    files = createS3FileStore({ bucket, region: 'eu-north-1', endpoint: s3.endpoint, urlTtlSeconds: 300 });
  });

  /** What the CMS does: the policy fields, then the file, as multipart form data from its origin. */
  async function postForm(key: string, body: Buffer, declaredSize = body.length) {
    const { url, fields } = await files.uploadForm(key, 'application/pdf', declaredSize);
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(body)], { type: 'application/pdf' }), 'fil.pdf');
    return fetch(url, { method: 'POST', body: form, headers: { Origin: cmsOrigin } });
  }

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
    const putUrl = await getSignedUrl(client, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: 'application/pdf' }), { expiresIn: 300 });
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

  it('answers a browser CORS preflight for the presigned POST from the CMS origin', async () => {
    if (!s3) throw new Error('S3 local did not start');
    const response = await fetch(`${s3.endpoint}/${bucket}`, {
      method: 'OPTIONS',
      headers: { Origin: cmsOrigin, 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('accepts the presigned POST form from the CMS origin, storing the type the policy fixes', async () => {
    const key = 'products/p1/form-upload.pdf';
    const post = await postForm(key, pdf);
    expect(post.status, await post.clone().text()).toBe(204);
    expect(post.headers.get('access-control-allow-origin')).toMatch(/^(\*|http:\/\/localhost:3000)$/);
    expect(await files.inspect(key, 5)).toEqual({ size: pdf.length, contentType: 'application/pdf', head: Buffer.from('%PDF-') });
    expect(await files.inspect('products/p1/not-there.pdf', 5)).toBeNull();
  });

  it('does not enforce the POST policy: a body outside content-length-range is stored (real S3 refuses it)', async () => {
    // Recorded so nobody relies on s3rver for this: the check after upload (attachment-check.ts) must catch it.
    const key = 'products/p1/too-big.pdf';
    const post = await postForm(key, Buffer.concat([pdf, Buffer.alloc(1024)]), pdf.length);
    expect(post.status).toBe(204);
    expect((await files.inspect(key, 5))?.size).toBe(pdf.length + 1024);
  });

  it('serves a download as a PDF whatever type the object was stored with', async () => {
    const key = 'products/p1/stored-as-html.pdf';
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: '<html><script>alert(1)</script></html>', ContentType: 'text/html' }));
    const response = await fetch(await files.downloadUrl(key, 'rapport (endelig).pdf'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe('inline; filename="rapport__endelig_.pdf"');
  });

  it('refuses a port that is already taken', async () => {
    if (!dataDir) throw new Error('no data dir');
    await expect(startS3Local({ port, dataDir, buckets: [bucket] })).rejects.toThrow(/port 24569 is already in use/);
  });
});
