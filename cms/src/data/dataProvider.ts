import { HttpError, type DataProvider, type GetListParams, type RaRecord } from 'react-admin';
import { z } from 'zod';
import {
  consultationState,
  osloDate,
  paginated,
  productHistorySchema,
  productSchema,
  uploadTicketSchema,
  campaignSchema,
  eventWithCountsSchema,
  type Attachment,
  type EventWithCounts,
  type CloseConsultation,
  type Decision,
  type Product,
  type ProductHistory,
  type TransitionAction,
} from '../../../content-model';
import { toEventInput, toEventUpdate } from '../events/eventPayload';
import { onListInputs, toCampaignInput, toCampaignUpdate } from '../newsletter/campaignPayload';
import { toCreatePayload, toUpdatePayload } from '../products/productPayload';
import type { ApiClient } from './apiClient';
import { createEventOperations, type EventOperations } from './eventOperations';
import { createNewsletterOperations, type NewsletterOperations } from './newsletterOperations';
import { overviewQueryParams } from './overviewQuery';
import { createReviewOperations, type ConsultationListItem, type ReviewOperations } from './reviewOperations';
import { subscriberQueryParams } from './subscriberQuery';

const productPageSchema = paginated(productSchema);
const STALE_REVISION_MESSAGE = 'Produktet er endret av noen andre – last inn på nytt';

/** Operations beyond react-admin's CRUD that the product pages call through useDataProvider(). */
export interface ProductOperations {
  transitionProduct(
    id: string,
    action: TransitionAction,
    expectedRevision: number,
    decision?: Decision,
    closeConsultation?: CloseConsultation,
  ): Promise<Product>;
  getProductHistory(id: string): Promise<ProductHistory>;
  /** Asks for an upload ticket, POSTs the PDF to it as a form, and returns the attachment to add to the product. */
  uploadProductFile(id: string, file: File): Promise<Attachment>;
  exportOverviewCsv(params: Pick<GetListParams, 'filter' | 'sort'>): Promise<Blob>;
}

export type CmsDataProvider = DataProvider & ProductOperations & ReviewOperations & NewsletterOperations & EventOperations;

function productPath(id: unknown): string {
  return `/admin/products/${encodeURIComponent(String(id))}`;
}

function unsupported(operation: string): never {
  throw new HttpError(`Operasjonen «${operation}» støttes ikke`, 405);
}

function assertProducts(resource: string): void {
  if (resource !== 'products') unsupported(`${resource}`);
}

/**
 * Filtering, sorting and paging in the browser, for lists the API gives whole (consultations,
 * campaigns, subscribers: there are few enough). `matches` decides the filter.
 */
function pageOf<T extends object>(
  items: T[],
  params: GetListParams,
  defaultSort: string,
  matches: (item: T) => boolean = () => true,
): { data: T[]; total: number } {
  const filtered = items.filter(matches);
  const field = (params.sort?.field ?? defaultSort) as keyof T;
  const direction = params.sort?.order === 'ASC' ? 1 : -1;
  const sorted = [...filtered].sort((a, b) => {
    const left = a[field] ?? '';
    const right = b[field] ?? '';
    return (left < right ? -1 : left > right ? 1 : 0) * direction;
  });
  const page = params.pagination?.page ?? 1;
  const perPage = params.pagination?.perPage ?? 25;
  return { data: sorted.slice((page - 1) * perPage, page * perPage), total: filtered.length };
}

/** Events filtered by status, type and a search in title and venue. */
function eventPage(items: EventWithCounts[], params: GetListParams): { data: EventWithCounts[]; total: number } {
  const { status, type } = params.filter ?? {};
  const q = typeof params.filter?.q === 'string' ? params.filter.q.trim().toLowerCase() : '';
  return pageOf(
    items,
    params,
    'startsAt',
    (event) =>
      (typeof status !== 'string' || status === '' || event.status === status) &&
      (typeof type !== 'string' || type === '' || event.type === type) &&
      (!q || `${event.title} ${event.venue ?? ''}`.toLowerCase().includes(q)),
  );
}

function consultationPage(items: ConsultationListItem[], params: GetListParams): { data: ConsultationListItem[]; total: number } {
  const state = params.filter?.state;
  const q = typeof params.filter?.q === 'string' ? params.filter.q.trim().toLowerCase() : '';
  return pageOf(
    items,
    params,
    'closesOn',
    (item) => (typeof state !== 'string' || state === '' || item.state === state) && (!q || `${item.productTitle} ${item.audience}`.toLowerCase().includes(q)),
  );
}

/** Client-side schema failures become the same kind of error the API's 400 would give. */
function asValidationError(error: unknown): unknown {
  if (!(error instanceof z.ZodError)) return error;
  const errors: Record<string, unknown> = { root: { serverError: 'Skjemaet har feil – se feltene' } };
  for (const issue of error.issues) errors[issue.path.join('.')] = issue.message;
  return new HttpError('Skjemaet har feil – se feltene', 400, { errors });
}

/**
 * react-admin types each CRUD method as generic in the record type; ours return products or
 * consultations parsed with their schemas, so results are handed over untyped at this one boundary.
 */
function records<T>(value: T): never {
  return value as never;
}

