import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseCreateSchema,
  errorResponseSchema,
  meetingCreateSchema,
  productCreateSchema,
  publicDecisionSchema,
  type GovernanceCase,
  type Product,
} from '../../content-model';
import { getPublishedProduct } from '../../functions/delivery/use-cases';
import { createCase, updateCase } from '../../functions/governance/cases';
import { listDecisions, listPublicDecisions } from '../../functions/governance/decisions';
import { createGroup } from '../../functions/governance/groups';
import { createMeeting, getMeeting, listMeetings, updateMeeting } from '../../functions/governance/meetings';
import { createProduct } from '../../functions/products/use-cases/create-product';
import { transitionProduct } from '../../functions/products/use-cases/transition-product';
import { ValidationError } from '../../functions/shared/errors';
import { routes } from '../../functions/routes';
import { adoptedCaseThroughApi } from '../support/governance';
import { productDependencies, startTestApi, type TestApi } from '../support/local-stack';

/**
 * The steering group's work on DynamoDB Local: case numbers per year under concurrent creation,
 * meetings and their document deadline, the decision register and the product approval that
 * refers to it; through the local API server, the committee's read-only access and 400s that write
 * nothing.
 */
const editor = { username: 'redaktor@normen.local', groups: ['editor' as const] };
type Deps = Awaited<ReturnType<typeof productDependencies>>;

const decisionCase = (extra: Record<string, unknown> = {}) => caseCreateSchema.parse({ type: 'decision', title: 'Sak til behandling', ...extra });

async function guideInConsultation(deps: Deps, title: string): Promise<Product> {
  const created = await createProduct(
    deps,
    editor,
    productCreateSchema.parse({ title, type: 'guide', topicCategory: 'core', owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' } }),
  );
  return transitionProduct(deps, editor, created.id, { action: 'send-to-consultation', expectedRevision: created.revision });
}

async function steeringGroup(deps: Deps) {
  return createGroup(deps, editor, { name: 'Styringsgruppen', kind: 'steering-group', description: '', productIds: [] });
}

describe('case numbers', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await productDependencies('2026-03-02T09:00:00Z');
  });

  it('gives 20 concurrent creations 20 distinct consecutive numbers of the year', async () => {
    const created = await Promise.all(Array.from({ length: 20 }, (_, index) => createCase(deps, editor, decisionCase({ title: `Samtidig sak ${index + 1}` }))));
    const numbers = created.map((record) => record.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => `${String(index + 1).padStart(2, '0')}/26`));
    expect(new Set(created.map((record) => record.id)).size).toBe(20);
    expect(await deps.store.cases.lastNumber(2026)).toBe(20);
    expect((await deps.store.cases.list(2026)).map((record) => record.number)).toEqual(numbers);
    // Each was written once, with its history.
    for (const record of created.slice(0, 3)) expect((await deps.store.audit.listFor('case', record.id)).map((entry) => entry.action)).toEqual(['created']);
  }, 60_000);

  it('starts again at 01 on 1 January in Oslo, and the old year goes on where it was', async () => {
    // 23:30 UTC on New Year's Eve is already 2027 in Oslo.
    deps.clock.set('2026-12-31T23:30:00Z');
    const first = await createCase(deps, editor, decisionCase({ title: 'Første sak i 2027' }));
    expect(first).toMatchObject({ number: '01/27', id: '2027-01', year: 2027, sequence: 1 });
    expect((await createCase(deps, editor, decisionCase())).number).toBe('02/27');
    deps.clock.set('2026-12-31T22:30:00Z');
    expect((await createCase(deps, editor, decisionCase())).number).toBe('21/26');
  });

  it('refuses a case that names a product or meeting that does not exist (400 naming each), and takes no number', async () => {
    deps.clock.set('2026-05-01T09:00:00Z');
    const before = await deps.store.cases.lastNumber(2026);
    const refused = await createCase(deps, editor, decisionCase({ productIds: ['finnes-ikke'], meetingId: 'heller-ikke' })).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).fields.map((field) => field.path).sort()).toEqual(['meetingId', 'productIds.0']);
    expect(await deps.store.cases.lastNumber(2026)).toBe(before);
    expect(await deps.store.cases.get(`2026-${before + 1}`)).toBeNull();
  });

  it('refuses an outcome the kind of case cannot have, and an adopted case without a decision', async () => {
    const noted = await createCase(deps, editor, decisionCase({ type: 'information', title: 'Sekretariatet orienterer', outcome: 'noted' }));
    expect(noted).toMatchObject({ outcome: 'noted', decidedOn: '2026-05-01' });
    const wrong = await createCase(deps, editor, decisionCase({ type: 'information', outcome: 'adopted', decisionText: 'Vedtatt' })).catch(
      (error: unknown) => error,
    );
    expect((wrong as ValidationError).fields.map((field) => field.path)).toEqual(['outcome']);
    const empty = await createCase(deps, editor, decisionCase({ outcome: 'adopted' })).catch((error: unknown) => error);
    expect((empty as ValidationError).fields.map((field) => field.path)).toEqual(['decisionText']);
  });
});

