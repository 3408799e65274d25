import { emailingDependencies } from '../dependencies';
import {
  campaignIdParamsSchema,
  campaignInputSchema,
  campaignPageQuerySchema,
  campaignSendSchema,
  campaignUpdateSchema,
  subscriberIdParamsSchema,
  subscriberPageQuerySchema,
  subscriberQuerySchema,
} from '../../content-model';
import { httpLambda } from '../shared/http/lambda';
import { json, parseBody, parsePath, parseQuery, requireActor, text } from '../shared/http/request';
import { createRuntime } from '../shared/runtime';
import {
  campaignPage,
  createCampaign,
  getCampaign,
  previewCampaign,
  scheduleCampaign,
  sendTestCampaign,
  updateCampaign,
  type CampaignDependencies,
} from '../newsletter/campaigns';
import { eraseSubscriber, subscriberPage, subscribersCsv } from '../newsletter/subscriber-admin';

const runtime = createRuntime();
const deps: CampaignDependencies = await emailingDependencies(runtime);

const campaignId = (request: Parameters<typeof parsePath>[0]) => parsePath(request, campaignIdParamsSchema).id;

export const handler = httpLambda('newsletterAdmin', {
  listSubscribers: async (request) => json(200, await subscriberPage(deps, parseQuery(request, subscriberPageQuerySchema))),
  exportSubscribersCsv: async (request) =>
    text(200, await subscribersCsv(deps, parseQuery(request, subscriberQuerySchema)), 'text/csv; charset=utf-8', {
      'content-disposition': 'attachment; filename="abonnenter.csv"',
    }),
  eraseSubscriber: async (request) => {
    await eraseSubscriber(deps, requireActor(request), parsePath(request, subscriberIdParamsSchema).id);
    return { statusCode: 204, headers: {}, body: '' };
  },
  listCampaigns: async (request) => json(200, await campaignPage(deps, parseQuery(request, campaignPageQuerySchema))),
  createCampaign: async (request) => json(201, await createCampaign(deps, requireActor(request), parseBody(request, campaignInputSchema))),
  getCampaign: async (request) => json(200, await getCampaign(deps, campaignId(request))),
  updateCampaign: async (request) =>
    json(200, await updateCampaign(deps, requireActor(request), campaignId(request), parseBody(request, campaignUpdateSchema))),
  previewCampaign: async (request) => json(200, await previewCampaign(deps, requireActor(request), campaignId(request))),
  sendTestCampaign: async (request) => json(200, await sendTestCampaign(deps, requireActor(request), campaignId(request))),
  sendCampaign: async (request) => json(200, await scheduleCampaign(deps, requireActor(request), campaignId(request), parseBody(request, campaignSendSchema))),
});
