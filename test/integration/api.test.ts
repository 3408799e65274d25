import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, productSchema } from '../../content-model';
import { minimalPdf } from '../../local/pdf';
import { startTestApi, type TestApi } from '../support/local-stack';
import { systemClock } from '../../functions/shared/clock';
import { adoptedCase } from '../support/governance';

/**
 * The handlers through the local API server (API Gateway stand-in) with real Cognito tokens from
 * cognito-local, DynamoDB Local and s3rver.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

async function call(
  method: string,
  path: string,
  options: { role?: Parameters<TestApi['tokenFor']>[0]; body?: unknown; token?: string; headers?: Record<string, string> } = {},
) {
  const token = options.token ?? (options.role ? await api.tokenFor(options.role) : undefined);
  const response = await fetch(`${api.url}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

const validGuide = {
  title: 'Veileder for API-test',
  type: 'guide',
  topicCategory: 'core',
  owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' },
  body: '<p>Innhold</p>',
};

async function createAndPublish(title: string, extra: Record<string, unknown> = {}) {
  const created = productSchema.parse((await call('POST', '/admin/products', { role: 'editor', body: { ...validGuide, title, ...extra } })).json);
  let revision = created.revision;
  const decided = await adoptedCase({ store: api.store, clock: systemClock }, [created.id], '2026-11-01');
  for (const body of [
    { action: 'send-to-consultation' },
    { action: 'approve', case: decided.number, closeConsultation: { reason: 'Vedtatt før fristen' } },
    { action: 'publish' },
  ]) {
    const response = await call('POST', `/admin/products/${created.id}/transitions`, { role: 'editor', body: { ...body, expectedRevision: revision } });
    expect(response.status).toBe(200);
    revision = productSchema.parse(response.json).revision;
  }
  return { ...created, revision };
}

describe('platform', () => {
  it('answers health and serves an OpenAPI document covering every route', async () => {
    expect((await call('GET', '/health')).json).toEqual({ status: 'ok' });
    const openapi = await call('GET', '/openapi.json');
    expect(openapi.status).toBe(200);
    const document = openapi.json as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(document.openapi).toBe('3.1.0');
    expect(document.paths['/admin/products']?.post?.operationId).toBe('createProduct');
    expect(document.paths['/content/products/{slug}/download']?.get?.operationId).toBe('downloadProductFile');
  });

  it('answers unknown paths with 404', async () => {
    const response = await call('GET', '/nope');
    expect(response.status).toBe(404);
  });
});

describe('authentication and roles', () => {
  it('rejects /admin without a token, with a forged token and with garbage', async () => {
    expect((await call('GET', '/admin/products')).status).toBe(401);
    const token = await api.tokenFor('editor');
    const [header, payload, signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()), 'cognito:groups': ['admin'] })).toString('base64url')}.${signature}`;
    expect((await call('GET', '/admin/products', { token: forged })).status).toBe(401);
    expect((await call('GET', '/admin/products', { token: 'not-a-jwt' })).status).toBe(401);
  });

  it('lets committee members read but not write (403)', async () => {
    expect((await call('GET', '/admin/products', { role: 'committee' })).status).toBe(200);
    const response = await call('POST', '/admin/products', { role: 'committee', body: validGuide });
    expect(response.status).toBe(403);
    expect(errorResponseSchema.parse(response.json).error.code).toBe('forbidden');
  });

  it('refuses a signed-in user without any group (403)', async () => {
    expect((await call('GET', '/admin/products', { role: 'noRole' })).status).toBe(403);
  });

  it('lets admins write', async () => {
    const response = await call('POST', '/admin/products', { role: 'admin', body: { ...validGuide, title: 'Opprettet av admin' } });
    expect(response.status).toBe(201);
    // The history records a readable "who": the email from the id token.
    expect(productSchema.parse(response.json).createdBy).toBe('admin@normen.local');
  });
});

describe('validation', () => {
  it('names every bad field with 400 and writes nothing', async () => {
    const before = (await api.store.products.listAll()).length;
    const response = await call('POST', '/admin/products', {
      role: 'editor',
      body: { title: 'x', type: 'poster', topicCategory: 'core', owner: { name: 'Ingrid', email: 'not-an-email' }, themes: ['gardening'] },
    });
    expect(response.status).toBe(400);
    const { error } = errorResponseSchema.parse(response.json);
    expect(error.code).toBe('invalid-input');
    expect(error.fields.map((field) => field.path).sort()).toEqual(['owner.email', 'themes.0', 'title', 'type']);
    expect((await api.store.products.listAll()).length).toBe(before);
  });

  it('rejects malformed JSON and a wrong content type as 400 on body', async () => {
    const malformed = await call('POST', '/admin/products', { role: 'editor', body: '{"title":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(errorResponseSchema.parse(malformed.json).error.fields[0]?.path).toBe('body');
    const wrongType = await call('POST', '/admin/products', { role: 'editor', body: 'title=x', headers: { 'content-type': 'text/plain' } });
    expect(wrongType.status).toBe(400);
  });

  it('rejects bad query parameters on the overview and the delivery list', async () => {
    const overview = await call('GET', '/admin/products?level=7&sort=colour', { role: 'editor' });
    expect(overview.status).toBe(400);
    expect(
      errorResponseSchema
        .parse(overview.json)
        .error.fields.map((field) => field.path)
        .sort(),
    ).toEqual(['level', 'sort']);
    const delivery = await call('GET', '/content/products?type=poster');
    expect(delivery.status).toBe(400);
    expect(errorResponseSchema.parse(delivery.json).error.fields[0]?.path).toBe('type');
  });

  it('requires a case like 06/25 from the decision register to approve', async () => {
    const created = productSchema.parse((await call('POST', '/admin/products', { role: 'editor', body: { ...validGuide, title: 'Vedtakstest' } })).json);
    await call('POST', `/admin/products/${created.id}/transitions`, { role: 'editor', body: { action: 'send-to-consultation', expectedRevision: 1 } });
    for (const extra of [{}, { case: '' }, { case: 'sak 6' }, { case: '99/19' }]) {
      const response = await call('POST', `/admin/products/${created.id}/transitions`, {
        role: 'editor',
        body: { action: 'approve', expectedRevision: 2, closeConsultation: { reason: 'Vedtatt før fristen' }, ...extra },
      });
      expect(response.status, JSON.stringify(extra)).toBe(400);
      expect(errorResponseSchema.parse(response.json).error.fields.map((field) => field.path)).toEqual(['case']);
    }
    expect((await api.store.products.get(created.id))?.status).toBe('consultation');
  });
});

describe('conflicts and missing things', () => {
  it('gives 409 on a stale revision and on a taken slug, 404 on unknown ids and slugs', async () => {
    const created = productSchema.parse(
      (await call('POST', '/admin/products', { role: 'editor', body: { ...validGuide, title: 'Konflikt', slug: 'konflikt' } })).json,
    );
    expect((await call('PUT', `/admin/products/${created.id}`, { role: 'editor', body: { expectedRevision: 1, summary: 'Først' } })).status).toBe(200);
    const stale = await call('PUT', `/admin/products/${created.id}`, { role: 'editor', body: { expectedRevision: 1, summary: 'Utdatert' } });
    expect(stale.status).toBe(409);
    expect((await api.store.products.get(created.id))?.summary).toBe('Først');

    const duplicate = await call('POST', '/admin/products', { role: 'editor', body: { ...validGuide, title: 'Annen', slug: 'konflikt' } });
    expect(duplicate.status).toBe(409);
    expect(errorResponseSchema.parse(duplicate.json).error.fields[0]?.path).toBe('slug');

    const wrongStep = await call('POST', `/admin/products/${created.id}/transitions`, { role: 'editor', body: { action: 'publish', expectedRevision: 2 } });
    expect(wrongStep.status).toBe(409);

    expect((await call('GET', '/admin/products/does-not-exist', { role: 'editor' })).status).toBe(404);
    expect((await call('GET', '/content/products/finnes-ikke')).status).toBe(404);
    expect((await call('GET', '/content/products/konflikt')).status).toBe(404); // a draft is not delivered
  });
});

describe('delivery and downloads', () => {
  it('serves a published product as current with CDN cache headers, and lists it by type', async () => {
    const product = await createAndPublish('Levert veileder', { themes: ['cloud'], targetGroups: ['suppliers'] });
    const response = await call('GET', `/content/products/${product.slug}`);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ slug: product.slug, currency: 'current', version: 1, body: '<p>Innhold</p>' });
    expect(response.headers.get('cache-control')).toMatch(/public, max-age=\d+, s-maxage=\d+/);
    const etag = response.headers.get('etag') ?? '';
    expect(etag).toMatch(/^W\/"/);
    expect((await call('GET', `/content/products/${product.slug}`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const listed = await call('GET', '/content/products?type=guide&theme=cloud&audience=suppliers&level=2&q=levert');
    expect((listed.json as { items: { slug: string }[] }).items.map((item) => item.slug)).toEqual([product.slug]);
    expect((await call('GET', '/admin/products', { role: 'editor' })).headers.get('cache-control')).toBe('no-store');
  });

  /** A ticket over HTTP, then the browser's form POST of `bytes` to the presigned POST. */
  async function uploadOverHttp(productId: string, bytes: Buffer) {
    const ticket = await call('POST', `/admin/products/${productId}/attachments`, {
      role: 'editor',
      body: { fileName: 'veileder.pdf', contentType: 'application/pdf', size: bytes.length },
    });
    expect(ticket.status).toBe(201);
    const { url, fields, attachment } = ticket.json as { url: string; fields: Record<string, string>; attachment: Record<string, unknown> };
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'veileder.pdf');
    const post = await fetch(url, { method: 'POST', body: form });
    expect(post.status).toBe(204);
    return attachment;
  }

  it('uploads a PDF with a presigned POST, serves it unsniffable, and counts 50 parallel downloads from one client once', async () => {
    const product = await createAndPublish('Veileder med PDF');
    const attachment = await uploadOverHttp(product.id, minimalPdf('Veileder med PDF', ['Test']));

    // Attaching edits the working copy; publish it as version 2 so the delivery API serves the file.
    const edited = productSchema.parse(
      (await call('PUT', `/admin/products/${product.id}`, { role: 'editor', body: { expectedRevision: product.revision, attachments: [attachment] } })).json,
    );
    expect(edited).toMatchObject({ status: 'draft', workingVersion: 2 });
    let revision = edited.revision;
    const decided = await adoptedCase({ store: api.store, clock: systemClock }, [product.id], '2026-11-10');
    for (const body of [
      { action: 'send-to-consultation' },
      { action: 'approve', case: decided.id, closeConsultation: { reason: 'Vedtatt før fristen' } },
      { action: 'publish' },
    ]) {
      revision = productSchema.parse(
        (await call('POST', `/admin/products/${product.id}/transitions`, { role: 'editor', body: { ...body, expectedRevision: revision } })).json,
      ).revision;
    }

    const downloads = await Promise.all(Array.from({ length: 50 }, () => call('GET', `/content/products/${product.slug}/download`)));
    expect(downloads.every((response) => response.status === 302)).toBe(true);
    expect(downloads.every((response) => response.headers.get('x-content-type-options') === 'nosniff')).toBe(true);
    const location = downloads[0]?.headers.get('location') ?? '';
    const file = await fetch(location);
    expect(file.status).toBe(200);
    // S3 cannot add nosniff to the object; the presigned GET makes it answer as a PDF instead.
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toBe('inline; filename="veileder.pdf"');
    expect(
      Buffer.from(await file.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit' }).format(new Date());
    expect((await api.store.products.get(product.id))?.downloadsTotal).toBe(1);
    expect(await api.store.downloads.since(product.id, month)).toEqual([{ month, downloads: 1 }]);
    // Another client (another browser here, all requests come from 127.0.0.1) counts.
    expect((await call('GET', `/content/products/${product.slug}/download`, { headers: { 'user-agent': 'Lenkesjekker/1.0' } })).status).toBe(302);
    expect((await api.store.products.get(product.id))?.downloadsTotal).toBe(2);
    // A link checker's HEAD gets the redirect but is no download (a new client, so it would count).
    const probe = await call('HEAD', `/content/products/${product.slug}/download`, { headers: { 'user-agent': 'Lenkesjekker/2.0' } });
    expect(probe.status).toBe(302);
    expect(probe.headers.get('location')?.split('?')[0]).toBe(location.split('?')[0]);
    expect((await api.store.products.get(product.id))?.downloadsTotal).toBe(2);
    // The counter must survive the next edit: edits never write it.
    await call('PUT', `/admin/products/${product.id}`, { role: 'editor', body: { expectedRevision: revision, currentNeed: true } });
    expect((await api.store.products.get(product.id))?.downloadsTotal).toBe(2);
  });

  it('refuses HTML uploaded as a PDF with a 400 naming the attachment, and writes nothing', async () => {
    const product = await createAndPublish('Veileder med falsk PDF');
    const attachment = await uploadOverHttp(product.id, Buffer.from('<html><body><script>alert(1)</script></body></html>'));
    const before = await api.store.products.get(product.id);
    const refused = await call('PUT', `/admin/products/${product.id}`, {
      role: 'editor',
      body: { expectedRevision: product.revision, attachments: [attachment] },
    });
    expect(refused.status).toBe(400);
    expect(errorResponseSchema.parse(refused.json).error).toMatchObject({
      code: 'invalid-input',
      fields: [{ path: 'attachments.0', message: 'Filen er ikke en PDF' }],
    });
    expect(await api.store.products.get(product.id)).toEqual(before);
  });

  it('returns 404 for a download of a product without a file', async () => {
    const product = await createAndPublish('Uten fil');
    expect((await call('GET', `/content/products/${product.slug}/download`)).status).toBe(404);
  });

  it('serves the overview as CSV to signed-in users', async () => {
    const csv = await call('GET', '/admin/overview.csv?status=published', { role: 'committee' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('dokumentoversikt.csv');
    expect(csv.text).toContain('Levert veileder');
    expect(csv.text).not.toContain('Konflikt');
  });

  it('answers CORS preflights for the CMS', async () => {
    const response = await fetch(`${api.url}/admin/products`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});
