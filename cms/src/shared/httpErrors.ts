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

export function messageOf(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}
