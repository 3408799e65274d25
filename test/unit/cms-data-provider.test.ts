import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import type { ApiClient, ApiRequest } from '../../cms/src/data/apiClient';
import { createDataProvider } from '../../cms/src/data/dataProvider';

interface SentRequest {
  path: string;
  request: ApiRequest;
}

/** An answer to a path, canned or made from the request (a cursor page from the cursor it asks for). */
type Answer = unknown | ((request: ApiRequest) => unknown);

/** An API client that records what the CMS asks for and answers each path with canned JSON. */
function fakeApi(answers: Record<string, Answer>): { api: ApiClient; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  function answer(path: string, request: ApiRequest = {}): unknown {
    if (!(path in answers)) throw new Error(`No answer for ${path}`);
    const canned = answers[path];
    return typeof canned === 'function' ? (canned as (request: ApiRequest) => unknown)(request) : canned;
  }
  const api: ApiClient = {
    async json(path, _schema, request = {}) {
      sent.push({ path, request });
      return answer(path, request) as never;
    },
    async noContent(path, request = {}) {
      sent.push({ path, request });
    },
    async file(path, query) {
      sent.push({ path, request: query ? { query } : {} });
      return new Blob([String(answer(path))]);
    },
  };
  return { api, sent };
}

const listParams = { sort: { field: '', order: 'ASC' as const }, filter: {} };

