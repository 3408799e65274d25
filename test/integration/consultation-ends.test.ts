import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema, productSchema, productHistorySchema } from '../../content-model';
import { adoptedCaseThroughApi } from '../support/governance';
import { startTestApi, type TestApi } from '../support/local-stack';

/**
 * A consultation ends with its product's decision: through the local API server on DynamoDB Local,
 * with real cognito-local tokens. Open consultations are read where the public and editors see them:
 * /content/consultations, the input form, POST /inputs and the dashboard.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

const call = (method: string, path: string, body?: unknown) => api.callAs('editor', method, path, body);

async function inConsultation(title: string) {
  const created = productSchema.parse(
    (
      await call('POST', '/admin/products', {
        title,
        type: 'guide',
        topicCategory: 'core',
        owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' },
        body: '<p>Utkast</p>',
      })
    ).json,
  );
  const sent = await call('POST', `/admin/products/${created.id}/transitions`, { action: 'send-to-consultation', expectedRevision: created.revision });
  expect(sent.status).toBe(200);
  const consultation = (await api.store.consultations.list()).find((candidate) => candidate.productId === created.id);
  if (!consultation) throw new Error('no consultation');
  return { product: productSchema.parse(sent.json), consultationId: consultation.id };
}

/** Where a consultation shows as open: the public list, the form's choices and the dashboard. */
async function openEverywhere(consultationId: string) {
  const publicList = (await (await fetch(`${api.url}/content/consultations`)).json()) as { items: { id: string }[] };
  const form = await (await fetch(`${api.url}/inputs`)).text();
  const dashboard = (await call('GET', '/admin/dashboard')).json as { openConsultations: { id: string }[] };
  return {
    publicList: publicList.items.some((item) => item.id === consultationId),
    form: form.includes(`value="${consultationId}"`),
    dashboard: dashboard.openConsultations.some((item) => item.id === consultationId),
  };
}

function submitInput(consultationId: string, asForm = false) {
  const fields = {
    consultationId,
    name: 'Per Hansen',
    email: 'per.slutt@leverandor.no',
    organisation: 'Leverandør AS',
    stakeholderGroup: 'supplier',
    text: 'Et innspill som er langt nok.',
  };
  return fetch(
    `${api.url}/inputs`,
    asForm
      ? { method: 'POST', body: new URLSearchParams(fields) }
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fields) },
  );
}

/** The approval's reference: an adopted case naming the product, made through the API. */
const decisionFor = async (productId: string) => ({ case: (await adoptedCaseThroughApi(call, [productId], '2026-11-01')).number });

