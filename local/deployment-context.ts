import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { corsConfiguration, parseWebsiteOrigins, type CorsConfiguration } from '../functions/cors';
import { lambdaEnvironment, type EnvironmentValues } from '../functions/lambda-environment';
import type { LambdaName } from '../functions/routes';

/** The CDK context in cdk.json: the local system reads the same settings `cdk deploy` does. */
function cdkContext(): Record<string, unknown> {
  const file = fileURLToPath(new URL('../cdk.json', import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
}

/** The HTTP API's CORS configuration for a local CMS origin, with the website origins of `normen:websiteOrigins`. */
export function localCors(cmsOrigin: string, context: Record<string, unknown> = cdkContext()): CorsConfiguration {
  return corsConfiguration({ cms: cmsOrigin, websites: parseWebsiteOrigins(context['normen:websiteOrigins']) });
}

/** MAIL_FROM as deployed (`normen:mailFrom`). */
export function localMailFrom(context: Record<string, unknown> = cdkContext()): string {
  const from = context['normen:mailFrom'];
  return typeof from === 'string' && from ? from : 'Normen <ikke-svar@normen.no>';
}

/** Every function's environment merged: for tools that act with all the functions' powers (the demo seed). */
export function allFunctionsEnvironment(names: readonly LambdaName[], values: EnvironmentValues): Record<string, string> {
  return Object.assign({}, ...names.map((name) => lambdaEnvironment(name, values))) as Record<string, string>;
}
