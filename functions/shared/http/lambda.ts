import { createHash } from 'node:crypto';
import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { routeKey, routes, type LambdaName, type OperationId, type RouteDeclaration } from '../../routes';
import { NotFoundError } from '../errors';
import { logger } from '../logger';
import { countServerError } from '../metrics';
import { actorFromEvent, authorize } from './auth';
import { toErrorResponse } from './error-responses';
import type { HttpResponse, Operation } from './request';

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
function errorResponses(lambdaName: LambdaName, operationOf: (routeKey: string) => string | undefined): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResponse> {
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
 * Builds the Lambda handler for one entry of `lambdas`: dispatches on the API Gateway route key to
 * the operation declared for it, after the group check. The operations map must cover exactly the
 * routes declared for this Lambda, which the type enforces.
 */
/**
 * Public HTML pages (forms that work without JavaScript, embeddable on normen.no) need a policy
 * that lets a form post to us and inline styles render; JSON responses keep the strict default.
 */
const pagePolicy = {
  contentSecurityPolicy: {
    'default-src': "'none'",
    'style-src': "'unsafe-inline'",
    'img-src': "'self'",
    'form-action': "'self'",
    'base-uri': "'none'",
    'frame-ancestors': "'self' https://www.normen.no https://normen.no",
    sandbox: 'allow-forms allow-same-origin',
  },
  frameOptions: false,
} as const;

export function httpLambda<L extends LambdaName>(
  name: L,
  operations: Record<OperationId<L>, Operation>,
  options: { corsOrigin: string; servesPages?: boolean },
) {
  const declared: readonly RouteDeclaration[] = routes;
  const table = new Map(
    declared
      .filter((route) => route.lambda === name)
      .map((route) => [routeKey(route), { route, operation: operations[route.operationId as OperationId<L>] }] as const),
  );

  const dispatch = async (event: APIGatewayProxyEventV2, _context: Context): Promise<HttpResponse> => {
    const entry = table.get(event.routeKey);
    if (!entry) throw new NotFoundError('Ukjent adresse');
    const actor = actorFromEvent(event);
    authorize(entry.route.access, actor);
    const response = await entry.operation({ event, actor });
    const cache = entry.route.access === 'public' ? (entry.route.response.cache ?? 'none') : 'none';
    const cached = { ...response, headers: { 'cache-control': cacheControl[cache], ...response.headers } };
    return cache === 'public' ? withEntityTag(cached, event.headers['if-none-match']) : cached;
  };

  return middy<APIGatewayProxyEventV2, HttpResponse>(dispatch)
    .use(httpCors({ origin: options.corsOrigin, headers: 'authorization,content-type', methods: 'GET,POST,PUT,DELETE,OPTIONS' }))
    .use(httpSecurityHeaders(options.servesPages ? pagePolicy : {}))
    .use(errorResponses(name, (key) => table.get(key)?.route.operationId));
}
