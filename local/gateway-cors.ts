import type { IncomingHttpHeaders } from 'node:http';
import type { CorsConfiguration } from '../functions/cors';

/**
 * API Gateway's CORS, applied to the declaration in functions/cors.ts the way an HTTP API with a
 * CORS configuration does (AWS docs, "Configuring CORS for an HTTP API"):
 * - a preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered by the gateway
 *   itself, 204, with the configured lists when the origin is allowed and no CORS headers when not;
 *   it never reaches a route or a Lambda;
 * - on any other request the gateway drops whatever Access-Control-* headers the integration
 *   returned and adds Access-Control-Allow-Origin (the request's Origin, echoed) and
 *   Access-Control-Expose-Headers, for an allowed Origin only.
 */
export interface GatewayCors {
  /** The gateway's own answer to a preflight, or null when the request is not one. */
  preflight(method: string, headers: IncomingHttpHeaders): { status: number; headers: Record<string, string> } | null;
  /** The response headers with the integration's CORS headers replaced by the gateway's. */
  apply(requestHeaders: IncomingHttpHeaders, responseHeaders: Record<string, string>): Record<string, string>;
}

export function gatewayCors(configuration: CorsConfiguration): GatewayCors {
  const allowed = (origin: string | undefined): origin is string => origin !== undefined && configuration.allowOrigins.includes(origin);
  return {
    preflight(method, headers): ReturnType<GatewayCors['preflight']> {
      if (method !== 'OPTIONS' || !headers.origin || !headers['access-control-request-method']) return null;
      if (!allowed(headers.origin)) return { status: 204, headers: {} };
      return {
        status: 204,
        headers: {
          'access-control-allow-origin': headers.origin,
          'access-control-allow-methods': configuration.allowMethods.join(','),
          'access-control-allow-headers': configuration.allowHeaders.join(','),
          'access-control-max-age': String(configuration.maxAgeSeconds),
        },
      };
    },
    apply(requestHeaders, responseHeaders) {
      const kept = Object.fromEntries(Object.entries(responseHeaders).filter(([name]) => !name.toLowerCase().startsWith('access-control-')));
      const origin = requestHeaders.origin;
      if (!allowed(origin)) return kept;
      return { ...kept, 'access-control-allow-origin': origin, 'access-control-expose-headers': configuration.exposeHeaders.join(',') };
    },
  };
}
