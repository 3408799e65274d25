import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes';
import { startTestApi, type TestApi } from '../support/local-stack';

/**
 * "A field the request does not carry never changes": through the local API server with real
 * cognito-local tokens, each update route changes one field, and everything else about the stored
 * entity (read back through its GET) is as it was, apart from the bookkeeping the edit must move.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

type Json = Record<string, unknown>;

const call = (method: string, path: string, body?: unknown, role: 'editor' | 'admin' = 'editor') => api.callAs(role, method, path, body);

async function ok(method: string, path: string, body?: unknown): Promise<Json> {
  const response = await call(method, path, body);
  if (response.status >= 300) throw new Error(`${method} ${path}: HTTP ${response.status} ${JSON.stringify(response.json)}`);
  return response.json;
}

/** What an edit is allowed to move besides the field it carries. */
const bookkeeping = ['revision', 'lastChangedAt', 'lastChangedBy', 'triagedAt', 'triagedBy', 'checkedInAt', 'counts'];
function withoutBookkeeping(entity: Json, changed: string): Json {
  return Object.fromEntries(Object.entries(entity).filter(([key]) => key !== changed && !bookkeeping.includes(key)));
}

/** Changes `field` through `PUT path`, then proves that field changed and nothing else did. */
async function expectOnlyFieldChanged(read: () => Promise<Json>, path: string, field: string, value: unknown, guard: Json = {}) {
  const before = await read();
  expect(before[field]).not.toEqual(value);
  const response = await call('PUT', path, { ...guard, [field]: value });
  expect(response.status, JSON.stringify(response.json)).toBe(200);
  const after = await read();
  expect(after[field]).toEqual(value);
  expect(withoutBookkeeping(after, field)).toEqual(withoutBookkeeping(before, field));
}

const covered = new Set<string>();

const fullProduct = {
  title: 'Veileder for feltbevaring',
  type: 'guide',
  topicCategory: 'core',
  riskOrTechnology: true,
  currentNeed: true,
  themes: ['cloud', 'access-control'],
  targetGroups: ['privacy-officers'],
  owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' },
  summary: 'Et sammendrag som ikke skal forsvinne',
  body: '<p>Brødtekst som ikke skal forsvinne</p>',
  legalReferences: [{ title: 'Personopplysningsloven', url: 'https://lovdata.no/lov/2018-06-15-38' }],
};

async function product(extra: Json = {}): Promise<Json> {
  return ok('POST', '/admin/products', { ...fullProduct, ...extra });
}

