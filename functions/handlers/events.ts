import { z } from 'zod';
import { eventIdParamsSchema, registrationRequestSchema, tokenQuerySchema } from '../../content-model';
import { emailingDependencies } from '../dependencies';
import { DomainError } from '../shared/errors';
import { toErrorPage } from '../shared/http/error-responses';
import { httpLambda } from '../shared/http/lambda';
import { htmlPage, isFormPost, json, jsonOrFormBody, parseInput, parsePath, parseQuery, type HttpRequest, type HttpResponse } from '../shared/http/request';
import { createRateLimiter } from '../shared/rate-limit';
import { createRuntime } from '../shared/runtime';
import { confirmOutcomePage, confirmSeatPage } from '../events/confirm-pages';
import { cancelledPage, cancelPage, problemPage, receivedPage, registrationFormPage } from '../events/pages';
import { getPublicEvent } from '../events/public-events';
import {
  cancelByLink,
  confirmationState,
  confirmByLink,
  register,
  registrationClosedReason,
  registrationFromLink,
  visibleEvent,
  type RegistrationDependencies,
} from '../events/registration';

const runtime = createRuntime();
const deps: RegistrationDependencies = { ...(await emailingDependencies(runtime)), rateLimiter: createRateLimiter(runtime.table) };

const formFieldsSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())])).catch({});

/** A form posts answers as `answers.<question id>`; the API takes them as one object. */
function registrationFromForm(fields: Record<string, string | string[]>): Record<string, unknown> {
  const answers: Record<string, string> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith('answers.')) answers[name.slice('answers.'.length)] = Array.isArray(value) ? value.join(', ') : value;
    else rest[name] = value;
  }
  return { ...rest, answers };
}

const registrationUrl = (eventId: string) => `${deps.publicApiUrl}/events/${eventId}/registrations`;

/** Pages for people answer problems with a page, not JSON. */
async function asPage(work: () => Promise<HttpResponse>): Promise<HttpResponse> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.status >= 500) throw error;
    return toErrorPage(
      error,
      ({ title, message }) => problemPage(title, message, error.status).body,
      error.status === 404 ? 'Finner ikke påmeldingen' : 'Det gikk ikke',
    );
  }
}

async function registerFromForm(request: HttpRequest, eventId: string): Promise<HttpResponse> {
  const fields = formFieldsSchema.parse(jsonOrFormBody(request));
  return asPage(async () => {
    try {
      const registration = parseInput(registrationRequestSchema, registrationFromForm(fields), 'body');
      await register(deps, eventId, registration, request.event.requestContext.http.sourceIp);
      return htmlPage(202, receivedPage(await visibleEvent(deps.store, eventId)));
    } catch (error) {
      if (!(error instanceof DomainError) || error.status !== 400) throw error;
      const event = await getPublicEvent(deps, eventId);
      const { status, body } = registrationFormPage(event, { values: fields, errors: error.fields }, null, 400);
      return htmlPage(status, body);
    }
  });
}

export const handler = httpLambda(
  'events',
  {
    showRegistrationForm: (request) =>
      asPage(async () => {
        const { id } = parsePath(request, eventIdParamsSchema);
        const event = await visibleEvent(deps.store, id);
        const { status, body } = registrationFormPage(
          await getPublicEvent(deps, id),
          { values: {}, errors: [] },
          registrationClosedReason(event, deps.clock.now()),
        );
        return htmlPage(status, body);
      }),
    register: async (request) => {
      const { id } = parsePath(request, eventIdParamsSchema);
      if (isFormPost(request)) return registerFromForm(request, id);
      await register(deps, id, parseInput(registrationRequestSchema, jsonOrFormBody(request), 'body'), request.event.requestContext.http.sourceIp);
      // The same answer whether the address was registered before or not; the email tells its owner.
      return json(202, { status: 'received' });
    },
    showConfirmRegistration: (request) =>
      asPage(async () => {
        const { token } = parseQuery(request, tokenQuerySchema);
        const { event, registration } = await registrationFromLink(deps, token);
        const state = confirmationState(event, registration, deps.clock.now());
        if (state === 'can-confirm') return htmlPage(200, confirmSeatPage(event, registration, token));
        const { status, body } = confirmOutcomePage({ kind: state, event, registration }, registrationUrl(event.id));
        return htmlPage(status, body);
      }),
    confirmRegistration: (request) =>
      asPage(async () => {
        const { token } = parseQuery(request, tokenQuerySchema);
        const outcome = await confirmByLink(deps, token);
        const { status, body } = confirmOutcomePage(outcome, registrationUrl(outcome.event.id));
        return htmlPage(status, body);
      }),
    showCancelRegistration: (request) =>
      asPage(async () => {
        const { token } = parseQuery(request, tokenQuerySchema);
        const { event, registration } = await registrationFromLink(deps, token);
        return htmlPage(200, cancelPage(event, registration, token));
      }),
    cancelRegistration: (request) =>
      asPage(async () => {
        const { token } = parseQuery(request, tokenQuerySchema);
        const { event, alreadyCancelled } = await cancelByLink(deps, token);
        return htmlPage(200, cancelledPage(event, alreadyCancelled));
      }),
  },
  { servesPages: true },
);
