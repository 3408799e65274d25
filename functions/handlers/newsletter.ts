import { emailingDependencies } from '../dependencies';
import { preferencesUpdateSchema, subscriptionRequestSchema } from '../../content-model';
import { httpLambda } from '../shared/http/lambda';
import { htmlPage, json, type HttpRequest } from '../shared/http/request';
import { linkTokenOf } from '../shared/link-tokens';
import { createRateLimiter } from '../shared/rate-limit';
import { createRuntime } from '../shared/runtime';
import { formOperation } from '../shared/web/form';
import { pageOperation } from '../shared/web/problem';
import {
  checkYourEmailPage,
  confirmedPage,
  confirmPage,
  linkProblem,
  preferencesPage,
  signUpProblem,
  subscriptionFormPage,
  unsubscribedPage,
  unsubscribePage,
} from '../newsletter/pages';
import {
  confirm,
  confirmation,
  manageLinks,
  preferences,
  subscribe,
  unsubscribe,
  updatePreferences,
  type NewsletterDependencies,
} from '../newsletter/subscriptions';

const runtime = createRuntime();
const deps: NewsletterDependencies = { ...(await emailingDependencies(runtime)), rateLimiter: createRateLimiter(runtime.table) };

const tokenOf = (request: HttpRequest) => linkTokenOf(request.event.queryStringParameters);

export const handler = httpLambda(
  'newsletter',
  {
    showSubscriptionForm: async () => htmlPage(200, subscriptionFormPage()),
    subscribe: formOperation({
      schema: subscriptionRequestSchema,
      submit: (request, http) => subscribe(deps, request, http.event.requestContext.http.sourceIp),
      // The same answer whether the address is new, pending, subscribed or suppressed.
      json: () => json(202, { status: 'check-your-email' }),
      page: () => htmlPage(202, checkYourEmailPage()),
      form: async (state) => subscriptionFormPage(state),
      problem: signUpProblem,
    }),
    // Opening the link only shows the button: mail scanners open every link in every email.
    showConfirmSubscription: pageOperation(linkProblem, async (request) => {
      const token = tokenOf(request);
      const { subscriber } = await confirmation(deps, token);
      if (subscriber.status === 'confirmed') return htmlPage(200, confirmedPage(subscriber, manageLinks(deps, subscriber.id, deps.clock.now()).preferences));
      return htmlPage(200, confirmPage(subscriber, token));
    }),
    confirmSubscription: pageOperation(linkProblem, async (request) => {
      const subscriber = await confirm(deps, tokenOf(request));
      return htmlPage(200, confirmedPage(subscriber, manageLinks(deps, subscriber.id, deps.clock.now()).preferences));
    }),
    showPreferences: pageOperation(linkProblem, async (request) => {
      const token = tokenOf(request);
      return htmlPage(200, preferencesPage(await preferences(deps, token), token));
    }),
    updatePreferences: formOperation({
      schema: preferencesUpdateSchema,
      submit: (update, request) => updatePreferences(deps, tokenOf(request), update),
      json: ({ subscriber }) => json(200, { status: subscriber.status, interests: subscriber.interests }),
      page: ({ kind, subscriber }, request) => htmlPage(200, preferencesPage(subscriber, tokenOf(request), { result: kind })),
      // A bad link fails here again, and is answered with the link's problem page.
      form: async (state, request) => {
        const token = tokenOf(request);
        return preferencesPage(await preferences(deps, token), token, { state });
      },
      problem: linkProblem,
    }),
    // Reads only: an address that already left is told so, and not offered the button again.
    showUnsubscribe: pageOperation(linkProblem, async (request) => {
      const token = tokenOf(request);
      return htmlPage(200, unsubscribePage(await preferences(deps, token), token));
    }),
    // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here; it must work at once and answer 200.
    unsubscribe: pageOperation(linkProblem, async (request) => {
      const token = tokenOf(request);
      return htmlPage(200, unsubscribedPage(await unsubscribe(deps, token), `preferences?token=${encodeURIComponent(token)}`));
    }),
  },
  { servesPages: true },
);
