import {
  eventIdParamsSchema,
  eventInputSchema,
  eventMessageSchema,
  eventUpdateSchema,
  registrationChangeSchema,
  registrationPageQuerySchema,
  registrationParamsSchema,
  registrationQuerySchema,
} from '../../content-model';
import { emailingDependencies } from '../dependencies';
import { httpLambda } from '../shared/http/lambda';
import { json, parseBody, parsePath, parseQuery, requireActor, text, type HttpRequest } from '../shared/http/request';
import { createRuntime } from '../shared/runtime';
import {
  changeRegistration,
  createEvent,
  getEvent,
  listEvents,
  listMailings,
  registrationPage,
  registrationsCsv,
  sendMessage,
  updateEvent,
} from '../events/events-admin';
import type { EventDependencies } from '../events/registration';

const runtime = createRuntime();
const deps: EventDependencies = await emailingDependencies(runtime);

const eventId = (request: HttpRequest) => parsePath(request, eventIdParamsSchema).id;

export const handler = httpLambda('eventsAdmin', {
  listEvents: async () => json(200, { items: await listEvents(deps) }),
  createEvent: async (request) => json(201, await createEvent(deps, requireActor(request), parseBody(request, eventInputSchema))),
  getEvent: async (request) => json(200, await getEvent(deps, eventId(request))),
  updateEvent: async (request) => json(200, await updateEvent(deps, requireActor(request), eventId(request), parseBody(request, eventUpdateSchema))),
  listRegistrations: async (request) => json(200, await registrationPage(deps, eventId(request), parseQuery(request, registrationPageQuerySchema))),
  exportRegistrationsCsv: async (request) =>
    text(200, await registrationsCsv(deps, eventId(request), parseQuery(request, registrationQuerySchema)), 'text/csv; charset=utf-8', {
      'content-disposition': 'attachment; filename="pameldinger.csv"',
    }),
  updateRegistration: async (request) => {
    const { id, registrationId } = parsePath(request, registrationParamsSchema);
    return json(200, await changeRegistration(deps, requireActor(request), id, registrationId, parseBody(request, registrationChangeSchema)));
  },
  listEventMailings: async (request) => json(200, await listMailings(deps, eventId(request))),
  sendEventMessage: async (request) => json(202, await sendMessage(deps, requireActor(request), eventId(request), parseBody(request, eventMessageSchema))),
});
