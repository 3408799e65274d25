import { cursorPaginated, PAGE_LIMIT_MAX, subscriberSchema, type Subscriber, type SubscriberQuery } from '../../../content-model';
import type { ApiClient, QueryParams } from '../data/apiClient';
import { allCursorPages, cursorPager } from '../data/paging';
import { records, resourceDataProvider } from '../data/resourceDataProvider';
import { subscriberQueryParams } from './subscriberQuery';

const subscriberPageSchema = cursorPaginated(subscriberSchema);

/** Subscriber look-ups beyond react-admin's list (editors and admins only), called through useDataProvider<CmsDataProvider>(). */
export interface SubscriberOperations {
  /** Every match, page after page. */
  listSubscribers(query: SubscriberQuery): Promise<Subscriber[]>;
  exportSubscribersCsv(query: SubscriberQuery): Promise<Blob>;
  /** GDPR erasure: the person's data is deleted, an audit record (without the address) stays. */
  eraseSubscriber(id: string): Promise<void>;
}

const subscriberPage = (api: ApiClient, query: QueryParams) => api.json('/admin/subscribers', subscriberPageSchema, { query });

export function createSubscriberOperations(api: ApiClient): SubscriberOperations {
  return {
    listSubscribers: (query) => allCursorPages((cursor) => subscriberPage(api, { ...query, limit: PAGE_LIMIT_MAX, cursor })),
    exportSubscribersCsv: (query) => api.file('/admin/subscribers.csv', query),
    eraseSubscriber: (id) => api.noContent(`/admin/subscribers/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
}

/**
 * Subscribers, by address: the API filters (address prefix, status, interest) and pages with
 * cursors (data/paging.ts). Deleting is the GDPR erasure; nothing else changes them here.
 */
export function createSubscribersDataProvider(api: ApiClient) {
  const subscribers = createSubscriberOperations(api);
  const pages = cursorPager((query) => subscriberPage(api, query));
  return resourceDataProvider('subscribers', {
    async getList(_resource, params) {
      const { data, pageInfo } = await pages(params, subscriberQueryParams(params.filter ?? {}));
      return { data: records(data), pageInfo };
    },
    async delete(_resource, params) {
      await subscribers.eraseSubscriber(String(params.id));
      return { data: records(params.previousData ?? { id: params.id }) };
    },
  });
}
