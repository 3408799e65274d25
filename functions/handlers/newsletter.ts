import { emailingDependencies } from '../dependencies';
import { preferencesUpdateSchema, subscriptionRequestSchema, tokenQuerySchema } from '../../content-model';
import { DomainError } from '../shared/errors';
import { toErrorPage } from '../shared/http/error-responses';
import { httpLambda } from '../shared/http/lambda';
import { htmlPage, isFormPost, json, jsonOrFormBody, parseInput, parseQuery, type HttpRequest, type HttpResponse } from '../shared/http/request';
import { createRateLimiter } from '../shared/rate-limit';
import { createRuntime } from '../shared/runtime';
import {
  checkYourEmailPage,
  confirmedPage,
  confirmPage,
  preferencesPage,
  problemPage,
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

/** Pages reached from email links and the form answer problems with a page, not JSON. */
async function asPage(work: () => Promise<HttpResponse>, title = 'Lenken virker ikke'): Promise<HttpResponse> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof DomainError) || error.status >= 500) throw error;
    return toErrorPage(error, problemPage, title);
  }
}

const tokenOf = (request: HttpRequest) => parseQuery(request, tokenQuerySchema).token;

export const handler = httpLambda(
  'newsletter',
  {
    showSubscriptionForm: async () => {
      const { status, body } = subscriptionFormPage();
      return htmlPage(status, body);
    },
    subscribe: async (request) => {
      const raw = jsonOrFormBody(request);
      if (!isFormPost(request)) {
        await subscribe(deps, parseInput(subscriptionRequestSchema, raw, 'body'), request.event.requestContext.http.sourceIp);
        // The same answer whether the address is new, pending, subscribed or suppressed.
        return json(202, { status: 'check-your-email' });
      }
      return asPage(async () => {
        try {
          await subscribe(deps, parseInput(subscriptionRequestSchema, raw, 'body'), request.event.requestContext.http.sourceIp);
          return htmlPage(202, checkYourEmailPage());
        } catch (error) {
          if (!(error instanceof DomainError) || error.status !== 400) throw error;
          const typed = typeof raw === 'object' && raw !== null && 'email' in raw && typeof raw.email === 'string' ? raw.email : '';
          const { status, body } = subscriptionFormPage({ email: typed, errors: error.fields }, 400);
          return htmlPage(status, body);
        }
      }, 'Påmeldingen ble ikke sendt');
    },
    // Opening the link only shows the button: mail scanners open every link in every email.
    showConfirmSubscription: (request) =>
      asPage(async () => {
        const token = tokenOf(request);
        const { subscriber } = await confirmation(deps, token);
        if (subscriber.status === 'confirmed') return htmlPage(200, confirmedPage(subscriber, manageLinks(deps, subscriber.id, deps.clock.now()).preferences));
        return htmlPage(200, confirmPage(subscriber, token));
      }),
    confirmSubscription: (request) =>
      asPage(async () => {
        const subscriber = await confirm(deps, tokenOf(request));
        return htmlPage(200, confirmedPage(subscriber, manageLinks(deps, subscriber.id, deps.clock.now()).preferences));
      }),
    showPreferences: (request) =>
      asPage(async () => {
        const token = tokenOf(request);
        return htmlPage(200, preferencesPage(await preferences(deps, token), token));
      }),
    updatePreferences: (request) =>
      asPage(async () => {
        const token = tokenOf(request);
        const subscriber = await updatePreferences(deps, token, parseInput(preferencesUpdateSchema, jsonOrFormBody(request), 'body'));
        return isFormPost(request)
          ? htmlPage(200, preferencesPage(subscriber, token, true))
          : json(200, { status: subscriber.status, interests: subscriber.interests });
      }),
    showUnsubscribe: (request) => asPage(async () => htmlPage(200, unsubscribePage(tokenOf(request)))),
    // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" here; it must work at once and answer 200.
    unsubscribe: (request) =>
      asPage(async () => {
        const token = tokenOf(request);
        const subscriber = await unsubscribe(deps, token);
        return htmlPage(200, unsubscribedPage(subscriber, `preferences?token=${encodeURIComponent(token)}`));
      }),
  },
  { servesPages: true },
);
