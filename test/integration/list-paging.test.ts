import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignSchema, encodeCursor, errorResponseSchema, registrationSchema, subscriberSchema, type Subscriber } from '../../content-model';
import { createCampaign, scheduleCampaign } from '../../functions/newsletter/campaigns';
import { editor, openEvent } from '../support/events';
import { reviewDependencies, startTestApi, type TestApi } from '../support/local-stack';

/**
 * The lists that can grow (subscribers, campaigns, registrations) page on the server: every item
 * appears once across the pages, filters hold across pages, and a bad cursor or limit is a 400
 * naming the field.
 */
let api: TestApi;
let deps: Awaited<ReturnType<typeof reviewDependencies>>;
beforeAll(async () => {
  api = await startTestApi();
  // The use cases write into the API's own table.
  deps = { ...(await reviewDependencies('2026-11-22T09:00:00Z')), table: api.table, store: api.store };
});
afterAll(async () => {
  await api?.stop();
});

interface Page {
  items: { id: string }[];
  nextCursor: string | null;
}

/** Follows nextCursor from the first page to the last; every page but the last is full. */
async function allPages(path: string, query: Record<string, string>, limit: number): Promise<{ pages: Page[]; ids: string[] }> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
    const { status, json } = await api.callAs('editor', 'GET', `${path}?${params}`);
    expect(status).toBe(200);
    const page = json as unknown as Page;
    pages.push(page);
    cursor = page.nextCursor;
    if (cursor) expect(page.items).toHaveLength(limit);
    expect(pages.length).toBeLessThan(50);
  } while (cursor);
  return { pages, ids: pages.flatMap((page) => page.items.map((item) => item.id)) };
}

async function refusedFields(path: string): Promise<string[]> {
  const { status, json } = await api.callAs('editor', 'GET', path);
  expect(status).toBe(400);
  return errorResponseSchema.parse(json).error.fields.map((field) => field.path);
}

const pad = (index: number) => String(index).padStart(3, '0');

