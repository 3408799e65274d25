import { HttpError, type GetListParams } from 'react-admin';
import { z } from 'zod';
import {
  evaluationResultSchema,
  evaluationSchema,
  paginated,
  productHistorySchema,
  productSchema,
  uploadTicketSchema,
  type Attachment,
  type CloseConsultation,
  type ConsultationOptions,
  type Evaluation,
  type EvaluationRequest,
  type Product,
  type ProductHistory,
  type TransitionAction,
} from '../../../content-model';
import type { ApiClient } from '../data/apiClient';
import { requestedPage } from '../data/paging';
import { fetchedById, payloadFromForm, records, resourceDataProvider } from '../data/resourceDataProvider';
import { overviewQueryParams } from './overviewQuery';
import { toCreatePayload, toUpdatePayload } from './productPayload';

const productPageSchema = paginated(productSchema);
const evaluationListSchema = z.object({ items: z.array(evaluationSchema) });
export type EvaluationResult = z.infer<typeof evaluationResultSchema>;

const STALE_REVISION_MESSAGE = 'Produktet er endret av noen andre – last inn på nytt';

/** Operations beyond react-admin's CRUD that the product pages call through useDataProvider<CmsDataProvider>(). */
export interface ProductOperations {
  transitionProduct(
    id: string,
    action: TransitionAction,
    expectedRevision: number,
    /** For `approve`: the adopted case in the decision register ("06/25"). */
    decisionCase?: string,
    closeConsultation?: CloseConsultation,
  ): Promise<Product>;
  /** The lifecycle step to consultation, with audience and window (defaults by level when left out). */
  sendToConsultation(productId: string, expectedRevision: number, consultation: ConsultationOptions): Promise<Product>;
  getProductHistory(id: string): Promise<ProductHistory>;
  /** Asks for an upload ticket, POSTs the PDF to it as a form, and returns the attachment to add to the product. */
  uploadProductFile(id: string, file: File): Promise<Attachment>;
  exportOverviewCsv(params: Pick<GetListParams, 'filter' | 'sort'>): Promise<Blob>;
  recordEvaluation(productId: string, request: EvaluationRequest): Promise<EvaluationResult>;
  listEvaluations(productId: string): Promise<Evaluation[]>;
}

function productPath(id: unknown): string {
  return `/admin/products/${encodeURIComponent(String(id))}`;
}

export function createProductOperations(api: ApiClient): ProductOperations {
  return {
    transitionProduct: (id, action, expectedRevision, decisionCase, closeConsultation) =>
      api.json(`${productPath(id)}/transitions`, productSchema, {
        method: 'POST',
        // 409 here is either a stale revision or a step the lifecycle does not allow; the API's
        // Norwegian message says which.
        body: { action, expectedRevision, ...(decisionCase ? { case: decisionCase } : {}), ...(closeConsultation ? { closeConsultation } : {}) },
      }),
    sendToConsultation: (productId, expectedRevision, consultation) =>
      api.json(`${productPath(productId)}/transitions`, productSchema, {
        method: 'POST',
        body: { action: 'send-to-consultation', expectedRevision, consultation },
      }),
    getProductHistory: (id) => api.json(`${productPath(id)}/history`, productHistorySchema),

    async uploadProductFile(id, file) {
      const ticket = await api.json(`${productPath(id)}/attachments`, uploadTicketSchema, {
        method: 'POST',
        body: { fileName: file.name, contentType: 'application/pdf', size: file.size },
      });
      // A presigned POST: the policy fields first, the file last (S3 ignores fields after it). The
      // browser sets the multipart Content-Type; the form carries its own authorisation, so no bearer token.
      const form = new FormData();
      for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
      form.append('file', file, file.name);
      let upload: Response;
      try {
        upload = await fetch(ticket.url, { method: 'POST', body: form });
      } catch {
        throw new HttpError('Opplastingen feilet – får ikke kontakt med fillageret', 0);
      }
      // Reported as 502: a 401/403 from the file store must not look like the API ending the session.
      if (!upload.ok) throw new HttpError(`Opplastingen feilet (HTTP ${upload.status})`, 502);
      return ticket.attachment;
    },

    exportOverviewCsv: (params) => api.file('/admin/overview.csv', overviewQueryParams(params.filter ?? {}, params.sort)),
    recordEvaluation: (productId, request) =>
      api.json(`${productPath(productId)}/evaluations`, evaluationResultSchema, {
        method: 'POST',
        // 409 is a stale revision or a product that cannot be evaluated; the API's message says which.
        body: request,
      }),
    listEvaluations: async (productId) => (await api.json(`${productPath(productId)}/evaluations`, evaluationListSchema)).items,
  };
}

/** The document overview and its products: filtered, sorted and paged by the API (data/paging.ts). */
export function createProductsDataProvider(api: ApiClient) {
  return resourceDataProvider('products', {
    async getList(_resource, params) {
      const query = overviewQueryParams(params.filter ?? {}, params.sort);
      const page = await api.json('/admin/products', productPageSchema, { query: { ...query, ...requestedPage(params) } });
      return { data: records(page.items), total: page.total };
    },
    ...fetchedById((id) => api.json(productPath(id), productSchema)),
    async create(_resource, params) {
      const body = payloadFromForm(() => toCreatePayload(params.data));
      return { data: records(await api.json('/admin/products', productSchema, { method: 'POST', body })) };
    },
    async update(_resource, params) {
      const body = toUpdatePayload(params.data, productSchema.parse(params.previousData));
      const data = await api.json(productPath(params.id), productSchema, {
        method: 'PUT',
        body,
        // A 409 on an edit is a stale revision, unless the edit changed the slug to one in use.
        ...(body.slug === undefined ? { conflictMessage: STALE_REVISION_MESSAGE } : {}),
      });
      return { data: records(data) };
    },
  });
}
