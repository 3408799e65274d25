import type { Identifier } from 'react-admin';
import { z } from 'zod';
import {
  consultationSchema,
  consultationState,
  consultationStates,
  osloDate,
  stakeholderInputSchema,
  type Consultation,
  type ConsultationUpdate,
  type InputTriage,
  type StakeholderInput,
} from '../../../content-model';
import type { ApiClient } from '../data/apiClient';
import { clientPage, searchText, selected } from '../data/paging';
import { fetchedById, records, resourceDataProvider } from '../data/resourceDataProvider';

/** GET /admin/consultations adds the state as of today (Oslo) to each consultation. */
export const consultationListItemSchema = consultationSchema.extend({ state: z.enum(consultationStates) });
export type ConsultationListItem = z.infer<typeof consultationListItemSchema>;
export type ConsultationState = ConsultationListItem['state'];

const consultationListSchema = z.object({ items: z.array(consultationListItemSchema) });
const inputListSchema = z.object({ items: z.array(stakeholderInputSchema) });

const STALE_CONSULTATION_MESSAGE = 'Høringen er endret av noen andre – last inn på nytt';

/**
 * Consultations and stakeholder input, beyond react-admin's CRUD: the consultation page, the
 * general input page and the product's lifecycle dialog call them through useDataProvider<CmsDataProvider>().
 */
export interface ConsultationOperations {
  listConsultations(): Promise<ConsultationListItem[]>;
  updateConsultation(id: string, update: ConsultationUpdate): Promise<Consultation>;
  /** Input to a consultation; GENERAL_INPUT ("general") for needs not tied to one. */
  listInputs(consultationId: string): Promise<StakeholderInput[]>;
  triageInput(consultationId: string, inputId: string, triage: InputTriage): Promise<StakeholderInput>;
  exportInputsCsv(consultationId: string): Promise<Blob>;
}

const consultationPath = (id: string) => `/admin/consultations/${encodeURIComponent(id)}`;

export function createConsultationOperations(api: ApiClient): ConsultationOperations {
  return {
    listConsultations: async () => (await api.json('/admin/consultations', consultationListSchema)).items,
    updateConsultation: (id, update) =>
      api.json(consultationPath(id), consultationSchema, { method: 'PUT', body: update, conflictMessage: STALE_CONSULTATION_MESSAGE }),
    listInputs: async (consultationId) => (await api.json(`${consultationPath(consultationId)}/inputs`, inputListSchema)).items,
    triageInput: (consultationId, inputId, triage) =>
      api.json(`${consultationPath(consultationId)}/inputs/${encodeURIComponent(inputId)}`, stakeholderInputSchema, { method: 'PUT', body: triage }),
    exportInputsCsv: (consultationId) => api.file(`${consultationPath(consultationId)}/inputs.csv`),
  };
}

/** Consultations, read-only here (they change through the product's lifecycle and the consultation page); paged in the browser (data/paging.ts). */
export function createConsultationsDataProvider(api: ApiClient) {
  const consultations = createConsultationOperations(api);
  /** A single consultation with its state as of today in Oslo, like the list gives it. */
  async function withState(id: Identifier): Promise<ConsultationListItem> {
    const consultation = await api.json(consultationPath(String(id)), consultationSchema);
    return { ...consultation, state: consultationState(consultation, osloDate(new Date())) };
  }

  return resourceDataProvider('consultations', {
    async getList(_resource, params) {
      const q = searchText(params.filter);
      const page = clientPage(
        await consultations.listConsultations(),
        params,
        'closesOn',
        (item) => selected(params.filter?.state, item.state) && (!q || `${item.productTitle} ${item.audience}`.toLowerCase().includes(q)),
      );
      return { data: records(page.data), total: page.total };
    },
    ...fetchedById(withState),
  });
}