describe('subscribers, a page at a time', () => {
  const prefix = `side-${randomUUID().slice(0, 8)}`;
  const subscribers: Subscriber[] = Array.from({ length: 120 }, (_, index) =>
    subscriberSchema.parse({
      id: `sub-${prefix}-${pad(index)}`,
      email: `${prefix}-${pad(index)}@sykehus.no`,
      interests: index % 3 === 0 ? ['events'] : [],
      status: index % 2 === 0 ? 'confirmed' : 'pending',
      createdAt: '2026-11-01T09:00:00.000Z',
      confirmedAt: index % 2 === 0 ? '2026-11-01T09:05:00.000Z' : null,
      unsubscribedAt: null,
      suppressedReason: null,
      softBounces: 0,
      ...(index % 2 === 0 ? {} : { confirmationNonce: `nonce-${index}` }),
      revision: 1,
    }),
  );
  beforeAll(async () => {
    for (const subscriber of subscribers) await api.store.transact(api.store.subscribers.insert(subscriber));
  });

  it('gives all 120 once, by address, in pages of 50, and the first page by default', async () => {
    const { pages, ids } = await allPages('/admin/subscribers', { q: prefix }, 50);
    expect(pages.map((page) => page.items.length)).toEqual([50, 50, 20]);
    expect(ids).toEqual(subscribers.map((subscriber) => subscriber.id));
    // The nonce of a pending confirmation stays out of the list on every page.
    expect(pages.flatMap((page) => page.items).some((item) => 'confirmationNonce' in item)).toBe(false);

    const { json } = await api.callAs('editor', 'GET', `/admin/subscribers?q=${prefix}`);
    expect((json.items as unknown[]).length).toBe(50);
    expect(json.nextCursor).toEqual(expect.any(String));
  });

  it('fills each page with matches of the status and interest filters, across pages', async () => {
    const confirmedForEvents = subscribers.filter((subscriber) => subscriber.status === 'confirmed' && subscriber.interests.includes('events'));
    expect(confirmedForEvents).toHaveLength(20);
    const { pages, ids } = await allPages('/admin/subscribers', { q: prefix, status: 'confirmed', interest: 'events' }, 7);
    expect(pages.map((page) => page.items.length)).toEqual([7, 7, 6]);
    expect(ids).toEqual(confirmedForEvents.map((subscriber) => subscriber.id));

    // A page that ends exactly on the last match says there is no next page.
    const exact = await allPages('/admin/subscribers', { q: prefix, status: 'confirmed', interest: 'events' }, 10);
    expect(exact.pages.map((page) => page.items.length)).toEqual([10, 10]);
  });

  it('refuses a bad cursor and a bad limit naming the field', async () => {
    expect(await refusedFields(`/admin/subscribers?cursor=ikke-en-markor`)).toEqual(['cursor']);
    expect(await refusedFields(`/admin/subscribers?cursor=${'%25%25'}`)).toEqual(['cursor']);
    // Well-formed, but a key of another list: it would start the query outside its partition.
    expect(await refusedFields(`/admin/subscribers?cursor=${encodeCursor({ pk: 'EVENT#x', sk: 'REG#y' })}`)).toEqual(['cursor']);
    expect(await refusedFields(`/admin/subscribers?limit=0`)).toEqual(['limit']);
    expect(await refusedFields(`/admin/subscribers?limit=201`)).toEqual(['limit']);
    expect(await refusedFields(`/admin/subscribers?limit=ti`)).toEqual(['limit']);
  });

  it('exports every match as CSV, not a page', async () => {
    const response = await fetch(`${api.url}/admin/subscribers.csv?q=${prefix}`, { headers: { authorization: `Bearer ${await api.tokenFor('editor')}` } });
    expect(response.status).toBe(200);
    const lines = (await response.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(1 + 120);
  });
});

describe('campaigns, newest first, a page at a time', () => {
  it('gives every issue once across pages, and the status filter holds across pages', async () => {
    const created = [];
    for (let index = 0; index < 60; index++) {
      deps.clock.set(`2026-11-22T10:${String(index).padStart(2, '0')}:00Z`);
      const campaign = await createCampaign(deps, editor, { subject: `Nyhetsbrev nr. ${index}`, body: '<p>Hei</p>', interests: [], linkedProducts: [] });
      created.push(
        index % 4 === 0
          ? await scheduleCampaign(deps, editor, campaign.id, { expectedRevision: campaign.revision, scheduledAt: '2026-12-01T08:00:00Z' })
          : campaign,
      );
    }
    const { pages, ids } = await allPages('/admin/campaigns', {}, 25);
    expect(pages.map((page) => page.items.length)).toEqual([25, 25, 10]);
    expect(ids).toEqual(created.map((campaign) => campaign.id).reverse());
    expect(pages[0]?.items.map((item) => campaignSchema.parse(item).subject)[0]).toBe('Nyhetsbrev nr. 59');

    const scheduled = await allPages('/admin/campaigns', { status: 'scheduled' }, 4);
    expect(scheduled.ids).toEqual(
      created
        .filter((campaign) => campaign.status === 'scheduled')
        .map((campaign) => campaign.id)
        .reverse(),
    );
    expect(scheduled.pages.map((page) => page.items.length)).toEqual([4, 4, 4, 3]);

    expect(await refusedFields('/admin/campaigns?limit=500')).toEqual(['limit']);
    expect(await refusedFields(`/admin/campaigns?cursor=${encodeCursor({ pk: 'CAMPAIGN#x' })}`)).toEqual(['cursor']);
  });
});

describe("an event's registrations, in registration order, a page at a time", () => {
  it('gives all 70 once with the counts on every page, filters across pages, and the CSV has them all', async () => {
    deps.clock.set('2026-11-22T09:00:00Z');
    const event = await openEvent(deps);
    // Straight into the event's partition, beside the email claims and waitlist markers that the
    // list must pass over; every third is online, every fifth on the waitlist.
    const registered = Array.from({ length: 70 }, (_, index) =>
      registrationSchema.parse({
        id: `reg-${pad(index)}`,
        eventId: event.id,
        name: `Deltaker ${pad(index)}`,
        email: `deltaker-${pad(index)}@sykehus.no`,
        organisation: 'Helse Nord',
        mode: index % 3 === 0 ? 'online' : 'in-person',
        sessions: [],
        answers: {},
        status: index % 5 === 0 ? 'waitlisted' : 'confirmed',
        registeredAt: new Date(Date.parse('2026-11-22T09:00:00Z') + index * 1000).toISOString(),
        confirmedAt: index % 5 === 0 ? null : '2026-11-22T09:00:00.000Z',
        cancelledAt: null,
        checkedInAt: null,
        anonymisedAt: null,
        waitlistKey: index % 5 === 0 ? `wait-${pad(index)}` : null,
      }),
    );
    for (const registration of registered) await api.store.transact(api.store.registrations.insert(registration));
    const path = `/admin/events/${event.id}/registrations`;
    const { pages, ids } = await allPages(path, {}, 50);
    expect(pages.map((page) => page.items.length)).toEqual([50, 20]);
    expect(ids).toEqual(registered.map((registration) => registration.id));
    for (const page of pages) expect(page).toMatchObject({ counts: { modes: expect.any(Array) } });

    const waitlisted = await allPages(path, { status: 'waitlisted' }, 5);
    expect(waitlisted.ids).toEqual(registered.filter((registration) => registration.status === 'waitlisted').map((registration) => registration.id));
    expect(waitlisted.pages.map((page) => page.items.length)).toEqual([5, 5, 4]);

    const online = await allPages(path, { mode: 'online' }, 10);
    expect(online.ids).toEqual(registered.filter((registration) => registration.mode === 'online').map((registration) => registration.id));
    expect(online.pages.map((page) => page.items.length)).toEqual([10, 10, 4]);
    expect(online.pages.flatMap((page) => page.items).every((item) => registrationSchema.parse(item).mode === 'online')).toBe(true);

    const search = await allPages(path, { q: 'deltaker 06', status: 'confirmed' }, 3);
    const searched = registered.filter((registration) => registration.name.startsWith('Deltaker 06') && registration.status === 'confirmed');
    expect(searched).toHaveLength(8);
    expect(search.ids).toEqual(searched.map((registration) => registration.id));

    expect(await refusedFields(`${path}?limit=-1`)).toEqual(['limit']);
    expect(await refusedFields(`${path}?cursor=${encodeCursor({ pk: 'EVENT#et-annet', sk: 'REG#x' })}`)).toEqual(['cursor']);

    const csv = await fetch(`${api.url}${path}.csv`, { headers: { authorization: `Bearer ${await api.tokenFor('editor')}` } });
    expect((await csv.text()).trim().split(/\r?\n/)).toHaveLength(1 + 70);
  });
});
