import { campaignIdParamsSchema, deliveryQuerySchema, eventIdParamsSchema, publicDecisionQuerySchema, slugParamsSchema } from '../../content-model';
import { listPublicDecisions } from '../governance/decisions';
import { required } from '../shared/config';
import { httpLambda } from '../shared/http/lambda';
import { json, parsePath, parseQuery, redirect } from '../shared/http/request';
import { fileStoreFromConfig } from '../shared/files';
import { createRuntime } from '../shared/runtime';
import { createStore } from '../store';
import { listOpenConsultations } from '../consultations/use-cases';
import { getPublicEvent, listPublicEvents } from '../events/public-events';
import { getArchivedNewsletter, listArchivedNewsletters } from '../newsletter/archive';
import { downloadProductFile, getPublishedProduct, listPublishedProducts } from '../delivery/use-cases';

const runtime = createRuntime();
const deps = {
  store: createStore(runtime.table),
  files: fileStoreFromConfig(runtime.config),
  clock: runtime.clock,
  publicApiUrl: required(runtime.config.PUBLIC_API_URL, 'PUBLIC_API_URL'),
};

export const handler = httpLambda('delivery', {
  listPublishedProducts: async (request) => json(200, await listPublishedProducts(deps, parseQuery(request, deliveryQuerySchema))),
  getPublishedProduct: async (request) => json(200, await getPublishedProduct(deps, parsePath(request, slugParamsSchema).slug)),
  downloadProductFile: async (request) => {
    const { sourceIp, method } = request.event.requestContext.http;
    const client = method === 'HEAD' ? null : { sourceIp, userAgent: request.event.headers['user-agent'] ?? '' };
    return redirect(await downloadProductFile(deps, parsePath(request, slugParamsSchema).slug, client));
  },
  listOpenConsultations: async () => json(200, await listOpenConsultations(deps)),
  listArchivedNewsletters: async () => json(200, await listArchivedNewsletters(deps)),
  getArchivedNewsletter: async (request) => json(200, await getArchivedNewsletter(deps, parsePath(request, campaignIdParamsSchema).id)),
  listPublicEvents: async () => json(200, await listPublicEvents(deps)),
  getPublicEvent: async (request) => json(200, await getPublicEvent(deps, parsePath(request, eventIdParamsSchema).id)),
  listPublicDecisions: async (request) => json(200, await listPublicDecisions(deps, parseQuery(request, publicDecisionQuerySchema))),
});
