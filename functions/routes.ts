import type { z } from 'zod';
import {
  deliveredProductSchema,
  deliveredProductSummarySchema,
  deliveryQuerySchema,
  overviewQuerySchema,
  paginated,
  productCreateSchema,
  productHistorySchema,
  productIdParamsSchema,
  productSchema,
  productVersionParamsSchema,
  productVersionSchema,
  productUpdateSchema,
  slugParamsSchema,
  transitionSchema,
  uploadRequestSchema,
  uploadTicketSchema,
} from '../content-model';
import { z as zod } from 'zod';

/**
 * The API surface, declared once. The CDK app creates one Lambda per entry in `lambdas` and one
 * HTTP API route per entry in `routes`; the local server reads the same list; the OpenAPI
 * document is generated from it. Pure data: importing it must never touch AWS or the environment.
 */
export const lambdas = {
  platform: { entry: 'functions/platform/lambda.ts', description: 'Health check and OpenAPI document', memoryMb: 256 },
  delivery: { entry: 'functions/delivery/lambda.ts', description: 'Public delivery API for published products', memoryMb: 512 },
  products: { entry: 'functions/products/lambda.ts', description: 'Editor API: products and the document overview', memoryMb: 512 },
} as const satisfies Record<string, { entry: string; description: string; memoryMb: number }>;
export type LambdaName = keyof typeof lambdas;

/** public: anyone; read: any signed-in group; write: editors and admins (committee members only read). */
export type Access = 'public' | 'read' | 'write';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteDeclaration {
  operationId: string;
  method: HttpMethod;
  path: string;
  lambda: LambdaName;
  access: Access;
  summary: string;
  request?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
  response: { status: number; contentType?: string; schema?: z.ZodType; cache?: 'public' | 'none' };
}

export const routes = [
  { operationId: 'health', method: 'GET', path: '/health', lambda: 'platform', access: 'public', summary: 'Liveness and table reachability', response: { status: 200, schema: zod.object({ status: zod.literal('ok') }) } },
  { operationId: 'openapi', method: 'GET', path: '/openapi.json', lambda: 'platform', access: 'public', summary: 'This API as OpenAPI 3.1', response: { status: 200, cache: 'public' } },

  { operationId: 'listPublishedProducts', method: 'GET', path: '/content/products', lambda: 'delivery', access: 'public', summary: 'Published products (archive=true for retired ones)', request: { query: deliveryQuerySchema }, response: { status: 200, schema: zod.object({ items: zod.array(deliveredProductSummarySchema) }), cache: 'public' } },
  { operationId: 'getPublishedProduct', method: 'GET', path: '/content/products/{slug}', lambda: 'delivery', access: 'public', summary: 'The current published version of a product, with its currency', request: { params: slugParamsSchema }, response: { status: 200, schema: deliveredProductSchema, cache: 'public' } },
  { operationId: 'downloadProductFile', method: 'GET', path: '/content/products/{slug}/download', lambda: 'delivery', access: 'public', summary: 'Redirects to a short-lived URL of the PDF and counts the download', request: { params: slugParamsSchema }, response: { status: 302, cache: 'none' } },

  { operationId: 'listOverview', method: 'GET', path: '/admin/products', lambda: 'products', access: 'read', summary: 'The document overview: filter, sort, paginate', request: { query: overviewQuerySchema }, response: { status: 200, schema: paginated(productSchema) } },
  { operationId: 'exportOverviewCsv', method: 'GET', path: '/admin/overview.csv', lambda: 'products', access: 'read', summary: 'The document overview as CSV (same filters and sorting)', request: { query: overviewQuerySchema }, response: { status: 200, contentType: 'text/csv' } },
  { operationId: 'createProduct', method: 'POST', path: '/admin/products', lambda: 'products', access: 'write', summary: 'Create a product as a draft', request: { body: productCreateSchema }, response: { status: 201, schema: productSchema } },
  { operationId: 'getProduct', method: 'GET', path: '/admin/products/{id}', lambda: 'products', access: 'read', summary: 'A product with its working copy', request: { params: productIdParamsSchema }, response: { status: 200, schema: productSchema } },
  { operationId: 'updateProduct', method: 'PUT', path: '/admin/products/{id}', lambda: 'products', access: 'write', summary: 'Edit the working copy (optimistic locking on expectedRevision)', request: { params: productIdParamsSchema, body: productUpdateSchema }, response: { status: 200, schema: productSchema } },
  { operationId: 'transitionProduct', method: 'POST', path: '/admin/products/{id}/transitions', lambda: 'products', access: 'write', summary: 'Lifecycle action: consultation, approval with decision, publish, retire', request: { params: productIdParamsSchema, body: transitionSchema }, response: { status: 200, schema: productSchema } },
  { operationId: 'getProductHistory', method: 'GET', path: '/admin/products/{id}/history', lambda: 'products', access: 'read', summary: 'Published versions and the audit trail of every change', request: { params: productIdParamsSchema }, response: { status: 200, schema: productHistorySchema } },
  { operationId: 'getProductVersion', method: 'GET', path: '/admin/products/{id}/versions/{version}', lambda: 'products', access: 'read', summary: 'One published version as it was published', request: { params: productVersionParamsSchema }, response: { status: 200, schema: productVersionSchema } },
  { operationId: 'createUploadTicket', method: 'POST', path: '/admin/products/{id}/attachments', lambda: 'products', access: 'write', summary: 'A presigned URL to PUT a PDF attachment', request: { params: productIdParamsSchema, body: uploadRequestSchema }, response: { status: 201, schema: uploadTicketSchema } },
] as const satisfies readonly RouteDeclaration[];

export type Route = (typeof routes)[number];
export type OperationId<L extends LambdaName> = Extract<Route, { lambda: L }>['operationId'];

export function routeKey(route: Pick<RouteDeclaration, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}
