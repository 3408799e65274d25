import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productCreateSchema, type Attachment, type Product } from '../../content-model';
import { downloadProductFile } from '../../functions/delivery/use-cases';
import { createProduct } from '../../functions/products/use-cases/create-product';
import { createUploadTicket } from '../../functions/products/use-cases/create-upload-ticket';
import { transitionProduct } from '../../functions/products/use-cases/transition-product';
import { updateProduct } from '../../functions/products/use-cases/update-product';
import { ValidationError } from '../../functions/shared/errors';
import { minimalPdf } from '../../local/pdf';
import { s3LocalClientConfig } from '../../local/services';
import { productDependencies, services } from '../support/local-stack';
import { adoptedCase } from '../support/governance';

/**
 * Attachments and downloads against the real local services: uploads through the presigned POST
 * to s3rver, the check of the stored object before it is attached, and the download counter in
 * DynamoDB Local.
 */
type Deps = Awaited<ReturnType<typeof productDependencies>>;
const editor = { username: 'redaktor@normen.local', groups: ['editor' as const] };
const html = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n');

let deps: Deps;
let s3: S3Client;
beforeAll(async () => {
  deps = await productDependencies('2026-11-22T09:00:00Z');
  s3 = new S3Client(s3LocalClientConfig(services().s3Endpoint));
});
afterAll(() => s3?.destroy());

