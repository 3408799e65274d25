import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, productCreateSchema, productSchema, type Product } from '../../content-model';
import { listOpenConsultations, updateConsultation } from '../../functions/consultations/use-cases';
import { createProduct } from '../../functions/products/use-cases/create-product';
import { transitionProduct } from '../../functions/products/use-cases/transition-product';
import { inputRateLimit, inputsCsv, submitInput, triageInput } from '../../functions/inputs/use-cases';
import { RateLimitedError } from '../../functions/shared/rate-limit';
import { ValidationError } from '../../functions/shared/errors';
import { emailsTo, reviewDependencies, startTestApi, type TestApi } from '../support/local-stack';

type Deps = Awaited<ReturnType<typeof reviewDependencies>>;
const editor = { username: 'redaktor@normen.local', groups: ['editor' as const] };

async function draft(deps: Deps, level: 1 | 2 | 3 = 2): Promise<Product> {
  return createProduct(
    deps,
    editor,
    productCreateSchema.parse({
      title: `Faktaark ${randomUUID().slice(0, 8)}`,
      type: level === 1 ? 'main-document' : 'fact-sheet',
      level,
      ...(level === 3 ? { publisher: 'Datatilsynet' } : {}),
      topicCategory: 'core',
      owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' },
      body: '<p>Utkast til høring</p>',
    }),
  );
}

const submission = (consultationId: string, overrides: Record<string, unknown> = {}) => ({
  consultationId,
  name: 'Per Personvernombud',
  email: `per-${randomUUID()}@sykehus.no`,
  organisation: 'Helse Vest',
  stakeholderGroup: 'obliged-organisation' as const,
  text: 'Vi foreslår å presisere kravet om tilgangskontroll.',
  ...overrides,
});