describe('a consultation ends with its product decision', () => {
  it('refuses to approve while the consultation is open (409 naming it), and writes nothing', async () => {
    const { product, consultationId } = await inConsultation('Veileder som vedtas for tidlig');
    const refused = await call('POST', `/admin/products/${product.id}/transitions`, {
      action: 'approve',
      expectedRevision: product.revision,
      ...(await decisionFor(product.id)),
    });
    expect(refused.status).toBe(409);
    const { error } = errorResponseSchema.parse(refused.json);
    expect(error.message).toContain('«Veileder som vedtas for tidlig»');
    expect(error.fields[0]?.path).toBe('closeConsultation.reason');
    expect((await api.store.products.get(product.id))?.status).toBe('consultation');
    expect(await openEverywhere(consultationId)).toEqual({ publicList: true, form: true, dashboard: true });
  });

  it('approving with a reason closes it in the same step, records the reason, and it takes no more input', async () => {
    const { product, consultationId } = await inConsultation('Veileder som vedtas med begrunnelse');
    expect((await submitInput(consultationId)).status).toBe(201);

    const approved = await call('POST', `/admin/products/${product.id}/transitions`, {
      action: 'approve',
      expectedRevision: product.revision,
      ...(await decisionFor(product.id)),
      closeConsultation: { reason: 'Styringsgruppen behandlet saken før fristen' },
    });
    expect(approved.status).toBe(200);
    expect(productSchema.parse(approved.json).status).toBe('approved');
    const consultation = await api.store.consultations.get(consultationId);
    expect(consultation).toMatchObject({ closedReason: 'Styringsgruppen behandlet saken før fristen', inputCount: 1, revision: 2 });
    expect(consultation?.closedAt).toBeTruthy();
    const history = productHistorySchema.parse((await call('GET', `/admin/products/${product.id}/history`)).json);
    expect(history.audit[0]).toMatchObject({ action: 'approve', note: expect.stringContaining('ble avsluttet: Styringsgruppen behandlet saken før fristen') });

    expect(await openEverywhere(consultationId)).toEqual({ publicList: false, form: false, dashboard: false });
    const json = await submitInput(consultationId);
    expect(json.status).toBe(400);
    const { error } = errorResponseSchema.parse(await json.json());
    expect(error.fields).toEqual([{ path: 'consultationId', message: expect.stringMatching(/ble avsluttet .*Innspill kan ikke lenger sendes inn/) }]);
    const formPost = await submitInput(consultationId, true);
    expect(formPost.status).toBe(400);
    expect(await formPost.text()).toContain('Innspill kan ikke lenger sendes inn');
    const formLink = await (await fetch(`${api.url}/inputs?consultationId=${consultationId}`)).text();
    expect(formLink).toContain('ble avsluttet');
    expect((await api.store.inputs.list(consultationId)).length).toBe(1);
    expect((await api.store.consultations.get(consultationId))?.inputCount).toBe(1);

    const moved = await call('PUT', `/admin/consultations/${consultationId}`, { expectedRevision: 2, closesOn: '2027-06-01' });
    expect(moved.status).toBe(409);
  });

  it('a closed consultation refuses input at the write even when the read saw it open', async () => {
    const { consultationId } = await inConsultation('Veileder med innspill i siste liten');
    const consultation = await api.store.consultations.get(consultationId);
    if (!consultation) throw new Error('no consultation');
    await api.store.transact([api.store.consultations.close(consultation, new Date().toISOString(), 'Test')]);
    await expect(api.store.transact([api.store.consultations.countInputWhileOpen(consultationId, consultation.opensOn)])).rejects.toMatchObject({
      status: 400,
    });
    // Closing twice is refused: the first close is the one recorded.
    await expect(api.store.transact([api.store.consultations.close(consultation, new Date().toISOString(), 'Igjen')])).rejects.toMatchObject({ status: 409 });
    expect((await api.store.consultations.get(consultationId))?.closedReason).toBe('Test');
  });

  it('retiring a product closes a consultation left open, in the same step', async () => {
    const { product } = await inConsultation('Veileder som saneres');
    let revision = product.revision;
    for (const body of [{ action: 'approve', ...(await decisionFor(product.id)), closeConsultation: { reason: 'Vedtatt' } }, { action: 'publish' }]) {
      revision = productSchema.parse((await call('POST', `/admin/products/${product.id}/transitions`, { ...body, expectedRevision: revision })).json).revision;
    }
    // A new version in consultation while the published one is retired.
    const edited = productSchema.parse((await call('PUT', `/admin/products/${product.id}`, { expectedRevision: revision, summary: 'Ny versjon' })).json);
    const sent = productSchema.parse(
      (await call('POST', `/admin/products/${product.id}/transitions`, { action: 'send-to-consultation', expectedRevision: edited.revision })).json,
    );
    const second = (await api.store.consultations.list()).find((candidate) => candidate.productId === product.id && !candidate.closedAt);
    if (!second) throw new Error('no second consultation');
    expect(await openEverywhere(second.id)).toEqual({ publicList: true, form: true, dashboard: true });

    const retired = await call('POST', `/admin/products/${product.id}/transitions`, { action: 'retire', expectedRevision: sent.revision });
    expect(retired.status).toBe(200);
    expect(await api.store.consultations.get(second.id)).toMatchObject({ closedReason: 'Produktet er sanert' });
    expect(await openEverywhere(second.id)).toEqual({ publicList: false, form: false, dashboard: false });
    expect((await submitInput(second.id)).status).toBe(400);
  });
});
