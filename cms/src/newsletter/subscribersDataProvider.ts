import { z } from 'zod';
import { subscriberSchema, type Subscriber, type SubscriberQuery } from '../../../content-model';
import type { ApiClient } from '../data/apiClient';
import { clientPage } from '../data/paging';
import { records, resourceDataProvider } from '../data/resourceDataProvider';
import { subscriberQueryParams } from './subscriberQuery';

const subscriberListSchema = z.object({ items: z.array(subscriberSchema) });

/** Subscriber look-ups beyond react-admin's list (editors and admins only), called through useDataProvider<CmsDataProvider>(). */
export interface SubscriberOperations {
  listSubscribers(query: SubscriberQuery): Promise<Subscriber[]>;
  exportSubscribersCsv(query: SubscriberQuery): Promise<Blob>;
  /** GDPR erasure: the person's data is deleted, an audit record (without the address) stays. */
  eraseSubscriber(id: string): Promise<void>;
}

export function createSubscriberOperations(api: ApiClient): SubscriberOperations {
  return {
    listSubscribers: async (query) => (await api.json('/admin/subscribers', subscriberListSchema, { query })).items,
    exportSubscribersCsv: (query) => api.file('/admin/subscribers.csv', query),
    eraseSubscriber: (id) => api.noContent(`/admin/subscribers/${encodeURIComponent(id)}`, { method: 'DELETE' }),
  };
}

/**
 * Subscribers: the API filters (address prefix, status, interest); sorting and paging happen in
 * the browser (data/paging.ts). Deleting is the GDPR erasure; nothing else changes them here.
 */
export function createSubscribersDataProvider(api: ApiClient) {
  const subscribers = createSubscriberOperations(api);
  return resourceDataProvider('subscribers', {
    async getList(_resource, params) {
      const page = clientPage(await subscribers.listSubscribers(subscriberQueryParams(params.filter ?? {})), params, 'createdAt');
      return { data: records(page.data), total: page.total };
    },
    async delete(_resource, params) {
      await subscribers.eraseSubscriber(String(params.id));
      return { data: records(params.previousData ?? { id: params.id }) };
    },
  });
}