describe('consultations', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies('2026-06-10T08:00:00Z');
  });

  it('opens a consultation with the level default, extended over July, and lists it with the draft text', async () => {
    const product = await draft(deps);
    const inConsultation = await transitionProduct(deps, editor, product.id, { action: 'send-to-consultation', expectedRevision: 1 });
    expect(inConsultation.status).toBe('consultation');
    const [consultation] = (await deps.store.consultations.list()).filter((candidate) => candidate.productId === product.id);
    expect(consultation).toMatchObject({ opensOn: '2026-06-10', closesOn: '2026-08-08', level: 2, audience: 'Styringsgruppens medlemmer og utvalgte aktører' });
    const open = await listOpenConsultations(deps);
    expect(open.items.find((item) => item.id === consultation?.id)).toMatchObject({ draftBody: '<p>Utkast til høring</p>', title: product.title });
  });

  it('refuses a window shorter than the minimum and names the field, leaving the product a draft', async () => {
    const product = await draft(deps);
    await expect(
      transitionProduct(deps, editor, product.id, { action: 'send-to-consultation', expectedRevision: 1, consultation: { closesOn: '2026-06-30' } }),
    ).rejects.toMatchObject({ fields: [{ path: 'consultation.closesOn' }] });
    // 21 counted days is the minimum for level 2: 10 June + 20 June days + 1 August day.
    await transitionProduct(deps, editor, product.id, { action: 'send-to-consultation', expectedRevision: 1, consultation: { closesOn: '2026-08-01' } });
    const level1 = await draft(deps, 1);
    await expect(
      transitionProduct(deps, editor, level1.id, { action: 'send-to-consultation', expectedRevision: 1, consultation: { closesOn: '2026-08-15' } }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect((await deps.store.products.get(level1.id))?.status).toBe('draft');
  });

  it('lets an editor move the deadline, but not below the minimum', async () => {
    const product = await draft(deps, 3);
    await transitionProduct(deps, editor, product.id, { action: 'send-to-consultation', expectedRevision: 1 });
    const consultation = (await deps.store.consultations.list()).find((candidate) => candidate.productId === product.id);
    if (!consultation) throw new Error('no consultation');
    const moved = await updateConsultation(deps, editor, consultation.id, { closesOn: '2026-08-20', expectedRevision: 1 });
    expect(moved).toMatchObject({ closesOn: '2026-08-20', revision: 2 });
    await expect(updateConsultation(deps, editor, consultation.id, { closesOn: '2026-06-20', expectedRevision: 2 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('stakeholder input', () => {
  let deps: Deps;
  let consultationId: string;
  beforeAll(async () => {
    deps = await reviewDependencies('2026-03-02T08:00:00Z');
    const product = await draft(deps);
    await transitionProduct(deps, editor, product.id, { action: 'send-to-consultation', expectedRevision: 1 });
    const consultation = (await deps.store.consultations.list()).find((candidate) => candidate.productId === product.id);
    if (!consultation) throw new Error('no consultation');
    expect(consultation.closesOn).toBe('2026-03-30');
    consultationId = consultation.id;
  });

  it('accepts input up to and including the deadline day, sends a receipt, and refuses it the day after', async () => {
    deps.clock.set('2026-03-30T21:30:00Z'); // 23:30 in Oslo on the deadline day
    const onDeadline = submission(consultationId);
    const result = await submitInput(deps, onDeadline, '10.0.0.1');
    expect(result.kind).toBe('received');
    const [receipt] = await emailsTo(onDeadline.email);
    expect(receipt?.subject).toBe('Kvittering: innspill til Normen');
    expect(receipt?.body.text).toContain(onDeadline.text);

    deps.clock.set('2026-03-30T22:30:00Z'); // 00:30 in Oslo the day after
    await expect(submitInput(deps, submission(consultationId), '10.0.0.2')).rejects.toMatchObject({
      status: 400,
      fields: [{ path: 'consultationId', message: expect.stringContaining('gikk ut 30. mars 2026') }],
    });
    expect(await deps.store.inputs.list(consultationId)).toHaveLength(1);
    expect((await deps.store.consultations.get(consultationId))?.inputCount).toBe(1);
  });

  it('takes general needs without a consultation, and throws honeypot catches away silently', async () => {
    deps.clock.set('2026-03-10T10:00:00Z');
    expect((await submitInput(deps, submission('general'), '10.0.0.3')).kind).toBe('received');
    const bot = submission('general', { website: 'https://spam.example' });
    expect((await submitInput(deps, bot, '10.0.0.4')).kind).toBe('discarded');
    expect((await deps.store.inputs.list('general')).map((input) => input.email)).not.toContain(bot.email);
    expect(await emailsTo(bot.email)).toEqual([]);
  });

  it('rate limits one client address, not the next', async () => {
    deps.clock.set('2026-03-11T10:00:00Z');
    for (let i = 0; i < inputRateLimit.limit; i += 1) await submitInput(deps, submission('general'), '10.0.0.9');
    await expect(submitInput(deps, submission('general'), '10.0.0.9')).rejects.toBeInstanceOf(RateLimitedError);
    await expect(submitInput(deps, submission('general'), '10.0.0.10')).resolves.toMatchObject({ kind: 'received' });
    deps.clock.set('2026-03-11T10:21:00Z'); // two windows later
    await expect(submitInput(deps, submission('general'), '10.0.0.9')).resolves.toMatchObject({ kind: 'received' });
  });

  it('is triaged with a reason when not taken, recorded in the audit trail, and exported as CSV', async () => {
    const [input] = await deps.store.inputs.list(consultationId);
    if (!input) throw new Error('no input');
    const triaged = await triageInput(deps, editor, consultationId, input.id, { status: 'not-taken', reason: 'Dekkes av eksisterende krav' });
    expect(triaged).toMatchObject({ status: 'not-taken', reason: 'Dekkes av eksisterende krav', triagedBy: editor.username });
    expect((await deps.store.audit.listFor('consultation', consultationId))[0]).toMatchObject({ action: 'input-triaged' });
    const csv = await inputsCsv(deps, consultationId);
    expect(csv).toContain('Ikke tatt inn;Dekkes av eksisterende krav');
  });
});

describe('input through the API and the HTML form', () => {
  let api: TestApi;
  let consultationId: string;
  beforeAll(async () => {
    api = await startTestApi();
    const response = await fetch(`${api.url}/admin/products`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await api.tokenFor('editor')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Faktaark på høring',
        type: 'fact-sheet',
        topicCategory: 'core',
        owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' },
      }),
    });
    const body: unknown = await response.json();
    if (response.status !== 201) throw new Error(`create failed: ${response.status} ${JSON.stringify(body)}`);
    const created = productSchema.parse(body);
    await fetch(`${api.url}/admin/products/${created.id}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await api.tokenFor('editor')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'send-to-consultation', expectedRevision: 1 }),
    });
    const [consultation] = await api.store.consultations.list();
    consultationId = consultation?.id ?? '';
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('serves the form as HTML with the open consultation to choose', async () => {
    const response = await fetch(`${api.url}/inputs?consultationId=${consultationId}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const page = await response.text();
    expect(page).toContain('<form method="post" action="inputs"');
    expect(page).toContain(`value="${consultationId}" selected`);
    expect(page).toContain('Faktaark på høring');
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self'");
  });

  it('answers a JSON post with 400 naming every bad field, writing nothing', async () => {
    const response = await fetch(`${api.url}/inputs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ consultationId, name: 'P', email: 'ikke-epost', organisation: 'Helse Vest', stakeholderGroup: 'alien', text: 'kort' }),
    });
    expect(response.status).toBe(400);
    const { error } = errorResponseSchema.parse(await response.json());
    expect(error.fields.map((field) => field.path).sort()).toEqual(['email', 'name', 'stakeholderGroup', 'text']);
    expect(await api.store.inputs.list(consultationId)).toEqual([]);
  });

  it('answers a form post with an HTML page: the form again with errors, or a receipt', async () => {
    const invalid = new URLSearchParams({
      consultationId,
      name: 'Per',
      email: 'feil',
      organisation: 'Helse Vest',
      stakeholderGroup: 'supplier',
      text: 'Et innspill som er langt nok.',
    });
    const rejected = await fetch(`${api.url}/inputs`, { method: 'POST', body: invalid });
    expect(rejected.status).toBe(400);
    const rejectedPage = await rejected.text();
    expect(rejectedPage).toContain('id="email-error"');
    expect(rejectedPage).toContain('value="Per"'); // what was typed is kept

    const valid = new URLSearchParams({
      consultationId,
      name: 'Per Hansen',
      email: 'per@leverandor.no',
      organisation: 'Leverandør AS',
      stakeholderGroup: 'supplier',
      text: 'Et innspill som er langt nok.',
      website: '',
    });
    const accepted = await fetch(`${api.url}/inputs`, { method: 'POST', body: valid });
    expect(accepted.status).toBe(201);
    expect(await accepted.text()).toContain('Takk for innspillet!');
    expect((await api.store.inputs.list(consultationId)).map((input) => input.email)).toEqual(['per@leverandor.no']);
  });

  it('lists open consultations publicly and lets editors triage but not committee members', async () => {
    const open = (await (await fetch(`${api.url}/content/consultations`)).json()) as { items: { id: string }[] };
    expect(open.items.map((item) => item.id)).toEqual([consultationId]);
    const [input] = await api.store.inputs.list(consultationId);
    const triage = (role: 'editor' | 'committee', body: unknown) =>
      api.tokenFor(role).then((token) =>
        fetch(`${api.url}/admin/consultations/${consultationId}/inputs/${input?.id}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    expect((await triage('committee', { status: 'considered' })).status).toBe(403);
    const missingReason = await triage('editor', { status: 'not-taken' });
    expect(missingReason.status).toBe(400);
    expect(errorResponseSchema.parse(await missingReason.json()).error.fields[0]?.path).toBe('reason');
    expect((await triage('editor', { status: 'in-action-plan' })).status).toBe(200);
  });

  it('lets only admins run a job now', async () => {
    const run = (role: 'editor' | 'admin') =>
      api.tokenFor(role).then((token) => fetch(`${api.url}/admin/jobs/review-check/runs`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }));
    expect((await run('editor')).status).toBe(403);
    const response = await run('admin');
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ job: 'review-check', status: 'succeeded', triggeredBy: 'admin@normen.local' });
    const jobs = (await (await fetch(`${api.url}/admin/jobs`, { headers: { authorization: `Bearer ${await api.tokenFor('committee')}` } })).json()) as {
      items: { health: string }[];
    };
    expect(jobs.items[0]?.health).toBe('ok');
  });
});
