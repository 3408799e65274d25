import { z } from 'zod';
import { campaignPageQuerySchema, campaignSchema, cursorPaginated, type Campaign, type CampaignSend } from '../../../content-model';
import type { ApiClient } from '../data/apiClient';
import { cursorPager } from '../data/paging';
import { fetchedById, payloadFromForm, records, resourceDataProvider } from '../data/resourceDataProvider';
import { onListInputs, toCampaignInput, toCampaignUpdate } from './campaignPayload';

const campaignPageSchema = cursorPaginated(campaignSchema);
/** GET /admin/campaigns/{id}/preview: the issue exactly as a recipient gets it. */
const campaignPreviewSchema = z.object({ subject: z.string(), html: z.string(), text: z.string(), headers: z.record(z.string(), z.string()) });
export type CampaignPreview = z.infer<typeof campaignPreviewSchema>;
const testSendSchema = z.object({ sentTo: z.string() });

/** What the campaign page does beyond react-admin's CRUD, called through useDataProvider<CmsDataProvider>(). */
export interface CampaignOperations {
  previewCampaign(id: string): Promise<CampaignPreview>;
  /** Sends the issue to the signed-in editor's own address; resolves to that address. */
  sendTestCampaign(id: string): Promise<string>;
  /** Now (no scheduledAt) or at a time; the dispatcher job picks it up within a minute. */
  sendCampaign(id: string, request: CampaignSend): Promise<Campaign>;
}

const campaignPath = (id: unknown) => `/admin/campaigns/${encodeURIComponent(String(id))}`;

export function createCampaignOperations(api: ApiClient): CampaignOperations {
  return {
    previewCampaign: (id) => api.json(`${campaignPath(id)}/preview`, campaignPreviewSchema),
    sendTestCampaign: async (id) => (await api.json(`${campaignPath(id)}/test`, testSendSchema, { method: 'POST' })).sentTo,
    sendCampaign: (id, request) => api.json(`${campaignPath(id)}/send`, campaignSchema, { method: 'POST', body: request }),
  };
}

/** The status filter as the API's query; a value the API would refuse is left out. */
function campaignFilters(filter: Record<string, unknown> | undefined): { status?: string } {
  const status = campaignPageQuerySchema.shape.status.safeParse(filter?.status);
  return status.success && status.data ? { status: status.data } : {};
}

/** Newsletter issues ("utsendelser"; editors and admins only), newest first, in cursor pages from the API (data/paging.ts). */
export function createCampaignsDataProvider(api: ApiClient) {
  const pages = cursorPager((query) => api.json('/admin/campaigns', campaignPageSchema, { query }));
  /** Saves the issue; the API's errors on list items go onto the list's input. */
  const save = (path: string, method: 'POST' | 'PUT', body: unknown) =>
    api.json(path, campaignSchema, { method, body }).catch((error: unknown) => Promise.reject(onListInputs(error)));
  return resourceDataProvider('campaigns', {
    async getList(_resource, params) {
      const { data, pageInfo } = await pages(params, campaignFilters(params.filter));
      return { data: records(data), pageInfo };
    },
    ...fetchedById((id) => api.json(campaignPath(id), campaignSchema)),
    async create(_resource, params) {
      const body = payloadFromForm(() => toCampaignInput(params.data));
      return { data: records(await save('/admin/campaigns', 'POST', body)) };
    },
    async update(_resource, params) {
      const body = toCampaignUpdate(params.data, campaignSchema.parse(params.previousData));
      // 409: a stale revision, or the send has started; the API's Norwegian message says which.
      return { data: records(await save(campaignPath(params.id), 'PUT', body)) };
    },
  });
}
