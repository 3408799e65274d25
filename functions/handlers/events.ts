import { eventIdParamsSchema, registrationRequestSchema } from '../../content-model';
import { emailingDependencies } from '../dependencies';
import { httpLambda } from '../shared/http/lambda';
import { NotFoundError } from '../shared/errors';
import { htmlPage, json, type HttpRequest } from '../shared/http/request';
import { linkTokenOf } from '../shared/link-tokens';
import { createRateLimiter } from '../shared/rate-limit';
import { createRuntime } from '../shared/runtime';
import { emptyForm, type FormValues } from '../shared/web/fields';
import { formOperation } from '../shared/web/form';
import { pageOperation } from '../shared/web/problem';
import { confirmOutcomePage, confirmSeatPage } from '../events/confirm-pages';
import { cancelledPage, cancelPage, receivedPage, registrationFormPage, registrationProblem } from '../events/pages';
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

/** A form posts answers as `answers.<question id>`; the API takes them as one object. */
function registrationFromForm(fields: FormValues): Record<string, unknown> {
  const answers: Record<string, string> = {};
  const rest: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (name.startsWith('answers.')) answers[name.slice('answers.'.length)] = Array.isArray(value) ? value.join(', ') : value;
    else rest[name] = value;
  }
  return { ...rest, answers };
}

const registrationUrl = (eventId: string) => `${deps.publicApiUrl}/events/${eventId}/registrations`;
/** An address with a mangled event id names no event: the page says so, rather than naming the path parameter. */
function eventIdOf(request: HttpRequest): string {
  const parsed = eventIdParamsSchema.safeParse(request.event.pathParameters ?? {});
  if (!parsed.success) throw new NotFoundError('Arrangementet finnes ikke');
  return parsed.data.id;
}
const tokenOf = (request: HttpRequest) => linkTokenOf(request.event.queryStringParameters);

export const handler = httpLambda(
  'events',
  {
    showRegistrationForm: pageOperation(registrationProblem, async (request) => {
      const id = eventIdOf(request);
      const event = await visibleEvent(deps.store, id);
      return htmlPage(
        200,
        registrationFormPage(await getPublicEvent(deps, id), event.retentionDays, emptyForm, registrationClosedReason(event, deps.clock.now())),
      );
    }),
    register: formOperation({
      schema: registrationRequestSchema,
      fromForm: registrationFromForm,
      submit: (registration, request) => register(deps, eventIdOf(request), registration, request.event.requestContext.http.sourceIp),
      // The same answer whether the address was registered before or not; the email tells its owner.
      json: () => json(202, { status: 'received' }),
      page: async (_result, request) => htmlPage(202, receivedPage(await visibleEvent(deps.store, eventIdOf(request)))),
      form: async (state, request) => {
        const id = eventIdOf(request);
        const event = await visibleEvent(deps.store, id);
        return registrationFormPage(await getPublicEvent(deps, id), event.retentionDays, state);
      },
      problem: registrationProblem,
    }),
    showConfirmRegistration: pageOperation(registrationProblem, async (request) => {
      const token = tokenOf(request);
      const { event, registration } = await registrationFromLink(deps, token);
      const state = confirmationState(event, registration, deps.clock.now());
      if (state === 'can-confirm') return htmlPage(200, confirmSeatPage(event, registration, token));
      const { status, body } = confirmOutcomePage({ kind: state, event, registration }, token, registrationUrl(event.id));
      return htmlPage(status, body);
    }),
    confirmRegistration: pageOperation(registrationProblem, async (request) => {
      const token = tokenOf(request);
      const outcome = await confirmByLink(deps, token);
      const { status, body } = confirmOutcomePage(outcome, token, registrationUrl(outcome.event.id));
      return htmlPage(status, body);
    }),
    showCancelRegistration: pageOperation(registrationProblem, async (request) => {
      const token = tokenOf(request);
      const { event, registration } = await registrationFromLink(deps, token);
      return htmlPage(200, cancelPage(event, registration, token, registrationUrl(event.id)));
    }),
    cancelRegistration: pageOperation(registrationProblem, async (request) => {
      const { event, alreadyCancelled } = await cancelByLink(deps, tokenOf(request));
      return htmlPage(200, cancelledPage(event, alreadyCancelled, registrationUrl(event.id)));
    }),
  },
  { servesPages: true },
);
