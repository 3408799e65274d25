import {
  overviewQuerySchema,
  productCreateSchema,
  productIdParamsSchema,
  productUpdateSchema,
  productVersionParamsSchema,
  transitionSchema,
  uploadRequestSchema,
} from '../../content-model';
import { httpLambda } from '../shared/http/lambda';
import { json, parseBody, parsePath, parseQuery, text, requireActor } from '../shared/http/request';
import { fileStoreFromConfig } from '../shared/files';
import { createRuntime } from '../shared/runtime';
import { createStore } from '../store';
import { createProduct } from '../products/use-cases/create-product';
import { createUploadTicket } from '../products/use-cases/create-upload-ticket';
import { exportOverviewCsv, listOverview } from '../products/use-cases/overview';
import { getProduct, getProductHistory, getProductVersion } from '../products/use-cases/read-product';
import { transitionProduct } from '../products/use-cases/transition-product';
import { updateProduct } from '../products/use-cases/update-product';

const runtime = createRuntime();
const deps = { store: createStore(runtime.table), files: fileStoreFromConfig(runtime.config), clock: runtime.clock };

export const handler = httpLambda('products', {
  listOverview: async (request) => json(200, await listOverview(deps, parseQuery(request, overviewQuerySchema))),
  exportOverviewCsv: async (request) =>
    text(200, await exportOverviewCsv(deps, parseQuery(request, overviewQuerySchema)), 'text/csv; charset=utf-8', {
      'content-disposition': 'attachment; filename="dokumentoversikt.csv"',
    }),
  createProduct: async (request) => json(201, await createProduct(deps, requireActor(request), parseBody(request, productCreateSchema))),
  getProduct: async (request) => json(200, await getProduct(deps, parsePath(request, productIdParamsSchema).id)),
  updateProduct: async (request) =>
    json(200, await updateProduct(deps, requireActor(request), parsePath(request, productIdParamsSchema).id, parseBody(request, productUpdateSchema))),
  transitionProduct: async (request) =>
    json(200, await transitionProduct(deps, requireActor(request), parsePath(request, productIdParamsSchema).id, parseBody(request, transitionSchema))),
  getProductHistory: async (request) => json(200, await getProductHistory(deps, parsePath(request, productIdParamsSchema).id)),
  getProductVersion: async (request) => {
    const { id, version } = parsePath(request, productVersionParamsSchema);
    return json(200, await getProductVersion(deps, id, version));
  },
  createUploadTicket: async (request) =>
    json(201, await createUploadTicket(deps, parsePath(request, productIdParamsSchema).id, parseBody(request, uploadRequestSchema))),
});
