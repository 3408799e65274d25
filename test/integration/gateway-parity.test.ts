import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productSchema } from '../../content-model';
import { lambdaEnvironment, type EnvironmentValues } from '../../functions/lambda-environment';
import { routes } from '../../functions/routes';
import { jsonSecurityHeaders } from '../../functions/shared/http/security-headers';
import { declaredFunctions, startApiServer } from '../../local/api-server';
import { localFunctionName } from '../../local/functions';
import { localCors } from '../../local/deployment-context';
import { createTokenVerifier } from '../../local/services';
import { synthesize } from '../infra/fixture';
import { conferenceInput } from '../support/events';
import { services, startTestApi, testCmsOrigin, testKeysFile, type TestApi } from '../support/local-stack';

/**
 * The local server against what API Gateway + Lambda do: the CORS configuration the CDK app
 * synthesizes, HEAD on every public GET, a malformed path, the gateway's own answers, and each
 * function's own environment and timeout.
 */
const websiteOriginsContext = { 'normen:websiteOrigins': '["https://www.normen.no","https://normen.no"]' };

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ context: websiteOriginsContext });
});
afterAll(async () => {
  await api?.stop();
});

async function call(method: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${api.url}${path}`, { method, headers, redirect: 'manual' });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const accessControl = (headers: Headers) => [...headers.keys()].filter((name) => name.startsWith('access-control-'));
const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

describe('CORS, as the HTTP API the CDK app synthesizes', () => {
  let cors: { AllowOrigins: unknown[]; AllowMethods: string[]; AllowHeaders: string[]; ExposeHeaders: string[]; MaxAge: number };
  beforeAll(() => {
    const template = synthesize(websiteOriginsContext).statelessTemplate;
    const [resource] = Object.values(template.findResources('AWS::ApiGatewayV2::Api')) as [{ Properties: { CorsConfiguration: typeof cors } }];
    cors = resource.Properties.CorsConfiguration;
  }, 120_000);

  /** The website origins are literal strings in the template; the CMS origin is the distribution's (a token). */
  const websiteOrigins = () => cors.AllowOrigins.filter((origin): origin is string => typeof origin === 'string');

  it('allows the website origins of the context and the CMS distribution', () => {
    expect(websiteOrigins().sort()).toEqual(['https://normen.no', 'https://www.normen.no']);
    const cms = cors.AllowOrigins.filter((origin) => typeof origin !== 'string');
    expect(cms).toHaveLength(1);
    expect(JSON.stringify(cms[0])).toContain('CmsDistribution');
  });

  // Locally the CMS runs at testCmsOrigin; in AWS it is the distribution's origin.
  const allowedOrigins = () => [...websiteOrigins(), testCmsOrigin];

  it('answers a preflight from every allowed origin with the template configuration', async () => {
    for (const origin of allowedOrigins()) {
      const response = await call('OPTIONS', '/content/products', {
        origin,
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      });
      expect(response.status, origin).toBe(204);
      expect(response.headers.get('access-control-allow-origin'), origin).toBe(origin);
      expect(list(response.headers.get('access-control-allow-methods')).sort(), origin).toEqual([...cors.AllowMethods].sort());
      expect(list(response.headers.get('access-control-allow-headers')).sort(), origin).toEqual([...cors.AllowHeaders].sort());
      expect(response.headers.get('access-control-max-age'), origin).toBe(String(cors.MaxAge));
    }
  });

  it('puts the allowed origin and the exposed headers on a GET, and only those', async () => {
    for (const origin of allowedOrigins()) {
      const response = await call('GET', '/content/products', { origin });
      expect(response.status, origin).toBe(200);
      expect(response.headers.get('access-control-allow-origin'), origin).toBe(origin);
      expect(list(response.headers.get('access-control-expose-headers')).sort(), origin).toEqual([...cors.ExposeHeaders].sort());
      expect(accessControl(response.headers).sort(), origin).toEqual(['access-control-allow-origin', 'access-control-expose-headers']);
      // The answer depends on Origin, so a shared cache must keep them apart.
      expect(response.headers.get('vary')).toContain('origin');
    }
  });

  it('gives a disallowed origin no CORS headers at all, on the preflight and on the GET', async () => {
    const origin = 'https://evil.example';
    expect(cors.AllowOrigins).not.toContain(origin);
    const preflight = await call('OPTIONS', '/content/products', { origin, 'access-control-request-method': 'GET' });
    expect(preflight.status).toBe(204);
    expect(accessControl(preflight.headers)).toEqual([]);
    const get = await call('GET', '/content/products', { origin });
    expect(get.status).toBe(200);
    expect(accessControl(get.headers)).toEqual([]);
  });
});

describe('HEAD on every public GET route', () => {
  let slug = '';
  let eventId = '';
  beforeAll(async () => {
    const editor = { authorization: `Bearer ${await api.tokenFor('editor')}`, 'content-type': 'application/json' };
    const post = async (path: string, body: unknown, method = 'POST') => {
      const response = await fetch(`${api.url}${path}`, { method, headers: editor, body: JSON.stringify(body) });
      expect(response.status, path).toBeLessThan(300);
      return (await response.json()) as { id: string; slug: string; revision: number };
    };
    const created = await post('/admin/products', {
      title: 'Veileder for HEAD',
      type: 'guide',
      topicCategory: 'core',
      owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' },
      body: '<p>Innhold</p>',
    });
    let revision = created.revision;
    const decided = (await post('/admin/cases', {
      type: 'decision',
      title: 'Veileder for HEAD',
      productIds: [created.id],
      outcome: 'adopted',
      decisionText: 'Veilederen godkjennes.',
    })) as unknown as { number: string };
    for (const step of [
      { action: 'send-to-consultation' },
      { action: 'approve', case: decided.number, closeConsultation: { reason: 'Vedtatt i styringsgruppen' } },
      { action: 'publish' },
    ]) {
      revision = productSchema.parse(await post(`/admin/products/${created.id}/transitions`, { ...step, expectedRevision: revision })).revision;
    }
    slug = created.slug;
    const later = { startsAt: '2027-03-02T08:00:00Z', endsAt: '2027-03-02T15:00:00Z', sessions: [] };
    const event = await post('/admin/events', conferenceInput(later));
    await post(`/admin/events/${event.id}`, { ...conferenceInput(later), status: 'open', expectedRevision: event.revision }, 'PUT');
    eventId = event.id;
  }, 60_000);

  const publicGets = routes.filter((route) => route.method === 'GET' && route.access === 'public');
  const samplePath = (path: string) => path.replace('{slug}', slug).replace('{id}', path.includes('event') ? eventId : 'finnes-ikke');
  // Set per connection and per moment, by Node and by API Gateway alike.
  const perResponse = new Set(['date', 'connection', 'keep-alive']);
  const comparable = (headers: Headers) => Object.fromEntries([...headers].filter(([name]) => !perResponse.has(name)));

  it.each(publicGets.map((route) => [route.path, route] as const))('HEAD %s answers like the GET without a body', async (_path, route) => {
    const path = samplePath(route.path);
    const get = await call('GET', path);
    const head = await call('HEAD', path);
    expect(head.status, path).toBe(get.status);
    expect(head.text, path).toBe('');
    expect(comparable(head.headers), path).toEqual(comparable(get.headers));
    expect(get.headers.get('content-length'), path).toBe(String(Buffer.byteLength(get.text)));
  });

  it('covers real content, not only 404s', async () => {
    const statuses = await Promise.all(publicGets.map(async (route) => (await call('HEAD', samplePath(route.path))).status));
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(8);
    const product = await call('HEAD', `/content/products/${slug}`);
    expect(product.headers.get('etag')).toMatch(/^W\//);
    expect(product.headers.get('cache-control')).toContain('public');
    expect(Number(product.headers.get('content-length'))).toBeGreaterThan(100);
  });

  it('has no HEAD on a route behind the authorizer (API Gateway has no such route: 404)', async () => {
    const response = await call('HEAD', '/admin/products', { authorization: `Bearer ${await api.tokenFor('editor')}` });
    expect(response.status).toBe(404);
  });
});

describe("the gateway's own answers", () => {
  const security = jsonSecurityHeaders();

  it('derives the security headers from the handlers’ middleware (a real list, not an empty one)', async () => {
    expect(security['x-content-type-options']).toBe('nosniff');
    expect(security['content-security-policy']).toContain('default-src');
    // A handler's own 404 carries exactly these.
    const handler = await call('GET', '/content/products/finnes-ikke');
    expect(handler.status).toBe(404);
    for (const [name, value] of Object.entries(security)) expect(handler.headers.get(name), name).toBe(value);
  });

  it('answers a malformed path with 400, never 502, on a guarded and on a public route', async () => {
    for (const path of ['/admin/products/%ZZ', '/content/products/%ZZ', '/content/products/%E0%A4%A']) {
      const response = await call('GET', path, { authorization: `Bearer ${await api.tokenFor('editor')}` });
      expect(response.status, path).toBe(400);
      expect(JSON.parse(response.text), path).toEqual({ message: 'Bad Request' });
      for (const [name, value] of Object.entries(security)) expect(response.headers.get(name), `${path} ${name}`).toBe(value);
    }
  });

  it('answers 401 and 404 as API Gateway does, with the security headers', async () => {
    const unauthorized = await call('GET', '/admin/products');
    expect(unauthorized.status).toBe(401);
    expect(JSON.parse(unauthorized.text)).toEqual({ message: 'Unauthorized' });
    const unknown = await call('GET', '/finnes-ikke');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.text)).toEqual({ message: 'Not Found' });
    // A known path with a method it has no route for: API Gateway has no 405, only "no route".
    const wrongMethod = await call('DELETE', '/health');
    expect(wrongMethod.status).toBe(404);
    expect(JSON.parse(wrongMethod.text)).toEqual({ message: 'Not Found' });
    for (const response of [unauthorized, unknown, wrongMethod]) {
      for (const [name, value] of Object.entries(security)) expect(response.headers.get(name), name).toBe(value);
    }
  });
});

describe('each function in its own environment, with its own timeout', () => {
  let probe: Awaited<ReturnType<typeof startApiServer>>;
  const canary = 'NORMEN_PARITY_CANARY';
  const keysFile = testKeysFile();

  beforeAll(async () => {
    const { pool, dynamoDbEndpoint, s3Endpoint, sesEndpoint, filesBucket } = services();
    // Set in the test process: no function may see it.
    process.env[canary] = 'this process';
    const values = (apiUrl: string): EnvironmentValues => ({
      tableName: 'probe',
      filesBucket,
      fileUrlTtlSeconds: 300,
      mailFrom: 'Normen <ikke-svar@normen.no>',
      linkSecret: { LINK_KEYS_FILE: keysFile },
      publicApiUrl: apiUrl,
      cmsUrl: 'http://localhost:3000/cms/',
      functionName: localFunctionName,
      userPoolId: pool.userPoolId,
      local: { dynamoDbEndpoint, s3Endpoint, sesEndpoint, lambdaEndpoint: apiUrl, cognitoEndpoint: services().cognitoEndpoint },
    });
    const entry = 'test/support/probe-lambda.ts';
    probe = await startApiServer({
      port: 0,
      verifyToken: await createTokenVerifier({ issuer: pool.issuer, jwksUrl: pool.jwksUrl, clientId: pool.clientId }),
      cors: localCors(testCmsOrigin),
      environment: (name, apiUrl) => lambdaEnvironment(name, values(apiUrl)),
      api: {
        routes: [
          { method: 'GET', path: '/platform', lambda: 'platform', access: 'public' },
          { method: 'GET', path: '/newsletter', lambda: 'newsletter', access: 'public' },
          { method: 'GET', path: '/hurry/slow', lambda: 'hurry', access: 'public' },
          { method: 'GET', path: '/hurry', lambda: 'hurry', access: 'public' },
        ],
        // The declared functions as the real server runs them (entry, timeout, environment), with the probe as code.
        functions: (apiUrl) => {
          const declared = declaredFunctions((name) => lambdaEnvironment(name, values(apiUrl)));
          return {
            platform: { ...declared.platform, entry },
            newsletter: { ...declared.newsletter, entry },
            hurry: { ...declared.platform, entry, timeoutSeconds: 1 },
          };
        },
      },
      log: () => undefined,
    });
  }, 60_000);
  afterAll(async () => {
    delete process.env[canary];
    await probe?.stop();
  });

  const environmentOf = async (path: string) => {
    const response = await fetch(`${probe.url}${path}`);
    expect(response.status, path).toBe(200);
    return ((await response.json()) as { environment: Record<string, string> }).environment;
  };

  it('gives the platform function its table and nothing else: no mail settings, no signing key', async () => {
    const environment = await environmentOf('/platform');
    expect(environment.TABLE_NAME).toBe('probe');
    for (const name of ['MAIL_FROM', 'SES_ENDPOINT', 'LINK_KEYS_FILE', 'LINK_TOKEN_SECRET', 'FILES_BUCKET', 'PUBLIC_API_URL', canary])
      expect(environment[name], name).toBeUndefined();
  });

  it('gives the newsletter function its mail settings and the signing key, and neither sees this process', async () => {
    const environment = await environmentOf('/newsletter');
    expect(environment.MAIL_FROM).toBe('Normen <ikke-svar@normen.no>');
    expect(environment.LINK_KEYS_FILE).toBe(keysFile);
    expect(environment.LINK_TOKEN_SECRET).toBeUndefined();
    expect(environment.PUBLIC_API_URL).toBe(probe.url);
    expect(environment[canary]).toBeUndefined();
    expect(environment.PATH).toBeUndefined();
  });

  it('gives each exactly the declared environment plus what the Lambda runtime sets', async () => {
    for (const name of ['platform', 'newsletter'] as const) {
      const environment = await environmentOf(`/${name}`);
      const declared = lambdaEnvironment(name, {
        tableName: 't',
        filesBucket: 'f',
        fileUrlTtlSeconds: 1,
        mailFrom: 'm',
        linkSecret: { LINK_KEYS_FILE: 's' },
        publicApiUrl: 'u',
        cmsUrl: 'c',
        functionName: localFunctionName,
        userPoolId: 'p',
        local: { dynamoDbEndpoint: 'd', s3Endpoint: 's', sesEndpoint: 'e', lambdaEndpoint: 'l', cognitoEndpoint: 'c' },
      });
      const runtime = [
        'AWS_REGION',
        'AWS_LAMBDA_FUNCTION_NAME',
        'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
        'AWS_LAMBDA_INITIALIZATION_TYPE',
        ...(process.env.DEBUG ? ['POWERTOOLS_LOG_LEVEL'] : []),
      ];
      expect(Object.keys(environment).sort(), name).toEqual([...Object.keys(declared), ...runtime].sort());
      expect(environment.AWS_LAMBDA_FUNCTION_NAME).toBe(`normen-${name}`);
    }
  });

  it('answers a function that runs past its timeout as API Gateway does, and keeps serving', async () => {
    const timedOut = await fetch(`${probe.url}/hurry/slow`);
    // The function's timeout (1 s here) comes before the HTTP API's 30 s: a function error, 500.
    expect(timedOut.status).toBe(500);
    expect(await timedOut.json()).toEqual({ message: 'Internal Server Error' });
    // A fresh execution environment takes the next invocation, and the other functions never stopped.
    expect((await environmentOf('/hurry')).TABLE_NAME).toBe('probe');
    expect((await environmentOf('/platform')).TABLE_NAME).toBe('probe');
  });

  it("answers 503 when the HTTP API's integration timeout comes first", async () => {
    const { pool } = services();
    const entry = 'test/support/probe-lambda.ts';
    const gateway = await startApiServer({
      port: 0,
      verifyToken: await createTokenVerifier({ issuer: pool.issuer, jwksUrl: pool.jwksUrl, clientId: pool.clientId }),
      cors: localCors(testCmsOrigin),
      environment: () => ({}),
      // A function allowed longer than the gateway waits (30 s in AWS; 1 s here).
      integrationTimeoutMs: 1_000,
      api: {
        routes: [{ method: 'GET', path: '/patient/slow', lambda: 'patient', access: 'public' }],
        functions: () => ({ patient: { entry, memoryMb: 256, timeoutSeconds: 60, environment: () => ({}) } }),
      },
      log: () => undefined,
    });
    try {
      const response = await fetch(`${gateway.url}/patient/slow`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ message: 'Service Unavailable' });
    } finally {
      await gateway.stop();
    }
  });
});