describe('every update route keeps the fields the request does not carry', () => {
  it('PUT /admin/products/{id} with only a title keeps summary, body, themes, references and flags', async () => {
    covered.add('updateProduct');
    const created = await product({ title: 'Produkt som bare får ny tittel' });
    const read = () => ok('GET', `/admin/products/${String(created.id)}`);
    await expectOnlyFieldChanged(read, `/admin/products/${String(created.id)}`, 'title', 'En ny tittel', { expectedRevision: created.revision });
  });

  it('PUT /admin/campaigns/{id} with only a subject keeps the interests (no interests would mean everyone)', async () => {
    covered.add('updateCampaign');
    const linked = await product({ title: 'Produkt lenket fra nyhetsbrev' });
    const created = await ok('POST', '/admin/campaigns', {
      subject: 'Nytt om skytjenester',
      body: '<p>Innhold</p>',
      interests: ['privacy'],
      linkedProducts: [linked.slug],
    });
    const read = () => ok('GET', `/admin/campaigns/${String(created.id)}`);
    await expectOnlyFieldChanged(read, `/admin/campaigns/${String(created.id)}`, 'subject', 'Nytt om skytjenester, rettet', {
      expectedRevision: created.revision,
    });
  });

  it('PUT /admin/events/{id} with only a title keeps the program, questions, venue and the rest', async () => {
    covered.add('updateEvent');
    const created = await ok('POST', '/admin/events', {
      type: 'conference',
      title: 'Normkonferansen feltbevaring',
      description: '<p>Om konferansen</p>',
      startsAt: '2027-03-03T08:00:00Z',
      endsAt: '2027-03-03T15:00:00Z',
      venue: 'Oslo kongressenter',
      attendance: [
        { mode: 'in-person', capacity: 80 },
        { mode: 'online', capacity: null },
      ],
      sessions: [{ title: 'Åpning', speaker: 'Direktøren', startsAt: '2027-03-03T08:00:00Z', endsAt: '2027-03-03T08:30:00Z', capacity: 50 }],
      questions: [{ kind: 'dietary', label: 'Allergier', required: true }],
      eligibility: 'For personvernombud',
      streamingUrl: 'https://stream.normen.no/feltbevaring',
      reminderHoursBefore: 48,
      retentionDays: 30,
    });
    const read = () => ok('GET', `/admin/events/${String(created.id)}`);
    await expectOnlyFieldChanged(read, `/admin/events/${String(created.id)}`, 'title', 'Normkonferansen, ny tittel', { expectedRevision: created.revision });
  });

  it('PUT /admin/events/{id}/registrations/{registrationId} checking someone in keeps their status, sessions and answers', async () => {
    covered.add('updateRegistration');
    const event = await ok('POST', '/admin/events', {
      type: 'webinar',
      title: 'Webinar om innsjekk',
      startsAt: '2027-03-04T08:00:00Z',
      endsAt: '2027-03-04T09:00:00Z',
      attendance: [{ mode: 'online', capacity: null }],
      questions: [{ id: 'rolle', kind: 'role', label: 'Rolle', required: false }],
    });
    const opened = await ok('PUT', `/admin/events/${String(event.id)}`, {
      ...event,
      id: undefined,
      counts: undefined,
      status: 'open',
      expectedRevision: event.revision,
    });
    expect(opened.status).toBe('open');
    const registered = await fetch(`${api.url}/events/${String(event.id)}/registrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Kari Nordmann',
        email: 'kari.feltbevaring@sykehus.no',
        organisation: 'Helse Nord',
        mode: 'online',
        answers: { rolle: 'Ombud' },
      }),
    });
    expect(registered.status).toBeLessThan(300);
    const read = async () => {
      const { items } = (await ok('GET', `/admin/events/${String(event.id)}/registrations`)) as { items: Json[] };
      const [registration] = items;
      if (!registration) throw new Error('no registration');
      return { ...registration, checkedIn: registration.checkedInAt !== null } as Json;
    };
    const { id } = await read();
    await expectOnlyFieldChanged(read, `/admin/events/${String(event.id)}/registrations/${String(id)}`, 'checkedIn', true);
  });

  describe('consultations', () => {
    let consultationId = '';
    beforeAll(async () => {
      const created = await product({ title: 'Produkt på høring for feltbevaring' });
      await ok('POST', `/admin/products/${String(created.id)}/transitions`, { action: 'send-to-consultation', expectedRevision: created.revision });
      const { items } = (await ok('GET', '/admin/consultations')) as { items: Json[] };
      consultationId = String(items.find((item) => item.productId === created.id)?.id);
    });

    it('PUT /admin/consultations/{id} with only an audience keeps the deadline', async () => {
      covered.add('updateConsultation');
      const consultation = await ok('GET', `/admin/consultations/${consultationId}`);
      const read = () => ok('GET', `/admin/consultations/${consultationId}`);
      await expectOnlyFieldChanged(read, `/admin/consultations/${consultationId}`, 'audience', 'Alle helseforetak og kommuner', {
        expectedRevision: consultation.revision,
      });
    });

    it('PUT /admin/consultations/{id}/inputs/{inputId} with only a reason keeps the triage status', async () => {
      covered.add('triageInput');
      const submitted = await fetch(`${api.url}/inputs`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          consultationId,
          name: 'Per Hansen',
          email: 'per.feltbevaring@leverandor.no',
          organisation: 'Leverandør AS',
          stakeholderGroup: 'supplier',
          text: 'Et innspill som er langt nok.',
        }),
      });
      expect(submitted.status).toBe(201);
      const { id: inputId } = (await submitted.json()) as { id: string };
      await ok('PUT', `/admin/consultations/${consultationId}/inputs/${inputId}`, { status: 'not-taken', reason: 'Dekkes av eksisterende krav' });
      const read = async () => {
        const { items } = (await ok('GET', `/admin/consultations/${consultationId}/inputs`)) as { items: Json[] };
        const input = items.find((item) => item.id === inputId);
        if (!input) throw new Error('no input');
        return input;
      };
      await expectOnlyFieldChanged(read, `/admin/consultations/${consultationId}/inputs/${inputId}`, 'reason', 'Dekkes av krav 4.2 i Normen');
    });
  });

  it('PUT /admin/users/{username}: a new name leaves group, status and access as they were', async () => {
    covered.add('updateUser');
    const { items } = (await api.callAs('admin', 'GET', '/admin/users')).json as { items: Json[] };
    const user = items.find((item) => item.email === 'ingen-rolle@normen.local');
    if (!user) throw new Error('no user without a group in the test pool');
    const path = `/admin/users/${encodeURIComponent(String(user.username))}`;
    const read = async () => {
      const { history: _history, updatedAt: _updatedAt, ...rest } = (await api.callAs('admin', 'GET', path)).json;
      return rest;
    };
    const before = await read();
    const response = await api.callAs('admin', 'PUT', path, { name: 'Uten Rolle Endret' });
    expect(response.status, JSON.stringify(response.json)).toBe(200);
    const after = await read();
    expect(after.name).toBe('Uten Rolle Endret');
    expect({ ...after, name: undefined }).toEqual({ ...before, name: undefined });
    // An empty body changes nothing and records nothing.
    const historyBefore = ((await api.callAs('admin', 'GET', path)).json.history as unknown[]).length;
    expect((await api.callAs('admin', 'PUT', path, {})).status).toBe(200);
    expect(((await api.callAs('admin', 'GET', path)).json.history as unknown[]).length).toBe(historyBefore);
    await api.callAs('admin', 'PUT', path, { name: 'Uten Rolle' });
  });

  describe('the steering group', () => {
    let group: Json = {};
    let linked: Json = {};
    beforeAll(async () => {
      linked = await product({ title: 'Produkt for referansegruppe' });
      group = await ok('POST', '/admin/groups', {
        name: 'Referansegruppe for feltbevaring',
        kind: 'reference-group',
        description: 'Gir innspill til utkastet',
        productIds: [linked.id],
      });
    });

    it('PUT /admin/groups/{id} with only a name keeps the kind, description, products and members', async () => {
      covered.add('updateGroup');
      await ok('POST', `/admin/groups/${String(group.id)}/members`, { name: 'Kari Nordmann', organisation: 'KS', email: 'kari@example.no', role: 'member' });
      const read = () => ok('GET', `/admin/groups/${String(group.id)}`);
      const current = await read();
      await expectOnlyFieldChanged(read, `/admin/groups/${String(group.id)}`, 'name', 'Referansegruppe med nytt navn', { expectedRevision: current.revision });
    });

    it('PUT /admin/groups/{id}/members/{memberId} with only a role keeps the dates, organisation and address', async () => {
      covered.add('updateGroupMember');
      const member = await ok('POST', `/admin/groups/${String(group.id)}/members`, {
        name: 'Ola Nordmann',
        organisation: 'Helse Vest RHF',
        email: 'ola@example.no',
        role: 'member',
        from: '2025-01-01',
        to: '2030-12-31',
      });
      const read = async () => {
        const { members } = (await ok('GET', `/admin/groups/${String(group.id)}`)) as { members: Json[] };
        const found = members.find((candidate) => candidate.id === member.id);
        if (!found) throw new Error('no member');
        return found;
      };
      await expectOnlyFieldChanged(read, `/admin/groups/${String(group.id)}/members/${String(member.id)}`, 'role', 'deputy', {
        expectedRevision: member.revision,
      });
    });

    it('PUT /admin/meetings/{id} with only a title keeps the day, times, place, deadline and agenda', async () => {
      covered.add('updateMeeting');
      const record = await ok('POST', '/admin/cases', { type: 'information', title: 'Sekretariatet orienterer' });
      const meeting = await ok('POST', '/admin/meetings', {
        title: 'Styringsgruppemøte feltbevaring',
        groupId: group.id,
        date: '2027-03-10',
        startTime: '10:00',
        endTime: '14:00',
        format: 'hybrid',
        place: 'Oslo',
        videoUrl: 'https://mote.example.no/feltbevaring',
        documentDeadline: '2027-03-01',
        agenda: [{ caseId: record.id, startTime: '10:00', endTime: '10:30' }],
      });
      const read = () => ok('GET', `/admin/meetings/${String(meeting.id)}`);
      await expectOnlyFieldChanged(read, `/admin/meetings/${String(meeting.id)}`, 'title', 'Styringsgruppemøte, ny tittel', {
        expectedRevision: meeting.revision,
      });
    });

    it('PUT /admin/cases/{id} with only a title keeps the proposal, products, meeting and outcome', async () => {
      covered.add('updateCase');
      const record = await ok('POST', '/admin/cases', {
        type: 'decision',
        title: 'Sak som bare får ny tittel',
        background: 'Bakgrunn som ikke skal forsvinne',
        proposal: 'Forslaget som ikke skal forsvinne',
        productIds: [linked.id],
        outcome: 'adopted',
        decisionText: 'Vedtaket som ikke skal forsvinne',
        decidedOn: '2026-06-03',
      });
      const read = () => ok('GET', `/admin/cases/${String(record.id)}`);
      await expectOnlyFieldChanged(read, `/admin/cases/${String(record.id)}`, 'title', 'Saken med ny tittel', { expectedRevision: record.revision });
    });
  });

  it('covers every PUT route declared in functions/routes.ts', () => {
    const declared = routes.filter((route) => route.method === 'PUT').map((route) => route.operationId);
    expect([...covered].sort()).toEqual([...declared].sort());
  });
});
