import { z } from 'zod';
import { errorResponseSchema } from '../../content-model';
import type { RouteDeclaration } from '../routes';

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

const errorStatuses = {
  '400': 'Ugyldig forespørsel – feltene som feiler er navngitt',
  '401': 'Innlogging kreves',
  '403': 'Rollen gir ikke tilgang',
  '404': 'Finnes ikke',
  '409': 'Konflikt (utdatert revisjon, opptatt adresse, ugyldig livsløpssteg)',
};

/** OpenAPI 3.1 generated from the route declarations and their zod schemas. */
export function buildOpenApiDocument(routes: readonly RouteDeclaration[]) {
  const errorContent = { 'application/json': { schema: schemaOf(errorResponseSchema, 'output') } };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const responses: Record<string, unknown> = {
      [String(route.response.status)]: {
        description: route.summary,
        ...(route.response.schema
          ? { content: { [route.response.contentType ?? 'application/json']: { schema: schemaOf(route.response.schema, 'output') } } }
          : route.response.contentType
            ? { content: { [route.response.contentType]: { schema: { type: 'string' } } } }
            : {}),
      },
    };
    for (const [status, description] of Object.entries(errorStatuses)) {
      if (route.access === 'public' && (status === '401' || status === '403')) continue;
      responses[status] = { description, content: errorContent };
    }
    paths[route.path] = {
      ...paths[route.path],
      [route.method.toLowerCase()]: {
        operationId: route.operationId,
        summary: route.summary,
        tags: [route.lambda],
        ...(route.access === 'public' ? { security: [] } : {}),
        parameters: [...parameters(route.request?.params, 'path'), ...parameters(route.request?.query, 'query')],
        ...(route.request?.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.request.body, 'input') } } } }
          : {}),
        responses,
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Normen-plattformen API',
      version: '1.0.0',
      description: 'Delivery API for normen.no and the editor API behind the CMS. Editor routes (/admin/*) need a Cognito access token.',
    },
    components: { securitySchemes: { cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    security: [{ cognito: [] }],
    paths,
  };
}
