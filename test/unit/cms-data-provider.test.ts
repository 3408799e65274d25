import { HttpError } from 'react-admin';
import { describe, expect, it } from 'vitest';
import type { ApiClient, ApiRequest } from '../../cms/src/data/apiClient';
import { createDataProvider } from '../../cms/src/data/dataProvider';

interface SentRequest {
  path: string;
  request: ApiRequest;
}

/** An API client that records what the CMS asks for and answers each path with canned JSON. */
function fakeApi(answers: Record<string, unknown>): { api: ApiClient; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  function answer(path: string): unknown {
    if (!(path in answers)) throw new Error(`No answer for ${path}`);
    return answers[path];
  }
  const api: ApiClient = {
    async json(path, _schema, request = {}) {
      sent.push({ path, request });
      return answer(path) as never;
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

  it('filters, sorts and pages in the browser the lists the API gives whole', async () => {
    const campaigns = [
      { id: 'a', status: 'sent', createdAt: '2026-01-01T00:00:00.000Z' },
      { id: 'b', status: 'draft', createdAt: '2026-02-01T00:00:00.000Z' },
      { id: 'c', status: 'sent', createdAt: '2026-03-01T00:00:00.000Z' },
      { id: 'd', status: 'sent', createdAt: '2026-04-01T00:00:00.000Z' },
    ];
    const { api, sent } = fakeApi({ '/admin/campaigns': { items: campaigns } });
    const dataProvider = createDataProvider(api);
    const secondPage = await dataProvider.getList('campaigns', {
      pagination: { page: 2, perPage: 2 },
      sort: { field: 'createdAt', order: 'DESC' },
      filter: { status: 'sent' },
    });
    expect(secondPage).toEqual({ data: [campaigns[0]], total: 3 });
    expect(sent).toEqual([{ path: '/admin/campaigns', request: {} }]);
  });

  it('sends the subscriber filters to the API and pages the answer in the browser', async () => {
    const subscribers = [
      { id: 's1', createdAt: '2026-01-01T00:00:00.000Z' },
      { id: 's2', createdAt: '2026-01-02T00:00:00.000Z' },
    ];
    const { api, sent } = fakeApi({ '/admin/subscribers': { items: subscribers } });
    const page = await createDataProvider(api).getList('subscribers', {
      ...listParams,
      pagination: { page: 1, perPage: 1 },
      filter: { q: ' ola@', status: 'confirmed' },
    });
    expect(page).toEqual({ data: [subscribers[0]], total: 2 });
    expect(sent).toEqual([{ path: '/admin/subscribers', request: { query: { q: 'ola@', status: 'confirmed' } } }]);
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
