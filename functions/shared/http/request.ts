import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import type { Actor } from '../actor';
import { UnauthorizedError, ValidationError } from '../errors';

export interface HttpRequest {
  event: APIGatewayProxyEventV2;
  /** Set on every non-public route (the auth middleware rejects the request otherwise). */
  actor: Actor | null;
}

export type HttpResponse = APIGatewayProxyStructuredResultV2 & { statusCode: number };
export type Operation = (request: HttpRequest) => Promise<HttpResponse>;

/** The caller of a non-public route; the auth middleware has already refused anonymous calls. */
export function requireActor(request: HttpRequest): Actor {
  if (!request.actor) throw new UnauthorizedError('Innlogging kreves');
  return request.actor;
}

type InputLocation = 'body' | 'query' | 'path';

/** Validates one part of the request; a failure becomes a 400 naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, location: InputLocation): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : location,
    message: issue.message,
  }));
  const names = [...new Set(fields.map((field) => field.path))].join(', ');
  throw new ValidationError(`Ugyldig forespørsel: sjekk ${names}`, fields);
}

export function jsonBody(request: HttpRequest): unknown {
  const { body, isBase64Encoded, headers } = request.event;
  const contentType = headers['content-type'] ?? '';
  if (!body) throw ValidationError.field('body', 'Forespørselen mangler innhold');
  if (!contentType.toLowerCase().startsWith('application/json')) {
    throw ValidationError.field('body', 'Innholdet må sendes som application/json');
  }
  const text = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw ValidationError.field('body', 'Ugyldig JSON');
  }
}

/** True when the request came from a plain HTML form (which then expects an HTML page back). */
export function isFormPost(request: HttpRequest): boolean {
  return (request.event.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** The body of a JSON request or of a form post (as an object of strings and string arrays). */
export function jsonOrFormBody(request: HttpRequest): unknown {
  if (!isFormPost(request)) return jsonBody(request);
  const { body, isBase64Encoded } = request.event;
  const text = body ? (isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body) : '';
  // Repeated fields (a group of checkboxes) become arrays; single ones stay strings.
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = fields[name];
    fields[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return fields;
}

export const parseBody = <S extends z.ZodType>(request: HttpRequest, schema: S) => parseInput(schema, jsonBody(request), 'body');
export const parseQuery = <S extends z.ZodType>(request: HttpRequest, schema: S) => parseInput(schema, request.event.queryStringParameters ?? {}, 'query');
export const parsePath = <S extends z.ZodType>(request: HttpRequest, schema: S) => parseInput(schema, request.event.pathParameters ?? {}, 'path');

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

export function text(statusCode: number, body: string, contentType: string, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { 'content-type': contentType, ...headers }, body };
}

export function htmlPage(statusCode: number, body: string): HttpResponse {
  return { statusCode, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function redirect(location: string): HttpResponse {
  return { statusCode: 302, headers: { location }, body: '' };
}
