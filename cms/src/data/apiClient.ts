import { HttpError } from 'react-admin';
import type { z } from 'zod';
import { errorResponseSchema } from '../../../content-model';

/** Where the client gets the token for each request (auth/tokens.ts in the CMS). */
export interface BearerTokenSource {
  /** A valid id token, refreshed first if it is about to expire. */
  getBearerToken(): Promise<string>;
}

export type QueryParams = Record<string, string | number | undefined>;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  /** What to tell the user on 409; e.g. an edit based on a stale revision. Defaults to the server's message. */
  conflictMessage?: string;
}

export interface ApiClient {
  /** Sends an authorised JSON request and parses the answer with the content-model schema. */
  json<S extends z.ZodType>(path: string, schema: S, request?: ApiRequest): Promise<z.infer<S>>;
  /** Sends an authorised request whose answer has no body (204), e.g. a DELETE. */
  noContent(path: string, request?: ApiRequest): Promise<void>;
  /** Sends an authorised GET and returns the body as a file (e.g. the CSV export). */
  file(path: string, query?: QueryParams): Promise<Blob>;
}

export function toQueryString(query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const encoded = params.toString();
  return encoded ? `?${encoded}` : '';
}

const messagesByStatus: Record<number, string> = {
  401: 'Økten er utløpt – logg inn på nytt',
  403: 'Du har ikke tilgang til å gjøre dette',
  404: 'Fant ikke det du ba om',
  429: 'For mange forespørsler – vent litt og prøv igjen',
};

/**
 * Turns an API error ({ error: { code, message, fields } }) into react-admin's HttpError. Field
 * errors go into body.errors, which react-admin puts on the matching form inputs; root.serverError
 * is the message it shows in the notification.
 */
async function toHttpError(response: Response, conflictMessage: string | undefined): Promise<HttpError> {
  const payload: unknown = await response.json().catch(() => null);
  const parsed = errorResponseSchema.safeParse(payload);
  const serverMessage = parsed.success ? parsed.data.error.message : undefined;
  const status = response.status;

  if (status === 400 && parsed.success) {
    const errors: Record<string, unknown> = { root: { serverError: serverMessage } };
    for (const field of parsed.data.error.fields) errors[field.path] = field.message;
    return new HttpError(serverMessage ?? 'Ugyldige opplysninger', status, { errors });
  }
  if (status === 409) return new HttpError(conflictMessage ?? serverMessage ?? 'Konflikt med eksisterende data', status, { serverMessage });
  const message =
    messagesByStatus[status] ?? (status >= 500 ? 'Noe gikk galt på serveren – prøv igjen senere' : (serverMessage ?? `Feil fra API-et (HTTP ${status})`));
  return new HttpError(message, status, { serverMessage });
}

export function createApiClient(apiUrl: string, tokens: BearerTokenSource): ApiClient {
  async function send(path: string, request: ApiRequest, accept: string): Promise<Response> {
    const bearerToken = await tokens.getBearerToken().catch((error: unknown) => {
      throw new HttpError(error instanceof Error ? error.message : 'Ikke innlogget', 401);
    });
    const headers: Record<string, string> = { Authorization: `Bearer ${bearerToken}`, Accept: accept };
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${apiUrl}${path}${toQueryString(request.query)}`, {
        method: request.method ?? 'GET',
        headers,
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      });
    } catch {
      throw new HttpError('Får ikke kontakt med API-et – sjekk nettverket', 0);
    }
    if (!response.ok) throw await toHttpError(response, request.conflictMessage);
    return response;
  }

  return {
    async json(path, schema, request = {}) {
      const response = await send(path, request, 'application/json');
      const parsed = schema.safeParse(await response.json());
      if (!parsed.success) {
        console.error(`Unexpected response from ${path}`, parsed.error.issues);
        throw new HttpError('Uventet svar fra API-et', 502);
      }
      return parsed.data;
    },
    async noContent(path, request = {}) {
      const response = await send(path, request, 'application/json');
      // Drain the (empty) body so the connection is released.
      await response.arrayBuffer().catch(() => undefined);
    },
    async file(path, query) {
      const response = await send(path, query ? { query } : {}, '*/*');
      return response.blob();
    },
  };
}
