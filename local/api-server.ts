import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { CorsConfiguration } from '../functions/cors';
import { headRoutes, lambdas, routeKey, routes, type Access, type GatewayMethod, type LambdaName } from '../functions/routes';
import { jsonSecurityHeaders } from '../functions/shared/http/security-headers';
import { localFunctionName, startLocalFunctions, type InvocationOutcome, type LocalFunctionDefinition } from './functions';
import { gatewayCors } from './gateway-cors';

/**
 * A stand-in for API Gateway (HTTP API, payload v2) in front of the same Lambda handlers the CDK
 * app deploys, each in its own execution environment (local/functions.ts): it matches the declared
 * routes (and the HEAD route of every public GET), applies the API's CORS configuration, verifies
 * the bearer token on non-public routes as the JWT authorizer does, passes the claims the way API
 * Gateway does, answers with API Gateway's own responses when it does not reach a Lambda or the
 * Lambda fails or times out, and serves the CMS UI. It also stands in for the Lambda service's
 * Invoke API (`POST /2015-03-31/functions/{name}/invocations`), so a function that invokes another
 * one (its `invokes` in functions/routes.ts) does it with the same SDK call as in AWS.
 */
export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

/** A route as API Gateway sees it: a route key, its integration and whether the authorizer guards it. */
export interface ServedRoute {
  method: GatewayMethod;
  path: string;
  lambda: string;
  access: Access;
}

export interface ApiServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  verifyToken: TokenVerifier;
  /** Folder with the built CMS UI, served under /cms/ with the given runtime config. */
  cms?: { dir: string; config: unknown };
  /** The HTTP API's CORS configuration (functions/cors.ts). */
  cors: CorsConfiguration;
  /** Each function's environment, as the CDK gives it (functions/lambda-environment.ts), given this server's URL. */
  environment: (name: LambdaName, apiUrl: string) => Record<string, string>;
  /** Tests only: these routes and functions instead of functions/routes.ts (e.g. a deliberately slow function). */
  api?: { routes: readonly ServedRoute[]; functions: (apiUrl: string) => Record<string, LocalFunctionDefinition> };
  log?: (line: string) => void;
  /** HTTP API's integration timeout (30 s); tests of the gateway's 503 shorten it. */
  integrationTimeoutMs?: number;
}

/** Every route the HTTP API has: the declared ones and a HEAD route per public GET (as the CDK app creates them). */
export const gatewayRoutes: readonly ServedRoute[] = [...routes, ...headRoutes(routes)];

/** The deployed functions, as the Lambda service runs them: entry, memory, timeout and environment from functions/routes.ts. */
export function declaredFunctions(environment: (name: LambdaName) => Record<string, string>): Record<LambdaName, LocalFunctionDefinition> {
  return Object.fromEntries(
    (Object.keys(lambdas) as LambdaName[]).map((name) => [
      name,
      {
        entry: lambdas[name].entry,
        memoryMb: lambdas[name].memoryMb,
        timeoutSeconds: lambdas[name].needs.timeoutSeconds,
        environment: () => environment(name),
      },
    ]),
  ) as Record<LambdaName, LocalFunctionDefinition>;
}

interface CompiledRoute {
  declaration: ServedRoute;
  pattern: RegExp;
  parameterNames: string[];
}

function compile(declaration: ServedRoute): CompiledRoute {
  const parameterNames: string[] = [];
  const source = declaration.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_match, name: string) => {
    parameterNames.push(name);
    return '([^/]+)';
  });
  return { declaration, pattern: new RegExp(`^${source}$`), parameterNames };
}

class MalformedPath extends Error {}

/**
 * API Gateway matches on method and path; a known path with another method matches no route, and
 * without a $default route (we declare none) that is a 404, not a 405.
 */
function matcher(served: readonly ServedRoute[]) {
  const compiled = served.map(compile);
  return (method: string, path: string) => {
    for (const route of compiled) {
      if (route.declaration.method !== method) continue;
      const found = route.pattern.exec(path);
      if (!found) continue;
      const pathParameters: Record<string, string> = {};
      for (const [index, name] of route.parameterNames.entries()) {
        try {
          pathParameters[name] = decodeURIComponent(found[index + 1] ?? '');
        } catch {
          throw new MalformedPath(path);
        }
      }
      return { route: route.declaration, pathParameters };
    }
    return null;
  };
}

/** API Gateway passes JWT claims as strings, arrays flattened to "[a b]". */
function apiGatewayClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]));
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const textTypes = /^(application\/(json|x-www-form-urlencoded|xml)|text\/)/;