describe('meetings', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await productDependencies('2027-01-10T09:00:00Z');
  });

  it('computes the document deadline 14 days before by default, follows the date, and keeps an override until it is cleared', async () => {
    const group = await steeringGroup(deps);
    const agendaCase = await createCase(deps, editor, decisionCase({ title: 'Godkjenning av innkalling og dagsorden' }));
    const meeting = await createMeeting(
      deps,
      editor,
      meetingCreateSchema.parse({
        title: 'Styringsgruppemøte mars',
        groupId: group.id,
        date: '2027-03-10',
        startTime: '10:00',
        endTime: '14:00',
        format: 'hybrid',
        place: 'Oslo',
        agenda: [{ caseId: agendaCase.id, startTime: '10:00', endTime: '10:05' }],
      }),
    );
    expect(meeting).toMatchObject({
      documentDeadline: '2027-02-24',
      documentDeadlineIsDefault: true,
      // Oslo wall clock: winter time in March before the change, summer time later.
      startsAt: '2027-03-10T09:00:00.000Z',
      endsAt: '2027-03-10T13:00:00.000Z',
      agenda: [{ caseId: agendaCase.id, number: agendaCase.number, title: 'Godkjenning av innkalling og dagsorden', startTime: '10:00' }],
    });

    const moved = await updateMeeting(deps, editor, meeting.id, { expectedRevision: meeting.revision, date: '2027-06-15' });
    expect(moved).toMatchObject({ documentDeadline: '2027-06-01', documentDeadlineIsDefault: true, startsAt: '2027-06-15T08:00:00.000Z', place: 'Oslo' });
    const set = await updateMeeting(deps, editor, meeting.id, { expectedRevision: moved.revision, documentDeadline: '2027-06-08' });
    expect(set).toMatchObject({ documentDeadline: '2027-06-08', documentDeadlineIsDefault: false });
    const reset = await updateMeeting(deps, editor, meeting.id, { expectedRevision: set.revision, documentDeadline: null });
    expect(reset).toMatchObject({ documentDeadline: '2027-06-01', documentDeadlineIsDefault: true });
    expect((await getMeeting(deps, meeting.id)).revision).toBe(4);
  });

  it('refuses an unknown group or an agenda case that does not exist, naming the field, and writes nothing', async () => {
    const before = (await listMeetings(deps)).items.length;
    const base = { title: 'Møte med feil', date: '2027-04-01', startTime: '10:00', format: 'digital' };
    const unknownGroup = await createMeeting(deps, editor, meetingCreateSchema.parse({ ...base, groupId: 'finnes-ikke' })).catch((error: unknown) => error);
    expect((unknownGroup as ValidationError).fields.map((field) => field.path)).toEqual(['groupId']);
    const group = await steeringGroup(deps);
    const unknownCase = await createMeeting(deps, editor, meetingCreateSchema.parse({ ...base, groupId: group.id, agenda: [{ caseId: '2027-99' }] })).catch(
      (error: unknown) => error,
    );
    expect((unknownCase as ValidationError).fields.map((field) => field.path)).toEqual(['agenda.0.caseId']);
    expect((await listMeetings(deps)).items.length).toBe(before);
  });
});

