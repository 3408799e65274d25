import { HttpError } from 'react-admin';

/**
 * Field messages from an API 400 (apiClient puts them in body.errors keyed by the field's path),
 * for dialogs that are not react-admin forms. `prefix` strips e.g. "consultation." so the keys
 * match the dialog's own field names; `root` is the overall message.
 */
export function fieldErrorsOf(error: unknown, prefix = ''): Record<string, string> {
  const found: Record<string, string> = {};
  if (!(error instanceof HttpError) || error.status !== 400) return found;
  const errors = (error.body as { errors?: Record<string, unknown> } | undefined)?.errors ?? {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === 'root' || typeof message !== 'string') continue;
    found[prefix && path.startsWith(prefix) ? path.slice(prefix.length) : path] = message;
  }
  return found;
}

/**
 * For a dialog's error state: the API's messages on the dialog's own `fields`, or, when it named
 * none of them (e.g. a 409 for a stale revision), the overall message as `root`.
 */
export function errorsOnFields<F extends string>(error: unknown, fields: readonly F[], fallback: string): Partial<Record<F | 'root', string>> {
  const found = fieldErrorsOf(error);
  const onFields: Partial<Record<F | 'root', string>> = {};
  for (const field of fields) if (found[field]) onFields[field] = found[field];
  if (Object.keys(onFields).length === 0) onFields.root = messageOf(error, fallback);
  return onFields;
}

export function messageOf(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}
