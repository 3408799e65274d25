import type middy from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HttpResponse } from './request';

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

/** The security headers on every handler response (@middy/http-security-headers, helmet's defaults). */
export function securityHeaders(options: { servesPages?: boolean } = {}): middy.MiddlewareObj<APIGatewayProxyEventV2, HttpResponse> {
  return httpSecurityHeaders(options.servesPages ? pagePolicy : {});
}

/**
 * The headers that middleware puts on a JSON response, computed by running it once, so the local
 * server's own answers (401, 404, 400) carry exactly the handlers' list without a copy of it.
 */
export function jsonSecurityHeaders(): Record<string, string> {
  const request = { response: { statusCode: 200, headers: {}, body: '' } } as unknown as middy.Request<APIGatewayProxyEventV2, HttpResponse>;
  void securityHeaders().after?.(request);
  const headers = request.response?.headers ?? {};
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}