describe('the CMS data provider, one per resource', () => {
  it('pages the document overview on the server, with its filters and sorting', async () => {
    const { api, sent } = fakeApi({ '/admin/products': { items: [{ id: 'p3' }], total: 53, page: 3, perPage: 25 } });
    const result = await createDataProvider(api).getList('products', {
      pagination: { page: 3, perPage: 25 },
      sort: { field: 'lastChangedAt', order: 'DESC' },
      filter: { status: 'published', owner: 'half-typed@' },
    });
    expect(result).toEqual({ data: [{ id: 'p3' }], total: 53 });
    // A half-typed owner would only earn a 400, so it is left out.
    expect(sent).toEqual([
      { path: '/admin/products', request: { query: { status: 'published', sort: 'lastChangedAt', order: 'desc', page: 3, perPage: 25 } } },
    ]);
  });

  it('filters, sorts and pages in the browser the lists that stay small', async () => {
    const events = [
      { id: 'a', status: 'open', type: 'course', title: 'A', startsAt: '2026-01-01T00:00:00.000Z' },
      { id: 'b', status: 'draft', type: 'course', title: 'B', startsAt: '2026-02-01T00:00:00.000Z' },
      { id: 'c', status: 'open', type: 'course', title: 'C', startsAt: '2026-03-01T00:00:00.000Z' },
      { id: 'd', status: 'open', type: 'course', title: 'D', startsAt: '2026-04-01T00:00:00.000Z' },
    ];
    const { api, sent } = fakeApi({ '/admin/events': { items: events } });
    const secondPage = await createDataProvider(api).getList('events', {
      pagination: { page: 2, perPage: 2 },
      sort: { field: 'startsAt', order: 'DESC' },
      filter: { status: 'open' },
    });
    expect(secondPage).toEqual({ data: [events[0]], total: 3 });
    expect(sent).toEqual([{ path: '/admin/events', request: {} }]);
  });

  /** A cursor-paged list of `ids` as the API gives it: `limit` from after the cursor's id. */
  const cursorList = (ids: string[]) => (request: ApiRequest) => {
    const limit = Number(request.query?.limit);
    const start = request.query?.cursor ? ids.indexOf(String(request.query.cursor).replace('after-', '')) + 1 : 0;
    const items = ids.slice(start, start + limit).map((id) => ({ id }));
    const last = items.at(-1);
    return { items, nextCursor: start + limit < ids.length && last ? `after-${last.id}` : null };
  };

  it('pages campaigns on the server with cursors, forward and back, with the status filter', async () => {
    const { api, sent } = fakeApi({ '/admin/campaigns': cursorList(['c5', 'c4', 'c3', 'c2', 'c1']) });
    const dataProvider = createDataProvider(api);
    const params = (page: number) => ({ ...listParams, pagination: { page, perPage: 2 }, filter: { status: 'sent' } });
    expect(await dataProvider.getList('campaigns', params(1))).toEqual({
      data: [{ id: 'c5' }, { id: 'c4' }],
      pageInfo: { hasNextPage: true, hasPreviousPage: false },
    });
    expect(await dataProvider.getList('campaigns', params(2))).toEqual({
      data: [{ id: 'c3' }, { id: 'c2' }],
      pageInfo: { hasNextPage: true, hasPreviousPage: true },
    });
    expect(await dataProvider.getList('campaigns', params(3))).toEqual({ data: [{ id: 'c1' }], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    // Back to page 2: from the cursor remembered for it, not from the start.
    await dataProvider.getList('campaigns', params(2));
    expect(sent.map(({ request }) => request.query)).toEqual([
      { status: 'sent', limit: 2 },
      { status: 'sent', limit: 2, cursor: 'after-c4' },
      { status: 'sent', limit: 2, cursor: 'after-c2' },
      { status: 'sent', limit: 2, cursor: 'after-c4' },
    ]);
  });

  it('sends the subscriber filters to the API, walks to a page it has no cursor for, and counts an audience over every page', async () => {
    const ids = Array.from({ length: 5 }, (_, index) => `s${index + 1}`);
    const { api, sent } = fakeApi({ '/admin/subscribers': cursorList(ids) });
    const dataProvider = createDataProvider(api);
    const third = await dataProvider.getList('subscribers', {
      ...listParams,
      pagination: { page: 3, perPage: 2 },
      filter: { q: ' ola@', status: 'confirmed' },
    });
    expect(third).toEqual({ data: [{ id: 's5' }], pageInfo: { hasNextPage: false, hasPreviousPage: true } });
    // The address is sent trimmed; page 3 is walked to from page 1, as no cursor for it is known yet.
    expect(sent.map(({ path, request }) => [path, request.query])).toEqual([
      ['/admin/subscribers', { q: 'ola@', status: 'confirmed', limit: 2 }],
      ['/admin/subscribers', { q: 'ola@', status: 'confirmed', limit: 2, cursor: 'after-s2' }],
      ['/admin/subscribers', { q: 'ola@', status: 'confirmed', limit: 2, cursor: 'after-s4' }],
    ]);

    sent.length = 0;
    expect((await dataProvider.listSubscribers({ status: 'confirmed' })).map((subscriber) => subscriber.id)).toEqual(ids);
    expect(sent.map(({ request }) => request.query)).toEqual([{ status: 'confirmed', limit: 200, cursor: undefined }]);
  });

  it("asks for one page of an event's registrations from a cursor", async () => {
    const { api, sent } = fakeApi({ '/admin/events/e1/registrations': { items: [], nextCursor: null, counts: {} } });
    await createDataProvider(api).listRegistrations('e1', { mode: 'online' }, { limit: 50, cursor: 'abc' });
    expect(sent).toEqual([{ path: '/admin/events/e1/registrations', request: { query: { mode: 'online', limit: 50, cursor: 'abc' } } }]);
  });

  it("calls a resource's own operations with their own arguments, not a resource name", async () => {
    const { api, sent } = fakeApi({ '/admin/products/p%2F1/history': { items: [] }, '/admin/jobs': { items: [] } });
    const dataProvider = createDataProvider(api);
    await dataProvider.getProductHistory('p/1');
    await dataProvider.listJobs();
    await dataProvider.eraseSubscriber('s1');
    expect(sent.map(({ path, request }) => `${request.method ?? 'GET'} ${path}`)).toEqual([
      'GET /admin/products/p%2F1/history',
      'GET /admin/jobs',
      'DELETE /admin/subscribers/s1',
    ]);
  });

  it('refuses with 405 what a resource does not support, and resources it does not know', async () => {
    const { api, sent } = fakeApi({});
    const dataProvider = createDataProvider(api);
    const refusals = [
      dataProvider.delete('products', { id: 'p1' }),
      dataProvider.update('subscribers', { id: 's1', data: {}, previousData: { id: 's1' } }),
      dataProvider.getList('unknown', { ...listParams, pagination: { page: 1, perPage: 25 } }),
    ];
    for (const refusal of refusals) await expect(refusal).rejects.toSatisfy((error) => error instanceof HttpError && error.status === 405);
    expect(sent).toEqual([]);
  });
});