describe('the decision register and the product approval', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await productDependencies('2026-06-01T09:00:00Z');
  });

  const approve = (product: Product, reference: string) =>
    transitionProduct(deps, editor, product.id, {
      action: 'approve',
      expectedRevision: product.revision,
      case: reference,
      closeConsultation: { reason: 'Behandlet i Styringsgruppen' },
    });
  const refusal = async (product: Product, reference: string) => {
    const error = await approve(product, reference).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const { fields } = error as ValidationError;
    expect(fields.map((field) => field.path)).toEqual(['case']);
    return fields[0]?.message ?? '';
  };

  it('refuses an unknown case, an undecided one, one not adopted and one about another product; writes nothing', async () => {
    const product = await guideInConsultation(deps, 'Veileder som venter på vedtak');
    const other = await guideInConsultation(deps, 'En annen veileder');
    expect(await refusal(product, '99/19')).toContain('finnes ikke');
    expect(await refusal(product, 'sak seks')).toContain('06/25');

    const pending = await createCase(deps, editor, decisionCase({ title: 'Veilederen godkjennes', productIds: [product.id] }));
    expect(await refusal(product, pending.number)).toContain('ikke avgjort');
    const postponed = await updateCase(deps, editor, pending.id, { expectedRevision: pending.revision, outcome: 'postponed' });
    expect(postponed.decidedOn).toBe('2026-06-01');
    expect(await refusal(product, pending.id)).toContain('ikke vedtatt (utsatt)');

    const aboutOther = await createCase(deps, editor, decisionCase({ productIds: [other.id], outcome: 'adopted', decisionText: 'Vedtatt' }));
    expect(await refusal(product, aboutOther.number)).toContain('gjelder ikke «Veileder som venter på vedtak»');

    const stored = await deps.store.products.get(product.id);
    expect(stored).toMatchObject({ status: 'consultation', revision: product.revision, decision: null });
    expect(await deps.store.decisions.list(product.id)).toEqual([]);
  });

  it('accepts an adopted case: the product carries its number and date, the delivery API and the register show them', async () => {
    const product = await guideInConsultation(deps, 'Veileder som vedtas');
    deps.clock.set('2026-06-10T09:00:00Z');
    const group = await steeringGroup(deps);
    const meeting = await createMeeting(
      deps,
      editor,
      meetingCreateSchema.parse({ title: 'Styringsgruppemøte juni', groupId: group.id, date: '2026-06-09', startTime: '10:00', format: 'digital' }),
    );
    const proposed = await createCase(
      deps,
      editor,
      decisionCase({ title: 'Veileder som vedtas', proposal: 'Veilederen godkjennes og publiseres.', productIds: [product.id], meetingId: meeting.id }),
    );
    // Recorded the day after the meeting: the decision is the meeting's, and the proposal is what was adopted.
    const decided: GovernanceCase = await updateCase(deps, editor, proposed.id, { expectedRevision: proposed.revision, outcome: 'adopted' });
    expect(decided).toMatchObject({ outcome: 'adopted', decidedOn: '2026-06-09', decisionText: 'Veilederen godkjennes og publiseres.' });

    const approved = await approve(product, decided.number.replace(/^0/, ''));
    expect(approved).toMatchObject({ status: 'approved', decision: { reference: decided.number, date: '2026-06-09', caseId: decided.id } });
    const published = await transitionProduct(deps, editor, product.id, { action: 'publish', expectedRevision: approved.revision });
    expect((await getPublishedProduct(deps, published.slug)).decision).toEqual({ reference: decided.number, date: '2026-06-09', caseId: decided.id });

    const register = await listDecisions(deps, { productId: product.id });
    expect(register.items).toEqual([
      expect.objectContaining({
        number: decided.number,
        outcome: 'adopted',
        decidedOn: '2026-06-09',
        products: [{ id: product.id, title: product.title, slug: product.slug }],
      }),
    ]);
    expect((await listDecisions(deps, { outcome: 'postponed' })).items.every((entry) => entry.outcome === 'postponed')).toBe(true);
    expect((await listDecisions(deps, { year: 2025 })).items).toEqual([]);

    const publicRegister = await listPublicDecisions(deps, {});
    const shown = publicRegister.items.find((entry) => entry.number === decided.number);
    expect(shown).toEqual({
      number: decided.number,
      title: 'Veileder som vedtas',
      type: 'decision',
      outcome: 'adopted',
      decidedOn: '2026-06-09',
      decisionText: 'Veilederen godkjennes og publiseres.',
      products: [{ title: product.title, slug: product.slug }],
    });
    // A product that is not published yet is not named on the website.
    const draftOnly = publicRegister.items.find((entry) => entry.title === 'Sak til behandling');
    expect(draftOnly?.products).toEqual([]);
  });
});

