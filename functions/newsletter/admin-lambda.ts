import { subscriberIdParamsSchema, subscriberQuerySchema } from '../../content-model';
import { httpLambda } from '../shared/http/lambda';
import { json, parsePath, parseQuery, requireActor, text } from '../shared/http/request';
import { createRuntime } from '../shared/runtime';
import { createStore } from '../store';
import { eraseSubscriber, listSubscribers, subscribersCsv } from './subscriber-admin';

const runtime = createRuntime();
const deps = { store: createStore(runtime.table), clock: runtime.clock };

export const handler = httpLambda(
  'newsletterAdmin',
  {
    listSubscribers: async (request) => json(200, await listSubscribers(deps, parseQuery(request, subscriberQuerySchema))),
    exportSubscribersCsv: async (request) =>
      text(200, await subscribersCsv(deps, parseQuery(request, subscriberQuerySchema)), 'text/csv; charset=utf-8', {
        'content-disposition': 'attachment; filename="abonnenter.csv"',
      }),
    eraseSubscriber: async (request) => {
      await eraseSubscriber(deps, requireActor(request), parsePath(request, subscriberIdParamsSchema).id);
      return { statusCode: 204, headers: {}, body: '' };
    },
  },
  { corsOrigin: runtime.config.CMS_ORIGIN },
);
