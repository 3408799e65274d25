import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { lambdas, routeKey, routes, type LambdaName, type RouteDeclaration } from '../functions/routes';

/**
 * A stand-in for API Gateway (HTTP API, payload v2) in front of the same Lambda handlers the CDK
 * app deploys: it matches the declared routes, verifies the bearer token on non-public routes as
 * the JWT authorizer does, passes the claims the way API Gateway does, and serves the CMS UI.
 */
type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

export interface ApiServerOptions {
  /** 0 picks a free port (tests). */
  port: number;
  verifyToken: TokenVerifier;
  /** Folder with the built CMS UI, served under /cms/ with the given runtime config. */
  cms?: { dir: string; config: unknown };
  /** Allowed origin for CORS preflights, as the HTTP API's CORS configuration. */
  corsOrigin: string;
}

interface CompiledRoute {
  declaration: RouteDeclaration;
  pattern: RegExp;
  parameterNames: string[];
}

function compile(declaration: RouteDeclaration): CompiledRoute {
  const parameterNames: string[] = [];
  const source = declaration.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_match, name: string) => {
    parameterNames.push(name);
    return '([^/]+)';
  });
  return { declaration, pattern: new RegExp(`^${source}$`), parameterNames };
}

const compiledRoutes = (routes as readonly RouteDeclaration[]).map(compile);

function match(method: string, path: string) {
  for (const route of compiledRoutes) {
    if (route.declaration.method !== method) continue;
    const found = route.pattern.exec(path);
    if (!found) continue;
    const pathParameters = Object.fromEntries(route.parameterNames.map((name, index) => [name, decodeURIComponent(found[index + 1] ?? '')]));
    return { route: route.declaration, pathParameters };
  }
  return null;
}

/** API Gateway passes JWT claims as strings, arrays flattened to "[a b]". */
function apiGatewayClaims(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? `[${value.join(' ')}]` : String(value)]),
  );
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
  route: RouteDeclaration,
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

/** The parts of a Lambda context our handlers and middy use. */
export function lambdaContext(name: LambdaName): Context {
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `normen-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:normen-${name}`,
    memoryLimitInMB: String(lambdas[name].memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/normen-${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
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
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

const unauthorized = {
  message: 'Unauthorized',
  error: { code: 'unauthorized', message: 'Innlogging kreves: send et gyldig tilgangstoken', fields: [] },
};

export async function startApiServer(options: ApiServerOptions): Promise<{ url: string; server: Server; stop(): Promise<void> }> {
  const handlers = new Map<LambdaName, Promise<LambdaHandler>>();
  const loadHandler = (name: LambdaName): Promise<LambdaHandler> => {
    let loaded = handlers.get(name);
    if (!loaded) {
      const entry = pathToFileURL(join(process.cwd(), lambdas[name].entry)).href;
      loaded = import(entry).then((module: { handler: LambdaHandler }) => module.handler);
      handlers.set(name, loaded);
    }
    return loaded;
  };

  const corsHeaders = {
    'access-control-allow-origin': options.corsOrigin,
    'access-control-allow-headers': 'authorization,content-type',
    'access-control-allow-methods': 'GET,POST,PUT,DELETE,OPTIONS',
    'access-control-max-age': '600',
  };

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

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    const method = request.method ?? 'GET';
    if (url.pathname === '/' || url.pathname === '/cms') {
      response.writeHead(302, { location: '/cms/' });
      return void response.end();
    }
    if (url.pathname.startsWith('/cms/')) return serveCms(url, response);
    if (method === 'OPTIONS') {
      response.writeHead(204, corsHeaders);
      return void response.end();
    }
    const matched = match(method, url.pathname);
    if (!matched) return sendJson(response, 404, { message: 'Not Found', error: { code: 'not-found', message: 'Ukjent adresse', fields: [] } });

    let claims: Record<string, string> | null = null;
    if (matched.route.access !== 'public') {
      const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
      if (!token) return sendJson(response, 401, unauthorized, corsHeaders);
      try {
        claims = apiGatewayClaims(await options.verifyToken(token));
      } catch {
        return sendJson(response, 401, unauthorized, corsHeaders);
      }
    }

    const body = await readBody(request);
    const event = buildEvent(request, url, body, matched.route, matched.pathParameters, claims);
    const handler = await loadHandler(matched.route.lambda);
    const result = await handler(event, lambdaContext(matched.route.lambda));
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = String(value);
    response.writeHead(result.statusCode ?? 200, headers);
    if (result.cookies?.length) response.setHeader('set-cookie', result.cookies);
    response.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('local api: unhandled error', error);
      if (!response.headersSent) sendJson(response, 502, { message: 'Internal Server Error' });
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
  return {
    url: `http://localhost:${port}`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