describe('through the API', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api?.stop();
  });
  const call = (method: string, path: string, body?: unknown) => api.callAs('editor', method, path, body);

  it('gives the committee 403 on every governance write, and writes nothing', async () => {
    const group = (await call('POST', '/admin/groups', { name: 'Styringsgruppen', kind: 'steering-group' })).json;
    const member = (
      await call('POST', `/admin/groups/${String(group.id)}/members`, { name: 'Kari Nordmann', organisation: 'KS', email: 'kari@example.no', role: 'member' })
    ).json;
    const meeting = (await call('POST', '/admin/meetings', { title: 'Møte', groupId: group.id, date: '2027-02-02', startTime: '10:00', format: 'digital' }))
      .json;
    const record = (await call('POST', '/admin/cases', { type: 'information', title: 'Orientering' })).json;
    const ids: Record<string, string> = { id: String(group.id), memberId: String(member.id) };
    const writes = routes.filter((route) => route.lambda === 'governance' && route.method !== 'GET');
    expect(writes.length).toBeGreaterThanOrEqual(8);
    const before = {
      cases: (await call('GET', '/admin/cases')).json,
      meetings: (await call('GET', '/admin/meetings')).json,
      groups: (await call('GET', '/admin/groups')).json,
    };
    for (const route of writes) {
      const target = route.path.startsWith('/admin/meetings/')
        ? { id: String(meeting.id) }
        : route.path.startsWith('/admin/cases/')
          ? { id: String(record.id) }
          : ids;
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => target[name] ?? ids[name] ?? '');
      const response = await api.callAs('committee', route.method, path, {
        expectedRevision: 1,
        name: 'Endret av komiteen',
        title: 'Endret av komiteen',
        type: 'decision',
      });
      expect(response.status, `${route.method} ${path}`).toBe(403);
    }
    expect({
      cases: (await call('GET', '/admin/cases')).json,
      meetings: (await call('GET', '/admin/meetings')).json,
      groups: (await call('GET', '/admin/groups')).json,
    }).toEqual(before);
    // Reading is theirs.
    expect((await api.callAs('committee', 'GET', '/admin/decisions')).status).toBe(200);
    expect((await api.callAs('committee', 'GET', `/admin/cases/${String(record.id)}`)).status).toBe(200);
  });

  it('answers bad input with 400 naming the field, and writes nothing', async () => {
    const casesBefore = ((await call('GET', '/admin/cases')).json.items as unknown[]).length;
    const expectFields = async (method: string, path: string, body: unknown, fields: string[]) => {
      const response = await call(method, path, body);
      expect(response.status, JSON.stringify(response.json)).toBe(400);
      expect(
        errorResponseSchema
          .parse(response.json)
          .error.fields.map((field) => field.path)
          .sort(),
      ).toEqual(fields);
    };
    await expectFields('POST', '/admin/cases', { type: 'sak', title: 'x' }, ['title', 'type']);
    await expectFields('POST', '/admin/cases', { type: 'decision', title: 'Sak med ukjent produkt', productIds: ['finnes-ikke'] }, ['productIds.0']);
    await expectFields('POST', '/admin/cases', { type: 'discussion', title: 'Drøfting', outcome: 'adopted', decisionText: 'Vedtatt' }, ['outcome']);
    expect(((await call('GET', '/admin/cases')).json.items as unknown[]).length).toBe(casesBefore);

    const group = (await call('POST', '/admin/groups', { name: 'Arbeidsutvalget', kind: 'working-committee' })).json;
    await expectFields('POST', '/admin/groups', { name: 'Referansegruppe uten produkt', kind: 'reference-group' }, ['productIds']);
    await expectFields('POST', `/admin/groups/${String(group.id)}/members`, { name: 'K', organisation: 'KS', email: 'ikke-en-adresse', role: 'boss' }, [
      'email',
      'name',
      'role',
    ]);
    await expectFields(
      'POST',
      `/admin/groups/${String(group.id)}/members`,
      { name: 'Kari Nordmann', organisation: 'KS', email: 'kari@example.no', role: 'member', from: '2027-02-01', to: '2027-01-01' },
      ['to'],
    );
    expect(((await call('GET', `/admin/groups/${String(group.id)}`)).json.members as unknown[]).length).toBe(0);
    await expectFields(
      'POST',
      '/admin/meetings',
      { title: 'Møte', groupId: group.id, date: '2027-02-02', startTime: '25:00', format: 'in-person', documentDeadline: '2027-03-01' },
      ['documentDeadline', 'place', 'startTime'],
    );
    await expectFields(
      'POST',
      '/admin/meetings',
      { title: 'Møte', groupId: group.id, date: '2027-02-02', startTime: '10:00', format: 'in-person', place: 'Oslo', documentDeadline: '2027-03-01' },
      ['documentDeadline'],
    );
    await expectFields('PUT', '/admin/cases/2026-1', { expectedRevision: 1 }, ['id']);
  });

  it('serves the register as JSON and CSV, and the website sees the decision with number and date', async () => {
    const product = productCreateSchema.parse({
      title: 'Faktaark for registeret',
      type: 'fact-sheet',
      topicCategory: 'other',
      owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' },
    });
    const created = (await call('POST', '/admin/products', product)).json;
    let revision = Number(
      (await call('POST', `/admin/products/${String(created.id)}/transitions`, { action: 'send-to-consultation', expectedRevision: created.revision })).json
        .revision,
    );
    const decided = await adoptedCaseThroughApi(call, [String(created.id)], '2026-11-03');
    for (const body of [{ action: 'approve', case: decided.number, closeConsultation: { reason: 'Vedtatt' } }, { action: 'publish' }]) {
      const response = await call('POST', `/admin/products/${String(created.id)}/transitions`, { ...body, expectedRevision: revision });
      expect(response.status, JSON.stringify(response.json)).toBe(200);
      revision = Number(response.json.revision);
    }

    const publicList = await fetch(`${api.url}/content/decisions`);
    expect(publicList.status).toBe(200);
    const { items } = (await publicList.json()) as { items: unknown[] };
    const entry = items.map((item) => publicDecisionSchema.parse(item)).find((item) => item.number === decided.number);
    expect(entry).toMatchObject({ decidedOn: '2026-11-03', outcome: 'adopted', products: [{ title: 'Faktaark for registeret', slug: String(created.slug) }] });
    const delivered = (await (await fetch(`${api.url}/content/products/${String(created.slug)}`)).json()) as { decision: unknown };
    expect(delivered.decision).toEqual({ reference: decided.number, date: '2026-11-03', caseId: decided.id });

    const token = await api.tokenFor('committee');
    for (const [query, accept] of [
      ['?format=csv', 'application/json'],
      ['', 'text/csv'],
    ] as const) {
      const response = await fetch(`${api.url}/admin/decisions${query}`, { headers: { authorization: `Bearer ${token}`, accept } });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/csv');
      // With the BOM Excel needs (which text() takes off).
      expect(new Uint8Array(await response.clone().arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
      const csv = await response.text();
      expect(csv.split('\r\n')[0]).toBe('Saksnummer;Sakstype;Tittel;Utfall;Dato;Vedtak;Forslag til vedtak;Produkter');
      expect(csv).toContain(
        `${decided.number};Beslutningssak;Godkjenning av produkt;Vedtatt;2026-11-03;Produktet godkjennes.;Produktet godkjennes.;Faktaark for registeret`,
      );
    }
    const json = await api.callAs('committee', 'GET', `/admin/decisions?productId=${String(created.id)}`);
    expect(json.json.items).toEqual([expect.objectContaining({ number: decided.number })]);
  });
});
