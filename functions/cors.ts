import { routes, type GatewayMethod } from './routes';

/**
 * Cross-origin access to the API, declared once. API Gateway owns CORS: an HTTP API with a CORS
 * configuration answers preflights itself and ignores the CORS headers a Lambda returns (AWS docs,
 * "Configuring CORS for an HTTP API"), so no handler sets any. The CDK app turns this into the HTTP
 * API's CorsConfiguration (infra/stateless-stack.ts); the local server applies the same
 * configuration the way API Gateway does (local/gateway-cors.ts).
 */
export interface CorsConfiguration {
  /** Exact origins (scheme, host and port); the response echoes the request's Origin when it is one of them. */
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly GatewayMethod[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly maxAgeSeconds: number;
}

/** Where normen.no's pages run, unless the context `normen:websiteOrigins` says otherwise. */
export const defaultWebsiteOrigins: readonly string[] = ['https://www.normen.no'];

/**
 * The CMS UI (which calls the editor API with a bearer token) and the website (whose JavaScript
 * reads `/content/*`). Methods are the ones the routes use, plus HEAD (see `headRoutes`).
 */
export function corsConfiguration(origins: { cms: string; websites: readonly string[] }): CorsConfiguration {
  const methods = new Set<GatewayMethod>([...routes.map((route) => route.method), 'HEAD']);
  return {
    allowOrigins: [...new Set([origins.cms, ...origins.websites])],
    allowMethods: (['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] as const).filter((method) => methods.has(method)),
    allowHeaders: ['authorization', 'content-type'],
    // Not CORS-safelisted, yet read by the CMS (CSV file names) and by callers of a rate-limited form (429).
    exposeHeaders: ['content-disposition', 'retry-after'],
    maxAgeSeconds: 3600,
  };
}

/**
 * The website origins from the context `normen:websiteOrigins`: a JSON list (a string on the
 * command line, `-c 'normen:websiteOrigins=["https://www.normen.no"]'`, or a list in cdk.json).
 * Each must be an exact origin: a wildcard would let any site's JavaScript read the API.
 */
export function parseWebsiteOrigins(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [...defaultWebsiteOrigins];
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      throw new Error(`normen:websiteOrigins must be a JSON list of origins, got '${value}'`);
    }
  }
  if (!Array.isArray(list) || list.some((origin) => typeof origin !== 'string')) {
    throw new Error(`normen:websiteOrigins must be a JSON list of origins, got ${JSON.stringify(value)}`);
  }
  return (list as string[]).map((origin) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new Error(`normen:websiteOrigins: '${origin}' is not an origin like https://www.normen.no (scheme and host, no path, no wildcard)`);
    }
    return origin;
  });
}