function buildEvent(
  request: IncomingMessage,
  url: URL,
  body: Buffer,
  route: ServedRoute,
  pathParameters: Record<string, string>,
  claims: Record<string, string> | null,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const isText = textTypes.test(headers['content-type'] ?? 'text/plain');
  const now = new Date();
  const requestContext = {
    accountId: '000000000000',
    apiId: 'local',
    domainName: url.host,
    domainPrefix: 'local',
    http: {
      method: route.method,
      path: url.pathname,
      protocol: 'HTTP/1.1',
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      userAgent: headers['user-agent'] ?? '',
    },
    requestId: randomUUID(),
    routeKey: routeKey(route),
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
    ...(claims ? { authorizer: { jwt: { claims, scopes: null } } } : {}),
  };
  return {
    version: '2.0',
    routeKey: routeKey(route),
    rawPath: url.pathname,
    rawQueryString: url.search.replace(/^\?/, ''),
    ...(request.headers.cookie ? { cookies: request.headers.cookie.split(/;\s*/) } : {}),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext,
    ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
    isBase64Encoded: body.length > 0 && !isText,
  } as APIGatewayProxyEventV2;
}

const staticTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)), ...headers });
  response.end(text);
}

/** HTTP API's integration timeout: past it the gateway answers 503 whatever the function does. */
const httpApiIntegrationTimeoutMs = 30_000;

/**
 * API Gateway's own answers (HTTP API bodies are `{"message": …}`): no route, a refused token, a
 * path it cannot decode, a failed or timed-out Lambda (a function error, "Task timed out" included,
 * is 500), and its integration timeout (503).
 */
const gatewayAnswers = {
  badRequest: { status: 400, body: { message: 'Bad Request' } },
  unauthorized: { status: 401, body: { message: 'Unauthorized' } },
  notFound: { status: 404, body: { message: 'Not Found' } },
  lambdaFailed: { status: 500, body: { message: 'Internal Server Error' } },
  integrationTimeout: { status: 503, body: { message: 'Service Unavailable' } },
} as const;

/**
 * The handlers' security headers (the same middleware, functions/shared/http/security-headers.ts) on
 * the gateway's own answers too. In AWS, HTTP API's own 401/404/5xx carry none (an HTTP API has no
 * customisable gateway responses); these bodies are JSON, so the headers only harden them, and the
 * local server adds them so a missing header on a handler's answer cannot hide behind the gateway's.
 */
const ownAnswerHeaders = jsonSecurityHeaders();