async function draft(title: string): Promise<Product> {
  return createProduct(
    deps,
    editor,
    productCreateSchema.parse({ title, type: 'guide', topicCategory: 'other', owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' } }),
  );
}

/** Asks for a ticket declaring `declared` bytes, then posts `bytes` as the browser form would. */
async function upload(product: Product, bytes: Buffer, declared = bytes.length): Promise<{ attachment: Attachment; status: number }> {
  const ticket = await createUploadTicket(deps, product.id, { fileName: 'veileder.pdf', contentType: 'application/pdf', size: declared });
  const form = new FormData();
  for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'veileder.pdf');
  const response = await fetch(ticket.url, { method: 'POST', body: form });
  return { attachment: ticket.attachment, status: response.status };
}

/** Tries to attach; on refusal, proves nothing was written (same item, no audit record). */
async function expectRefused(product: Product, attachment: Attachment, message: RegExp) {
  const before = await deps.store.products.get(product.id);
  const auditBefore = await deps.store.audit.listFor('product', product.id);
  const refusal = updateProduct(deps, editor, product.id, { expectedRevision: product.revision, attachments: [attachment] });
  await expect(refusal).rejects.toBeInstanceOf(ValidationError);
  await expect(refusal).rejects.toMatchObject({ status: 400, fields: [{ path: 'attachments.0', message: expect.stringMatching(message) }] });
  expect(await deps.store.products.get(product.id)).toEqual(before);
  expect(await deps.store.audit.listFor('product', product.id)).toEqual(auditBefore);
}

describe('attachments are the PDFs they claim to be', () => {
  it('attaches a real PDF uploaded with the presigned POST', async () => {
    const product = await draft('Veileder med ekte PDF');
    const pdf = minimalPdf(product.title, ['Innhold']);
    const { attachment, status } = await upload(product, pdf);
    expect(status).toBe(204);
    const updated = await updateProduct(deps, editor, product.id, { expectedRevision: product.revision, attachments: [attachment] });
    expect(updated.attachments).toEqual([attachment]);
    expect(await deps.files.inspect(attachment.key, 5)).toEqual({ size: pdf.length, contentType: 'application/pdf', head: Buffer.from('%PDF-') });
  });

  it('refuses HTML named .pdf with a 400 naming the attachment, and writes nothing', async () => {
    const product = await draft('Veileder med falsk PDF');
    const { attachment, status } = await upload(product, html);
    expect(status).toBe(204); // the bucket takes it (the type field says PDF) …
    await expectRefused(product, attachment, /ikke en PDF/); // … the check does not
  });

  it('refuses an upload larger than the size it declared (s3rver does not enforce the policy)', async () => {
    const product = await draft('Veileder med for stor fil');
    const pdf = minimalPdf(product.title, ['Innhold']);
    const { attachment, status } = await upload(product, Buffer.concat([pdf, Buffer.alloc(4096, 0x20)]), pdf.length);
    // Real S3 answers 400 EntityTooLarge for a body outside content-length-range; s3rver stores it.
    expect(status).toBe(204);
    await expectRefused(product, attachment, /oppgitte størrelsen/);
  });

  it('refuses an object stored with another content type, even when it starts like a PDF', async () => {
    const product = await draft('Veileder lagret som HTML');
    const pdf = minimalPdf(product.title, ['Innhold']);
    const ticket = await createUploadTicket(deps, product.id, { fileName: 'veileder.pdf', contentType: 'application/pdf', size: pdf.length });
    await s3.send(new PutObjectCommand({ Bucket: services().filesBucket, Key: ticket.attachment.key, Body: pdf, ContentType: 'text/html' }));
    await expectRefused(product, ticket.attachment, /lagret som PDF/);
  });

  it('refuses a file that was never uploaded and names every bad attachment', async () => {
    const product = await draft('Veileder med to feil');
    const good = await upload(product, minimalPdf(product.title, ['Innhold']));
    const bad = await upload(product, html);
    const missing = (await createUploadTicket(deps, product.id, { fileName: 'x.pdf', contentType: 'application/pdf', size: 10 })).attachment;
    await expect(
      updateProduct(deps, editor, product.id, { expectedRevision: product.revision, attachments: [good.attachment, bad.attachment, missing] }),
    ).rejects.toMatchObject({
      fields: [
        { path: 'attachments.1', message: 'Filen er ikke en PDF' },
        { path: 'attachments.2', message: 'Filen er ikke lastet opp' },
      ],
    });
    expect((await deps.store.products.get(product.id))?.revision).toBe(product.revision);
  });

  it('signs a policy that fixes the key and type and allows exactly the declared size', async () => {
    const product = await draft('Veileder med policy');
    const ticket = await createUploadTicket(deps, product.id, { fileName: 'veileder.pdf', contentType: 'application/pdf', size: 1234 });
    expect(ticket.fields).toMatchObject({ key: ticket.attachment.key, 'Content-Type': 'application/pdf' });
    const policy = JSON.parse(Buffer.from(ticket.fields.Policy ?? '', 'base64').toString('utf8')) as { conditions: unknown[]; expiration: string };
    expect(policy.conditions).toEqual(
      expect.arrayContaining([['content-length-range', 1234, 1234], ['eq', '$Content-Type', 'application/pdf'], { key: ticket.attachment.key }]),
    );
    expect(new Date(policy.expiration).getTime() - Date.now()).toBeLessThanOrEqual(300_000);
  });
});

describe('downloads count once per client per product per Oslo day', () => {
  let product: Product;
  const alice = { sourceIp: '203.0.113.7', userAgent: 'Mozilla/5.0 (Alice; Firefox)' };
  const bob = { sourceIp: '198.51.100.23', userAgent: 'Mozilla/5.0 (Bob; Safari)' };

  beforeAll(async () => {
    deps.clock.set('2026-11-22T09:00:00Z');
    const created = await draft('Populær veileder');
    const { attachment } = await upload(created, minimalPdf(created.title, ['Innhold']));
    let current = await updateProduct(deps, editor, created.id, { expectedRevision: created.revision, attachments: [attachment] });
    current = await transitionProduct(deps, editor, current.id, { action: 'send-to-consultation', expectedRevision: current.revision });
    const decided = await adoptedCase(deps, [current.id], '2026-11-01');
    current = await transitionProduct(deps, editor, current.id, {
      action: 'approve',
      expectedRevision: current.revision,
      case: decided.number,
      closeConsultation: { reason: 'Vedtatt i styringsgruppen' },
    });
    product = await transitionProduct(deps, editor, current.id, { action: 'publish', expectedRevision: current.revision });
  });

  const totals = async () => ({
    total: (await deps.store.products.get(product.id))?.downloadsTotal,
    months: await deps.store.downloads.since(product.id, '2026-11'),
  });

  it('counts 50 concurrent downloads from one client once, and every one still gets the file', async () => {
    // 23:58 in Oslo on 22 November (CET, UTC+1).
    deps.clock.set('2026-11-22T22:58:00Z');
    const urls = await Promise.all(Array.from({ length: 50 }, () => downloadProductFile(deps, product.slug, alice)));
    expect(new Set(urls.map((url) => new URL(url).pathname))).toEqual(new Set([`/${services().filesBucket}/${product.attachments[0]?.key}`]));
    expect(await totals()).toEqual({ total: 1, months: [{ month: '2026-11', downloads: 1 }] });
  });

  it('counts a second client, alone and concurrently with the first', async () => {
    await Promise.all([...Array.from({ length: 10 }, () => downloadProductFile(deps, product.slug, bob)), downloadProductFile(deps, product.slug, alice)]);
    // The same address with another browser is another client.
    await downloadProductFile(deps, product.slug, { ...alice, userAgent: 'curl/8.5.0' });
    expect(await totals()).toEqual({ total: 3, months: [{ month: '2026-11', downloads: 3 }] });
  });

  it('counts the same client again on the next Oslo day, though it is still the same day in UTC', async () => {
    deps.clock.set('2026-11-22T23:01:00Z'); // 00:01 on 23 November in Oslo
    await Promise.all(Array.from({ length: 20 }, () => downloadProductFile(deps, product.slug, alice)));
    expect(await totals()).toEqual({ total: 4, months: [{ month: '2026-11', downloads: 4 }] });
    deps.clock.set('2026-11-30T23:30:00Z'); // 00:30 on 1 December in Oslo: the December count
    await downloadProductFile(deps, product.slug, alice);
    expect(await totals()).toEqual({
      total: 5,
      months: [
        { month: '2026-11', downloads: 4 },
        { month: '2026-12', downloads: 1 },
      ],
    });
  });

  it('keeps no address or user agent, only keyed hashes that expire', async () => {
    // A scan is fine in a test: it looks at every item the downloads wrote.
    const { Items = [] } = await deps.table.client.send(new ScanCommand({ TableName: deps.table.name }));
    const stored = JSON.stringify(Items);
    for (const client of [alice, bob]) {
      expect(stored).not.toContain(client.sourceIp);
      expect(stored).not.toContain(client.userAgent);
    }
    expect(stored).not.toContain('curl/8.5.0');
    const markers = Items.filter((item) => item.entity === 'download-marker');
    // alice, bob and alice-with-curl on the 22nd; alice on the 23rd and on 1 December.
    expect(markers).toHaveLength(5);
    for (const marker of markers) {
      expect(Object.keys(marker).sort()).toEqual(['entity', 'expiresAt', 'pk', 'sk']);
      expect(marker.sk).toMatch(/^CLIENT#[\w-]{43}$/); // base64url of a SHA-256 HMAC
      expect(marker.expiresAt).toEqual(expect.any(Number));
    }
    // A different key every day: the same client cannot be followed across days.
    const aliceKeys = markers
      .filter((marker) => String(marker.pk).endsWith('2026-11-23') || String(marker.pk).endsWith('2026-12-01'))
      .map((marker) => marker.sk);
    expect(new Set(aliceKeys).size).toBe(2);
    const salts = Items.filter((item) => item.entity === 'download-salt');
    expect(salts.map((salt) => salt.sk).sort()).toEqual(['DAY#2026-11-22', 'DAY#2026-11-23', 'DAY#2026-12-01']);
    for (const item of [...markers, ...salts]) expect(item.expiresAt).toBeGreaterThan(Date.parse('2026-11-22T22:58:00Z') / 1000 + 86_400);
  });
});
