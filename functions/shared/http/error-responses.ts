import type { ErrorResponse } from '../../../content-model';
import { DomainError, RateLimitedError } from '../errors';
import type { HttpResponse } from './request';
import { json } from './request';

/** Headers an error carries whatever the body is: Retry-After on a 429 (RFC 9110, in seconds). */
export function errorHeaders(error: DomainError): Record<string, string> {
  return {
    'cache-control': 'no-store',
    ...(error instanceof RateLimitedError ? { 'retry-after': String(error.retryAfterSeconds) } : {}),
  };
}

/** The one place where errors become HTTP responses. Unknown errors never leak details. */
export function toErrorResponse(error: unknown): HttpResponse {
  if (error instanceof DomainError) {
    const body: ErrorResponse = { error: { code: error.code, message: error.message, fields: error.fields } };
    return json(error.status, body, errorHeaders(error));
  }
  const body: ErrorResponse = { error: { code: 'internal', message: 'Noe gikk galt. Prøv igjen senere.', fields: [] } };
  return json(500, body, { 'cache-control': 'no-store' });
}
