import { z } from 'zod';
import {
  campaignSchema,
  subscriberSchema,
  type Campaign,
  type CampaignInput,
  type CampaignSend,
  type CampaignUpdate,
  type Subscriber,
  type SubscriberQuery,
} from '../../../content-model';
import type { ApiClient } from './apiClient';

const subscriberListSchema = z.object({ items: z.array(subscriberSchema) });
const campaignListSchema = z.object({ items: z.array(campaignSchema) });
/** GET /admin/campaigns/{id}/preview: the issue exactly as a recipient gets it. */
const campaignPreviewSchema = z.object({ subject: z.string(), html: z.string(), text: z.string(), headers: z.record(z.string(), z.string()) });
export type CampaignPreview = z.infer<typeof campaignPreviewSchema>;
const testSendSchema = z.object({ sentTo: z.string() });

/**
 * Newsletter operations (editors and admins only): subscribers and campaigns ("utsendelser").
 * The react-admin resources `subscribers` and `campaigns` go through these, and the campaign page
 * calls the rest (preview, test, send) through useDataProvider<CmsDataProvider>().
 */
export interface NewsletterOperations {
  listSubscribers(query: SubscriberQuery): Promise<Subscriber[]>;
  exportSubscribersCsv(query: SubscriberQuery): Promise<Blob>;
  /** GDPR erasure: the person's data is deleted, an audit record (without the address) stays. */
  eraseSubscriber(id: string): Promise<void>;
  listCampaigns(): Promise<Campaign[]>;
  getCampaign(id: string): Promise<Campaign>;
  createCampaign(input: CampaignInput): Promise<Campaign>;
  updateCampaign(id: string, update: CampaignUpdate): Promise<Campaign>;
  previewCampaign(id: string): Promise<CampaignPreview>;
  /** Sends the issue to the signed-in editor's own address; resolves to that address. */
  sendTestCampaign(id: string): Promise<string>;
  /** Now (no scheduledAt) or at a time; the dispatcher job picks it up within a minute. */
  sendCampaign(id: string, request: CampaignSend): Promise<Campaign>;
}

const segment = (value: string) => encodeURIComponent(value);
const campaignPath = (id: string) => `/admin/campaigns/${segment(id)}`;

export function createNewsletterOperations(api: ApiClient): NewsletterOperations {
  return {
    listSubscribers: async (query) => (await api.json('/admin/subscribers', subscriberListSchema, { query })).items,
    exportSubscribersCsv: (query) => api.file('/admin/subscribers.csv', query),
    eraseSubscriber: (id) => api.noContent(`/admin/subscribers/${segment(id)}`, { method: 'DELETE' }),
    listCampaigns: async () => (await api.json('/admin/campaigns', campaignListSchema)).items,
    getCampaign: (id) => api.json(campaignPath(id), campaignSchema),
    createCampaign: (input) => api.json('/admin/campaigns', campaignSchema, { method: 'POST', body: input }),
    // 409: a stale revision, or the send has started; the API's Norwegian message says which.
    updateCampaign: (id, update) => api.json(campaignPath(id), campaignSchema, { method: 'PUT', body: update }),
    previewCampaign: (id) => api.json(`${campaignPath(id)}/preview`, campaignPreviewSchema),
    sendTestCampaign: async (id) => (await api.json(`${campaignPath(id)}/test`, testSendSchema, { method: 'POST' })).sentTo,
    sendCampaign: (id, request) => api.json(`${campaignPath(id)}/send`, campaignSchema, { method: 'POST', body: request }),
  };
}
