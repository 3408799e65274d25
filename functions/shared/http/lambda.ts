import { createHash } from 'node:crypto';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { headRoutes, routeKey, routes, type LambdaName, type OperationId, type RouteDeclaration } from '../../routes';
import { NotFoundError } from '../errors';
import { logger } from '../logger';
import { countServerError } from '../metrics';
import { actorFromEvent, authorize } from './auth';
import { toErrorResponse } from './error-responses';
import type { HttpResponse, Operation } from './request';
import { securityHeaders } from './security-headers';

// Validation messages reach Norwegian users through the CMS UI and public forms.
z.config(z.locales.no());

const cacheControl: Record<NonNullable<RouteDeclaration['response']['cache']>, string> = {
  public: 'public, max-age=60, s-maxage=300, stale-while-revalidate=600',
  none: 'no-store',
};

/** Lets the CDN and browsers revalidate cacheable responses cheaply (304 when nothing changed). */
function withEntityTag(response: HttpResponse, ifNoneMatch: string | undefined): HttpResponse {
  if (response.statusCode !== 200 || typeof response.body !== 'string') return response;
  const etag = `W/"${createHash('sha256').update(response.body).digest('base64url').slice(0, 27)}"`;
  if (ifNoneMatch?.split(/\s*,\s*/).includes(etag)) {
    return { statusCode: 304, headers: { ...response.headers, etag }, body: '' };
  }
  return { ...response, headers: { ...response.headers, etag } };
}

/**
 * Maps every error to its HTTP answer. A 5xx is also logged and counted as a metric: the handler
 * returns normally, so Lambda's own Errors metric (and its alarm) never sees it.
 */
function errorResponses(
  lambdaName: LambdaName,
  operationOf: (routeKey: string) => string | undefined,
): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResponse> {
  return {
    onError: (request) => {
      request.response = toErrorResponse(request.error);
      const { statusCode } = request.response;
      if (statusCode >= 500) {
        const operation = operationOf(request.event.routeKey);
        logger.error('Unhandled error', { error: request.error, routeKey: request.event.routeKey, operation });
        countServerError(lambdaName, operation, statusCode);
      }
    },
  };
}

/**
 * A HEAD route (see `headRoutes` in functions/routes.ts) runs the GET operation; the answer keeps
 * the GET's status and headers, with the length of the body it drops. Runs last, after the error
 * mapping, so a 404 to a HEAD has no body either.
 */
function headWithoutBody(): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResponse> {
  const drop = (request: middy.Request<APIGatewayProxyEventV2, HttpResponse>) => {
    const response = request.response;
    if (!response || !request.event.routeKey.startsWith('HEAD ')) return;
    const body = response.body ?? '';
    const length = Buffer.byteLength(body, response.isBase64Encoded ? 'base64' : 'utf8');
    request.response = { ...response, headers: { ...response.headers, 'content-length': String(length) }, body: '', isBase64Encoded: false };
  };
  return { after: drop, onError: drop };
}

/**
 * Builds the middy chain of one HTTP entry of `lambdas`, for its handler in functions/handlers/: dispatches on the API Gateway route key to
 * the operation declared for it, after the group check. The operations map must cover exactly the
 * routes declared for this Lambda, which the type enforces. No CORS here: API Gateway owns it
 * (functions/cors.ts) and would ignore CORS headers set by a Lambda.
 */
export function httpLambda<L extends LambdaName>(name: L, operations: Record<OperationId<L>, Operation>, options: { servesPages?: boolean } = {}) {
  const declared: readonly RouteDeclaration[] = routes;
  const own = declared.filter((route) => route.lambda === name);
  const table = new Map(own.map((route) => [routeKey(route), { route, operation: operations[route.operationId as OperationId<L>] }] as const));
  for (const head of headRoutes(own)) {
    const get = table.get(routeKey({ method: 'GET', path: head.path }));
    if (get) table.set(routeKey(head), get);
  }

  const dispatch = async (event: APIGatewayProxyEventV2, _context: Context): Promise<HttpResponse> => {
    const entry = table.get(event.routeKey);
    if (!entry) throw new NotFoundError('Ukjent adresse');
    const actor = actorFromEvent(event);
    authorize(entry.route.access, actor);
    const response = await entry.operation({ event, actor });
    const cache = entry.route.access === 'public' ? (entry.route.response.cache ?? 'none') : 'none';
    // API Gateway answers with Access-Control-Allow-Origin per Origin, so a shared cache must key on it.
    const varies: Record<string, string> = cache === 'public' ? { vary: 'origin' } : {};
    const cached = { ...response, headers: { 'cache-control': cacheControl[cache], ...varies, ...response.headers } };
    return cache === 'public' ? withEntityTag(cached, event.headers['if-none-match']) : cached;
  };

  // The Lambda context goes first, so every line logged later (the error mapping's too) carries the
  // request id and cold start; its keys are reset when the invocation ends.
  return middy<APIGatewayProxyEventV2, HttpResponse>(dispatch)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(headWithoutBody())
    .use(securityHeaders(options))
    .use(errorResponses(name, (key) => table.get(key)?.route.operationId));
}
