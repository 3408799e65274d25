import type { ErrorResponse } from '../../content-model';

type ErrorCode = ErrorResponse['error']['code'];
export interface FieldError {
  path: string;
  message: string;
}

/** Errors a use case may raise; `toErrorResponse` in http/errors.ts maps them to HTTP in one place. */
export abstract class DomainError extends Error {
  abstract readonly status: number;
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

export class ValidationError extends DomainError {
  readonly status = 400;
  readonly code = 'invalid-input';
  static field(path: string, message: string): ValidationError {
    return new ValidationError(`Ugyldig verdi for ${path}: ${message}`, [{ path, message }]);
  }
}

export class UnauthorizedError extends DomainError {
  readonly status = 401;
  readonly code = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = 'not-found';
}

export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code = 'conflict';
}

/** Someone saved the item after it was read: the one message for every stale revision («Produktet er endret …»). */
export class StaleRevisionError extends ConflictError {
  constructor(what: string) {
    super(`${what} er endret av noen andre. Last inn på nytt.`);
  }
}

/** Another transaction touched the same items at the same moment; trying again is the remedy. */
export class TransactionConflictError extends ConflictError {}

/**
 * Too many requests from one client in the current window. `retryAfterSeconds` is when the window
 * frees: it becomes the Retry-After header, and the wording people read on the page or in the JSON.
 */
export class RateLimitedError extends DomainError {
  readonly status = 429;
  readonly code = 'rate-limited';
  constructor(readonly retryAfterSeconds: number) {
    super(`For mange innsendinger på kort tid. Prøv igjen ${waitText(retryAfterSeconds)}.`);
  }
}

function waitText(seconds: number): string {
  if (seconds < 60) return 'om under ett minutt';
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'om ett minutt' : `om ${minutes} minutter`;
}
