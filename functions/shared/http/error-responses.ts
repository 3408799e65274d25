import type { ErrorResponse } from '../../../content-model';
import { DomainError, RateLimitedError } from '../errors';
import type { HttpResponse } from './request';
import { json } from './request';

/** Headers an error carries whatever the body is: Retry-After on a 429 (RFC 9110, in seconds). */
function errorHeaders(error: DomainError): Record<string, string> {
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

/** Renders a Norwegian problem page in the style of the form or link it answers for. */
export type ProblemPage = (problem: { title: string; message: string }) => string;

/**
 * The same mapping for a person at an HTML form or an emailed link: a page with the status and
 * headers the JSON answer would have. `title` names the page for the caller's own errors (a bad
 * link, a closed event); a rate limit reads the same on every form.
 */
export function toErrorPage(error: DomainError, render: ProblemPage, title: string): HttpResponse {
  const heading = error instanceof RateLimitedError ? 'Prøv igjen senere' : title;
  return {
    statusCode: error.status,
    headers: { 'content-type': 'text/html; charset=utf-8', ...errorHeaders(error) },
    body: render({ title: heading, message: error.message }),
  };
}
