import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuditRecord, consultationSchema, eventSchema, productHistorySchema, productSchema } from '../../content-model';
import { conferenceInput } from '../support/events';
import { startTestApi, type TestApi } from '../support/local-stack';

/**
 * The history's "Endrede felt" names only what really changed: a PUT that carries fields with the
 * values they already have (the whole form, another client's whole record, rich text as the
 * browser's editor writes it back) does not list them, and a save that changes nothing leaves no
 * entry and no new revision.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

async function ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await api.callAs('editor', method, path, body);
  if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(response.json)}`);
  return response.json;
}

const fields = {
  title: 'Veileder for endringslogg',
  type: 'guide',
  topicCategory: 'core',
  riskOrTechnology: true,
  themes: ['cloud', 'access-control'],
  targetGroups: ['privacy-officers'],
  owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' },
  summary: 'Et sammendrag',
  body: '<p>Første avsnitt.</p>\n<p>Andre avsnitt med <strong>uthevet</strong> tekst.<br />Ny linje.</p>',
  legalReferences: [{ title: 'Personopplysningsloven', url: 'https://lovdata.no/lov/2018-06-15-38' }],
};

const updates = (history: { audit: AuditRecord[] }) => history.audit.filter((record) => record.action === 'updated');

describe('history records only fields that really changed', () => {
  it('lists the one changed field of a PUT that carries every field, the unchanged ones with their values', async () => {
    const created = productSchema.parse(await ok('POST', '/admin/products', fields));
    const history = async () => productHistorySchema.parse(await ok('GET', `/admin/products/${created.id}/history`));

    const updated = productSchema.parse(
      await ok('PUT', `/admin/products/${created.id}`, {
        ...fields,
        // The same values, spelled as another client would: keys in another order, the rich text
        // without the line break between paragraphs and with "<br>" for "<br />".
        owner: { email: 'ingrid@normen.local', name: 'Ingrid Berg' },
        legalReferences: [{ url: 'https://lovdata.no/lov/2018-06-15-38', title: 'Personopplysningsloven' }],
        body: '<p>Første avsnitt.</p><p>Andre avsnitt med <strong>uthevet</strong> tekst.<br>Ny linje.</p>',
        summary: 'Et nytt sammendrag',
        expectedRevision: created.revision,
      }),
    );
    expect(updated.revision).toBe(created.revision + 1);
    expect(updated.body).toBe(created.body);
    const [entry, ...others] = updates(await history());
    expect(others).toEqual([]);
    expect(entry?.changes).toEqual(['summary']);
  });

  it('writes no entry and no new revision for a save that changes nothing', async () => {
    const created = productSchema.parse(await ok('POST', '/admin/products', { ...fields, title: 'Veileder uten endringer' }));
    const again = productSchema.parse(
      await ok('PUT', `/admin/products/${created.id}`, {
        ...fields,
        title: 'Veileder uten endringer',
        themes: ['cloud', 'access-control'],
        expectedRevision: created.revision,
      }),
    );
    expect(again.revision).toBe(created.revision);
    expect(updates(productHistorySchema.parse(await ok('GET', `/admin/products/${created.id}/history`)))).toEqual([]);
  });

  it('still lists a real change to the rich text, and a change of order in a list', async () => {
    const created = productSchema.parse(await ok('POST', '/admin/products', { ...fields, title: 'Veileder med ny tekst' }));
    await ok('PUT', `/admin/products/${created.id}`, {
      body: '<p>Første avsnitt.</p><p>Andre avsnitt med uthevet tekst.<br>Ny linje.</p>',
      themes: ['access-control', 'cloud'],
      expectedRevision: created.revision,
    });
    const [entry] = updates(productHistorySchema.parse(await ok('GET', `/admin/products/${created.id}/history`)));
    expect([...(entry?.changes ?? [])].sort()).toEqual(['body', 'themes']);
  });

  it('records a consultation edit only for what changed, with the deadline in Norwegian', async () => {
    const created = productSchema.parse(await ok('POST', '/admin/products', { ...fields, title: 'Veileder på høring' }));
    await ok('POST', `/admin/products/${created.id}/transitions`, { action: 'send-to-consultation', expectedRevision: created.revision });
    const { items } = (await ok('GET', '/admin/consultations')) as { items: unknown[] };
    const consultation = items.map((item) => consultationSchema.parse(item)).find((candidate) => candidate.productId === created.id);
    if (!consultation) throw new Error('no consultation');
    const history = async () =>
      productHistorySchema.parse(await ok('GET', `/admin/products/${created.id}/history`)).audit.filter((record) => record.action === 'consultation-updated');

    // The same deadline and audience: nothing to record.
    const same = consultationSchema.parse(
      await ok('PUT', `/admin/consultations/${consultation.id}`, {
        closesOn: consultation.closesOn,
        audience: consultation.audience,
        expectedRevision: consultation.revision,
      }),
    );
    expect(same.revision).toBe(consultation.revision);
    expect(await history()).toEqual([]);

    await ok('PUT', `/admin/consultations/${consultation.id}`, {
      closesOn: '2027-02-26',
      audience: consultation.audience,
      expectedRevision: consultation.revision,
    });
    const [entry] = await history();
    expect(entry).toMatchObject({ changes: ['closesOn'], note: 'Høringsfrist 26. februar 2027' });
  });
});

describe('event history records only fields that really changed', () => {
  it('lists the one changed field of a PUT that carries the whole event, and nothing for a save without changes', async () => {
    const input = conferenceInput({ title: 'Nettverksmøte for endringslogg', description: '<p>Program.</p>\n<p>Velkommen!</p>' });
    const created = eventSchema.parse(await ok('POST', '/admin/events', input));
    const eventUpdates = async () => (await api.store.audit.listFor('event', created.id)).filter((record) => record.action === 'updated');

    const same = eventSchema.parse(
      await ok('PUT', `/admin/events/${created.id}`, { ...input, description: '<p>Program.</p><p>Velkommen!</p>', expectedRevision: created.revision }),
    );
    expect(same.revision).toBe(created.revision);
    expect(await eventUpdates()).toEqual([]);

    await ok('PUT', `/admin/events/${created.id}`, { ...input, venue: 'Oslo rådhus', expectedRevision: created.revision });
    const [entry, ...others] = await eventUpdates();
    expect(others).toEqual([]);
    expect(entry?.changes).toEqual(['venue']);
  });
});