export function createDataProvider(api: ApiClient): CmsDataProvider {
  const review = createReviewOperations(api);
  const newsletter = createNewsletterOperations(api);
  const events = createEventOperations(api);
  /** A single consultation with its state as of today in Oslo, like the list gives it. */
  async function consultationWithState(id: unknown): Promise<ConsultationListItem> {
    const consultation = await review.getConsultation(String(id));
    return { ...consultation, state: consultationState(consultation, osloDate(new Date())) };
  }

  return {
    ...review,
    ...newsletter,
    ...events,

    async getList(resource, params) {
      if (resource === 'consultations') {
        const page = consultationPage(await review.listConsultations(), params);
        return { data: records(page.data), total: page.total };
      }
      if (resource === 'campaigns') {
        const status = params.filter?.status;
        const page = pageOf(
          await newsletter.listCampaigns(),
          params,
          'createdAt',
          (campaign) => typeof status !== 'string' || status === '' || campaign.status === status,
        );
        return { data: records(page.data), total: page.total };
      }
      if (resource === 'events') {
        const page = eventPage(await events.listEvents(), params);
        return { data: records(page.data), total: page.total };
      }
      if (resource === 'subscribers') {
        // The API filters (address prefix, status, interest); sorting and paging happen here.
        const page = pageOf(await newsletter.listSubscribers(subscriberQueryParams(params.filter ?? {})), params, 'createdAt');
        return { data: records(page.data), total: page.total };
      }
      assertProducts(resource);
      const query = overviewQueryParams(params.filter ?? {}, params.sort);
      const page = await api.json('/admin/products', productPageSchema, {
        query: { ...query, page: params.pagination?.page ?? 1, perPage: params.pagination?.perPage ?? 25 },
      });
      return { data: records(page.items), total: page.total };
    },

    async getOne(resource, params) {
      if (resource === 'consultations') return { data: records(await consultationWithState(params.id)) };
      if (resource === 'campaigns') return { data: records(await newsletter.getCampaign(String(params.id))) };
      if (resource === 'events') return { data: records(await events.getEvent(String(params.id))) };
      assertProducts(resource);
      return { data: records(await api.json(productPath(params.id), productSchema)) };
    },

    async getMany(resource, params) {
      if (resource === 'consultations') return { data: records(await Promise.all(params.ids.map(consultationWithState))) };
      if (resource === 'campaigns') return { data: records(await Promise.all(params.ids.map((id) => newsletter.getCampaign(String(id))))) };
      if (resource === 'events') return { data: records(await Promise.all(params.ids.map((id) => events.getEvent(String(id))))) };
      assertProducts(resource);
      const data = await Promise.all(params.ids.map((id) => api.json(productPath(id), productSchema)));
      return { data: records(data) };
    },

    async getManyReference() {
      return unsupported('getManyReference');
    },

    async create(resource, params) {
      if (resource === 'campaigns') {
        let input: ReturnType<typeof toCampaignInput>;
        try {
          input = toCampaignInput(params.data);
        } catch (error) {
          throw asValidationError(error);
        }
        return { data: records(await newsletter.createCampaign(input).catch((error: unknown) => Promise.reject(onListInputs(error)))) };
      }
      if (resource === 'events') {
        let input: ReturnType<typeof toEventInput>;
        try {
          input = toEventInput(params.data);
        } catch (error) {
          throw asValidationError(error);
        }
        return { data: records(await events.createEvent(input)) };
      }
      assertProducts(resource);
      let body: ReturnType<typeof toCreatePayload>;
      try {
        body = toCreatePayload(params.data);
      } catch (error) {
        throw asValidationError(error);
      }
      const data = await api.json('/admin/products', productSchema, { method: 'POST', body });
      return { data: records(data) };
    },

    async update(resource, params) {
      if (resource === 'campaigns') {
        const update = toCampaignUpdate(params.data, campaignSchema.parse(params.previousData));
        return { data: records(await newsletter.updateCampaign(String(params.id), update).catch((error: unknown) => Promise.reject(onListInputs(error)))) };
      }
      if (resource === 'events') {
        const previous = eventWithCountsSchema.parse(params.previousData);
        let update: ReturnType<typeof toEventUpdate>;
        try {
          update = toEventUpdate(params.data, previous);
        } catch (error) {
          throw asValidationError(error);
        }
        return { data: records(await events.updateEvent(String(params.id), update, update.status !== previous.status)) };
      }
      assertProducts(resource);
      const previous = productSchema.parse(params.previousData);
      const body = toUpdatePayload(params.data, previous);
      const data = await api.json(productPath(params.id), productSchema, {
        method: 'PUT',
        body,
        // A 409 on an edit is a stale revision, unless the edit changed the slug to one in use.
        ...(body.slug === undefined ? { conflictMessage: STALE_REVISION_MESSAGE } : {}),
      });
      return { data: records(data) };
    },

    async updateMany() {
      return unsupported('updateMany');
    },
    async delete<RecordType extends RaRecord>(resource: string, params: { id: RecordType['id']; previousData?: RecordType }) {
      // Only subscribers are ever deleted (GDPR erasure); products are retired, campaigns kept.
      if (resource !== 'subscribers') unsupported(`delete ${resource}`);
      await newsletter.eraseSubscriber(String(params.id));
      return { data: records(params.previousData ?? { id: params.id }) };
    },
    async deleteMany() {
      return unsupported('deleteMany');
    },

    async transitionProduct(id, action, expectedRevision, decision, closeConsultation) {
      return api.json(`${productPath(id)}/transitions`, productSchema, {
        method: 'POST',
        // 409 here is either a stale revision or a step the lifecycle does not allow; the API's
        // Norwegian message says which.
        body: { action, expectedRevision, ...(decision ? { decision } : {}), ...(closeConsultation ? { closeConsultation } : {}) },
      });
    },

    async getProductHistory(id) {
      return api.json(`${productPath(id)}/history`, productHistorySchema);
    },

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

    async exportOverviewCsv(params) {
      return api.file('/admin/overview.csv', overviewQueryParams(params.filter ?? {}, params.sort));
    },
  };
}
