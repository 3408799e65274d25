import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../functions/openapi';
import { routes, type RouteDeclaration } from '../../functions/routes';

/**
 * The generated OpenAPI document checked against the rules of OpenAPI 3.1 that our generator can
 * break. Written by hand because no OpenAPI validator is installed here (a structural check of
 * the fields we emit, not the whole specification).
 */
const declared: readonly RouteDeclaration[] = routes;
const document = buildOpenApiDocument(declared);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function operations(): { path: string; method: string; operation: Json }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method, operation: operation as Json })),
  );
}

function expectMediaTypes(content: unknown, where: string): void {
  expect(isObject(content), where).toBe(true);
  for (const [type, media] of Object.entries(content as Json)) {
    expect(type, where).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
    expect(isObject(media) && isObject(media.schema), `${where} ${type} has a schema`).toBe(true);
  }
}

describe('the OpenAPI document', () => {
  it('is well-formed OpenAPI 3.1: unique operation ids, declared path parameters, described responses with schemas', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(typeof document.info.title).toBe('string');
    expect(typeof document.info.version).toBe('string');
    // Plain JSON: nothing a serialiser would drop.
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    const schemes = Object.keys(document.components.securitySchemes);
    for (const requirement of document.security) for (const name of Object.keys(requirement)) expect(schemes).toContain(name);

    const ids = new Set<string>();
    for (const { path, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(path).toMatch(/^\//);
      expect(methods).toContain(method);
      expect(typeof operation.operationId, where).toBe('string');
      expect(ids.has(String(operation.operationId)), `${where}: operationId is unique`).toBe(false);
      ids.add(String(operation.operationId));

      const parameters = operation.parameters as Json[];
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const inPath = parameters.filter((parameter) => parameter.in === 'path');
      expect(inPath.map((parameter) => parameter.name).sort(), `${where}: path parameters`).toEqual([...templated].sort());
      for (const parameter of parameters) {
        expect(['path', 'query', 'header', 'cookie']).toContain(parameter.in);
        expect(typeof parameter.name).toBe('string');
        expect(isObject(parameter.schema), `${where} ${String(parameter.name)}`).toBe(true);
        if (parameter.in === 'path') expect(parameter.required).toBe(true);
      }
      const names = parameters.map((parameter) => `${String(parameter.in)}:${String(parameter.name)}`);
      expect(new Set(names).size, `${where}: parameters are unique`).toBe(names.length);

      if (operation.requestBody !== undefined) expectMediaTypes((operation.requestBody as Json).content, `${where} request`);
      const responses = operation.responses as Json;
      expect(Object.keys(responses).length, where).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(responses)) {
        expect(status, where).toMatch(/^[1-5](\d\d|XX)$|^default$/);
        expect(isObject(response) && typeof response.description === 'string', `${where} ${status} has a description`).toBe(true);
        const { content, headers } = response as Json;
        if (content !== undefined) expectMediaTypes(content, `${where} ${status}`);
        for (const header of Object.values((headers ?? {}) as Json))
          expect(isObject(header) && isObject(header.schema), `${where} ${status} header`).toBe(true);
      }
    }
    expect(ids.size).toBe(declared.length);
  });

  it('lists 429 with Retry-After exactly for the rate-limited routes, with a page for form posts', () => {
    const limited = declared.filter((route) => route.rateLimited).map((route) => route.operationId);
    expect(limited.sort()).toEqual(['register', 'submitInput', 'subscribe']);
    for (const { operation } of operations()) {
      const responses = operation.responses as Record<string, Json>;
      const route = declared.find((candidate) => candidate.operationId === operation.operationId);
      if (!route?.rateLimited) {
        expect(responses['429'], String(operation.operationId)).toBeUndefined();
        continue;
      }
      const tooMany = responses['429'];
      if (!tooMany) throw new Error(`${String(operation.operationId)} has no 429 response`);
      expect((tooMany.headers as Json)['Retry-After']).toMatchObject({ required: true, schema: { type: 'integer', minimum: 1 } });
      expect(Object.keys(tooMany.content as Json).sort()).toEqual(['application/json', 'text/html']);
      expect(((tooMany.content as Json)['application/json'] as Json).schema).toMatchObject({
        properties: { error: { properties: { code: { enum: expect.arrayContaining(['rate-limited']) } } } },
      });
      expect(Object.keys((operation.requestBody as Json).content as Json).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    }
  });

  it('documents the confirm link as a page (GET) and its button (POST)', () => {
    expect(document.paths['/newsletter/confirm']).toMatchObject({
      get: { operationId: 'showConfirmSubscription', responses: { '200': { content: { 'text/html': {} } } } },
      post: { operationId: 'confirmSubscription', responses: { '200': { content: { 'text/html': {} } } } },
    });
  });
});