export async function startApiServer(options: ApiServerOptions): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const log = options.log ?? ((line: string) => console.error(line));
  const integrationTimeoutMs = options.integrationTimeoutMs ?? httpApiIntegrationTimeoutMs;
  const cors = gatewayCors(options.cors);
  const match = matcher(options.api?.routes ?? gatewayRoutes);
  let url = '';
  let functions: ReturnType<typeof startLocalFunctions> | undefined;
  let definitions: Record<string, LocalFunctionDefinition> = {};

  const answer = (request: IncomingMessage, response: ServerResponse, own: { status: number; body: unknown }) =>
    sendJson(response, own.status, own.body, cors.apply(request.headers, ownAnswerHeaders));

  async function serveCms(url: URL, response: ServerResponse): Promise<void> {
    if (!options.cms) return sendJson(response, 404, { error: { code: 'not-found', message: 'CMS-et er ikke bygget', fields: [] } });
    const relative = url.pathname.replace(/^\/cms\/?/, '') || 'index.html';
    if (relative === 'config.json') return sendJson(response, 200, options.cms.config, { 'cache-control': 'no-store' });
    const file = normalize(join(options.cms.dir, relative));
    if (!file.startsWith(normalize(options.cms.dir))) return sendJson(response, 404, {});
    try {
      const content = await readFile(file);
      response.writeHead(200, { 'content-type': staticTypes[extname(file)] ?? 'application/octet-stream' });
      response.end(content);
    } catch {
      const index = await readFile(join(options.cms.dir, 'index.html'));
      response.writeHead(200, { 'content-type': staticTypes['.html'] ?? 'text/html' });
      response.end(index);
    }
  }

  async function invoke(name: string): Promise<(event: APIGatewayProxyEventV2) => Promise<InvocationOutcome>> {
    if (!functions) throw new Error('The local API server has not started');
    const running = functions;
    return async (event) => {
      let timer: NodeJS.Timeout | undefined;
      const gatewayGivesUp = new Promise<InvocationOutcome>((resolve) => {
        timer = setTimeout(() => resolve({ kind: 'timeout' }), integrationTimeoutMs);
      });
      try {
        return await Promise.race([running.invoke(name, event), gatewayGivesUp]);
      } finally {
        clearTimeout(timer);
      }
    };
  }

  /**
   * The Lambda Invoke API, synchronous invocations (RequestResponse) only, as the SDK's InvokeCommand
   * sends them: the named function runs in its own execution environment, like an API request; a
   * function error is a 200 with X-Amz-Function-Error, as Lambda answers. Unsigned requests are
   * refused: in AWS only a role with lambda:InvokeFunction gets through.
   */
  async function serveInvoke(functionName: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const lambdaError = (status: number, type: string, message: string) => sendJson(response, status, { Type: 'User', message }, { 'x-amzn-errortype': type });
    if (!functions) throw new Error('The local API server has not started');
    if (!(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      return lambdaError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
    }
    const name = Object.keys(definitions).find((candidate) => localFunctionName(candidate) === functionName);
    if (!name) return lambdaError(404, 'ResourceNotFoundException', `Function not found: ${functionName}`);
    const invocationType = request.headers['x-amz-invocation-type'] ?? 'RequestResponse';
    if (invocationType !== 'RequestResponse')
      return lambdaError(400, 'InvalidParameterValueException', `Invocation type ${invocationType} is not served locally`);
    const body = (await readBody(request)).toString('utf8');
    let event: unknown;
    try {
      event = body ? (JSON.parse(body) as unknown) : {};
    } catch {
      return lambdaError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
    }
    const outcome = await functions.invoke(name, event);
    const headers = { 'x-amz-executed-version': '$LATEST' };
    if (outcome.kind === 'result') return sendJson(response, 200, outcome.value ?? null, headers);
    const errorMessage = outcome.kind === 'timeout' ? `Task timed out after ${definitions[name]?.timeoutSeconds} seconds` : outcome.message;
    sendJson(response, 200, { errorType: 'Error', errorMessage }, { ...headers, 'x-amz-function-error': 'Unhandled' });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestUrl = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    const method = request.method ?? 'GET';
    const invocation = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(requestUrl.pathname);
    if (invocation && method === 'POST') return serveInvoke(decodeURIComponent(invocation[1] ?? ''), request, response);
    if (requestUrl.pathname === '/' || requestUrl.pathname === '/cms') {
      response.writeHead(302, { location: '/cms/' });
      return void response.end();
    }
    if (requestUrl.pathname.startsWith('/cms/')) return serveCms(requestUrl, response);

    // The gateway answers preflights itself, before any route or authorizer.
    const preflight = cors.preflight(method, request.headers);
    if (preflight) {
      response.writeHead(preflight.status, preflight.headers);
      return void response.end();
    }

    let matched: ReturnType<typeof match>;
    try {
      matched = match(method, requestUrl.pathname);
    } catch (error) {
      if (error instanceof MalformedPath) return answer(request, response, gatewayAnswers.badRequest);
      throw error;
    }
    if (!matched) return answer(request, response, gatewayAnswers.notFound);

    let claims: Record<string, string> | null = null;
    if (matched.route.access !== 'public') {
      const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!token) return answer(request, response, gatewayAnswers.unauthorized);
      try {
        claims = apiGatewayClaims(await options.verifyToken(token));
      } catch {
        return answer(request, response, gatewayAnswers.unauthorized);
      }
    }

    const body = await readBody(request);
    const event = buildEvent(request, requestUrl, body, matched.route, matched.pathParameters, claims);
    const outcome = await (await invoke(matched.route.lambda))(event);
    if (outcome.kind === 'timeout') {
      const timeoutSeconds = definitions[matched.route.lambda]?.timeoutSeconds ?? Infinity;
      // A Lambda that times out before the gateway does is a function error (500); otherwise the gateway gave up (503).
      return answer(request, response, timeoutSeconds * 1000 < integrationTimeoutMs ? gatewayAnswers.lambdaFailed : gatewayAnswers.integrationTimeout);
    }
    if (outcome.kind === 'error') return answer(request, response, gatewayAnswers.lambdaFailed);
    const result = structuredResult(outcome.value);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
    const payload = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
    // API Gateway buffers the response and sends its length; a HEAD keeps the length its Lambda gave (the GET's).
    if (method !== 'HEAD' || headers['content-length'] === undefined) headers['content-length'] = String(payload.length);
    response.writeHead(result.statusCode ?? 200, cors.apply(request.headers, headers));
    if (result.cookies?.length) response.setHeader('set-cookie', result.cookies);
    response.end(method === 'HEAD' ? undefined : payload);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log(`local api: unhandled error ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) sendJson(response, 500, gatewayAnswers.lambdaFailed.body, ownAnswerHeaders);
      else response.end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  url = `http://localhost:${port}`;
  const apiUrl = url;
  definitions = options.api?.functions(apiUrl) ?? declaredFunctions((name) => options.environment(name, apiUrl));
  functions = startLocalFunctions(definitions, log);
  const running = functions;
  return {
    url,
    server,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      await running.stop();
    },
  };
}

/**
 * Payload v2: a handler may return a structured result, or any JSON value, which API Gateway sends
 * as a 200 application/json body.
 */
function structuredResult(value: unknown): APIGatewayProxyStructuredResultV2 {
  if (typeof value === 'object' && value !== null && 'statusCode' in value) return value as APIGatewayProxyStructuredResultV2;
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof value === 'string' ? value : JSON.stringify(value) };
}
