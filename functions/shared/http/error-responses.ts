import type { ErrorResponse } from '../../../content-model';
import { DomainError } from '../errors';
import type { HttpResponse } from './request';
import { json } from './request';

/** The one place where errors become HTTP responses. Unknown errors never leak details. */
export function toErrorResponse(error: unknown): HttpResponse {
  if (error instanceof DomainError) {
    const body: ErrorResponse = { error: { code: error.code, message: error.message, fields: error.fields } };
    return json(error.status, body, { 'cache-control': 'no-store' });
  }
  const body: ErrorResponse = { error: { code: 'internal', message: 'Noe gikk galt. Prøv igjen senere.', fields: [] } };
  return json(500, body, { 'cache-control': 'no-store' });
}
