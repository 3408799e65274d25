import { z } from 'zod';
import { errorResponseSchema } from '../content-model';
import type { RouteDeclaration } from './routes';

type JsonSchema = Record<string, unknown>;

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    schema: property,
  }));
}

function requestContent(body: z.ZodType, formPost: boolean) {
  const schema = schemaOf(body, 'input');
  return { 'application/json': { schema }, ...(formPost ? { 'application/x-www-form-urlencoded': { schema } } : {}) };
}

const errorStatuses = {
  '400': 'Ugyldig forespørsel – feltene som feiler er navngitt',
  '401': 'Innlogging kreves',
  '403': 'Rollen gir ikke tilgang',
  '404': 'Finnes ikke',
  '409': 'Konflikt (utdatert revisjon, opptatt adresse, ugyldig livsløpssteg)',
};

const rateLimited = {
  description: 'For mange forespørsler fra samme klient – Retry-After sier når det kan prøves igjen',
  headers: {
    'Retry-After': { description: 'Sekunder til grensen er nullstilt', required: true, schema: { type: 'integer', minimum: 1 } },
  },
};

/** A page for a person at a form; the same statuses as the JSON answers. */
const htmlContent = { 'text/html': { schema: { type: 'string' } } };

/** OpenAPI 3.1 generated from the route declarations and their zod schemas. */
export function buildOpenApiDocument(routes: readonly RouteDeclaration[]) {
  const jsonErrorContent = { 'application/json': { schema: schemaOf(errorResponseSchema, 'output') } };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    // A form post gets a page back for every outcome, a JSON post the JSON body.
    const errorContent = route.formPost ? { ...jsonErrorContent, ...htmlContent } : jsonErrorContent;
    const csvContent = route.response.csv ? { 'text/csv': { schema: { type: 'string' } } } : {};
    const successContent = route.response.schema
      ? { [route.response.contentType ?? 'application/json']: { schema: schemaOf(route.response.schema, 'output') }, ...csvContent }
      : route.response.contentType
        ? { [route.response.contentType]: { schema: { type: 'string' } } }
        : undefined;
    const responses: Record<string, unknown> = {
      [String(route.response.status)]: {
        description: route.summary,
        ...(successContent || route.formPost ? { content: { ...successContent, ...(route.formPost ? htmlContent : {}) } } : {}),
      },
    };
    const { alternative } = route.response;
    if (alternative) {
      responses[String(alternative.status)] = {
        description: alternative.description,
        content: { 'application/json': { schema: schemaOf(alternative.schema, 'output') } },
      };
    }
    for (const [status, description] of Object.entries(errorStatuses)) {
      if (route.access === 'public' && (status === '401' || status === '403')) continue;
      responses[status] = { description, content: errorContent };
    }
    if (route.rateLimited) responses['429'] = { ...rateLimited, content: errorContent };
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: {
        operationId: route.operationId,
        summary: route.summary,
        tags: [route.lambda],
        ...(route.access === 'public' ? { security: [] } : {}),
        parameters: [...parameters(route.request?.params, 'path'), ...parameters(route.request?.query, 'query')],
        ...(route.request?.body ? { requestBody: { required: true, content: requestContent(route.request.body, route.formPost === true) } } : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Normen-plattformen API',
      version: '1.0.0',
      description: 'Delivery API for normen.no and the editor API behind the CMS. Editor routes (/admin/*) need a Cognito id token (Authorization: Bearer …).',
    },
    components: { securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ cognito: [] }],
    paths,
  };
}
