import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponseSchema } from '../../content-model';
import { registrationRateLimit } from '../../functions/events/registration';
import { inputRateLimit } from '../../functions/inputs/use-cases';
import { subscriptionRateLimit } from '../../functions/newsletter/subscriptions';
import type { RateLimit } from '../../functions/shared/rate-limit';
import { openEvent } from '../support/events';
import { reviewDependencies, startTestApi, type TestApi } from '../support/local-stack';

/**
 * The three public POSTs over their limit, through the local API server (the API Gateway stand-in)
 * against DynamoDB Local: a JSON caller gets the JSON error with code `rate-limited`, a person at
 * the HTML form a Norwegian page saying to try again later, and both a Retry-After in seconds.
 * The server has its own table, so every counter here starts at zero.
 */
let api: TestApi;
let eventId: string;
beforeAll(async () => {
  api = await startTestApi();
  // An event in the future with streaming only: no seat logic between the request and its limit.
  const deps = { ...(await reviewDependencies(new Date().toISOString())), store: api.store };
  const event = await openEvent(deps, {
    startsAt: '2027-03-01T08:00:00Z',
    endsAt: '2027-03-01T15:00:00Z',
    attendance: [{ mode: 'online', capacity: null }],
    sessions: [],
    questions: [],
  });
  eventId = event.id;
});
afterAll(async () => {
  await api?.stop();
});

type Body = Record<string, string>;

function post(path: string, body: Body, as: 'json' | 'form'): Promise<Response> {
  return fetch(`${api.url}${path}`, {
    method: 'POST',
    ...(as === 'json' ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : { body: new URLSearchParams(body) }),
  });
}

/**
 * Posts until the answer is 429. The limiter counts in fixed windows, so a burst that straddles
 * a window boundary is allowed up to twice the limit; never more.
 */
async function untilLimited(send: () => Promise<Response>, rule: RateLimit): Promise<{ accepted: number; response: Response }> {
  for (let accepted = 0; accepted <= 2 * rule.limit; accepted += 1) {
    const response = await send();
    if (response.status === 429) return { accepted, response };
    expect(response.status, await response.text()).toBeLessThan(300);
  }
  throw new Error(`Still not rate limited after ${2 * rule.limit + 1} requests`);
}

function expectRetryAfter(response: Response, rule: RateLimit): void {
  const header = response.headers.get('retry-after') ?? '';
  expect(header).toMatch(/^\d+$/);
  expect(Number(header)).toBeGreaterThan(0);
  expect(Number(header)).toBeLessThanOrEqual(rule.windowSeconds);
}

const cases: { name: string; path: () => string; rule: RateLimit; body: () => Body; formLink: string }[] = [
  {
    name: 'input (POST /inputs)',
    path: () => '/inputs',
    rule: inputRateLimit,
    body: () => ({
      consultationId: 'general',
      name: 'Kari Nordmann',
      email: `innspill-${randomUUID()}@kommune.no`,
      organisation: 'Helse Vest',
      stakeholderGroup: 'other',
      text: 'Vi trenger en veileder om skytjenester.',
    }),
    formLink: 'href="inputs"',
  },
  {
    name: 'newsletter sign-up (POST /newsletter/subscriptions)',
    path: () => '/newsletter/subscriptions',
    rule: subscriptionRateLimit,
    body: () => ({ email: `abonnent-${randomUUID()}@sykehus.no` }),
    formLink: 'href="subscriptions"',
  },
  {
    name: 'event registration (POST /events/{id}/registrations)',
    path: () => `/events/${eventId}/registrations`,
    rule: registrationRateLimit,
    body: () => ({ name: 'Ola Nordmann', email: `deltaker-${randomUUID()}@sykehus.no`, organisation: 'Helse Nord', mode: 'online' }),
    formLink: '',
  },
];

describe('rate-limited public POSTs', () => {
  it.each(cases)(
    'answers a $name over the limit with 429, Retry-After and the JSON error or a Norwegian page',
    async ({ path, rule, body, formLink }) => {
      const json = await untilLimited(() => post(path(), body(), 'json'), rule);
      expect(json.accepted).toBeGreaterThanOrEqual(rule.limit);
      expect(json.response.headers.get('content-type')).toMatch(/^application\/json/);
      expectRetryAfter(json.response, rule);
      const { error } = errorResponseSchema.parse(await json.response.json());
      expect(error.code).toBe('rate-limited');
      expect(error.message).toMatch(/Prøv igjen om/);

      // The same client at the HTML form: a page in Norwegian, not "Lenken virker ikke".
      const form = await untilLimited(() => post(path(), body(), 'form'), rule);
      expect(form.accepted).toBeLessThanOrEqual(rule.limit);
      expect(form.response.headers.get('content-type')).toMatch(/^text\/html/);
      expectRetryAfter(form.response, rule);
      const page = await form.response.text();
      expect(page).toContain('<html lang="nb">');
      expect(page).toContain('<h1>Prøv igjen senere</h1>');
      expect(page).toMatch(/For mange innsendinger på kort tid\. Prøv igjen om (under ett minutt|ett minutt|\d+ minutter)\./);
      expect(page).not.toContain('Lenken virker ikke');
      if (formLink) expect(page).toContain(formLink);
    },
    60_000,
  );

  it('documents 429 with Retry-After and both bodies for the three public POSTs in the OpenAPI document', async () => {
    const document = (await (await fetch(`${api.url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        Record<string, { operationId: string; responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }> }>
      >;
    };
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item));
    for (const operationId of ['submitInput', 'subscribe', 'register']) {
      const limited = operations.find((operation) => operation.operationId === operationId)?.responses['429'];
      expect(limited, operationId).toBeDefined();
      expect(Object.keys(limited?.headers ?? {})).toEqual(['Retry-After']);
      expect(Object.keys(limited?.content ?? {}).sort()).toEqual(['application/json', 'text/html']);
    }
    // Routes without a limit promise none.
    expect(operations.find((operation) => operation.operationId === 'getPublishedProduct')?.responses['429']).toBeUndefined();
  });
});
