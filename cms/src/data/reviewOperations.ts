import { z } from 'zod';
import {
  consultationSchema,
  consultationStates,
  dashboardSchema,
  evaluationResultSchema,
  evaluationSchema,
  jobHealthSchema,
  jobRunSchema,
  priorityRowSchema,
  productSchema,
  stakeholderInputSchema,
  type Consultation,
  type ConsultationOptions,
  type ConsultationUpdate,
  type Dashboard,
  type Evaluation,
  type EvaluationRequest,
  type InputTriage,
  type JobHealth,
  type JobName,
  type JobRun,
  type PriorityRow,
  type Product,
  type StakeholderInput,
} from '../../../content-model';
import type { ApiClient } from './apiClient';

/** GET /admin/consultations adds the state as of today (Oslo) to each consultation. */
export const consultationListItemSchema = consultationSchema.extend({ state: z.enum(consultationStates) });
export type ConsultationListItem = z.infer<typeof consultationListItemSchema>;
export type ConsultationState = ConsultationListItem['state'];

const consultationListSchema = z.object({ items: z.array(consultationListItemSchema) });
const evaluationListSchema = z.object({ items: z.array(evaluationSchema) });
const inputListSchema = z.object({ items: z.array(stakeholderInputSchema) });
const jobListSchema = z.object({ items: z.array(jobHealthSchema) });
const reviewReportSchema = z.object({ today: z.string(), items: z.array(priorityRowSchema) });
export type EvaluationResult = z.infer<typeof evaluationResultSchema>;
export type ReviewReport = { today: string; items: PriorityRow[] };

const STALE_CONSULTATION_MESSAGE = 'Høringen er endret av noen andre – last inn på nytt';

/**
 * Review and consultation operations beyond react-admin's CRUD: evaluations, the dashboard, the
 * priority report, scheduled jobs, consultations and stakeholder input. Pages call them through
 * useDataProvider<CmsDataProvider>().
 */
export interface ReviewOperations {
  recordEvaluation(productId: string, request: EvaluationRequest): Promise<EvaluationResult>;
  listEvaluations(productId: string): Promise<Evaluation[]>;
  /** The lifecycle step to consultation, with audience and window (defaults by level when left out). */
  sendToConsultation(productId: string, expectedRevision: number, consultation: ConsultationOptions): Promise<Product>;
  getDashboard(): Promise<Dashboard>;
  getReviewReport(): Promise<ReviewReport>;
  exportReviewReportCsv(): Promise<Blob>;
  listJobs(): Promise<JobHealth[]>;
  runJobNow(job: JobName): Promise<JobRun>;
  listConsultations(): Promise<ConsultationListItem[]>;
  getConsultation(id: string): Promise<Consultation>;
  updateConsultation(id: string, update: ConsultationUpdate): Promise<Consultation>;
  /** Input to a consultation; GENERAL_INPUT ("general") for needs not tied to one. */
  listInputs(consultationId: string): Promise<StakeholderInput[]>;
  triageInput(consultationId: string, inputId: string, triage: InputTriage): Promise<StakeholderInput>;
  exportInputsCsv(consultationId: string): Promise<Blob>;
}

const segment = (value: string) => encodeURIComponent(value);

export function createReviewOperations(api: ApiClient): ReviewOperations {
  return {
    recordEvaluation: (productId, request) =>
      api.json(`/admin/products/${segment(productId)}/evaluations`, evaluationResultSchema, {
        method: 'POST',
        // 409 is a stale revision or a product that cannot be evaluated; the API's message says which.
        body: request,
      }),
    listEvaluations: async (productId) => (await api.json(`/admin/products/${segment(productId)}/evaluations`, evaluationListSchema)).items,
    sendToConsultation: (productId, expectedRevision, consultation) =>
      api.json(`/admin/products/${segment(productId)}/transitions`, productSchema, {
        method: 'POST',
        body: { action: 'send-to-consultation', expectedRevision, consultation },
      }),
    getDashboard: () => api.json('/admin/dashboard', dashboardSchema),
    getReviewReport: () => api.json('/admin/review-report', reviewReportSchema),
    exportReviewReportCsv: () => api.file('/admin/review-report.csv'),
    listJobs: async () => (await api.json('/admin/jobs', jobListSchema)).items,
    runJobNow: (job) => api.json(`/admin/jobs/${segment(job)}/runs`, jobRunSchema, { method: 'POST' }),
    listConsultations: async () => (await api.json('/admin/consultations', consultationListSchema)).items,
    getConsultation: (id) => api.json(`/admin/consultations/${segment(id)}`, consultationSchema),
    updateConsultation: (id, update) =>
      api.json(`/admin/consultations/${segment(id)}`, consultationSchema, { method: 'PUT', body: update, conflictMessage: STALE_CONSULTATION_MESSAGE }),
    listInputs: async (consultationId) => (await api.json(`/admin/consultations/${segment(consultationId)}/inputs`, inputListSchema)).items,
    triageInput: (consultationId, inputId, triage) =>
      api.json(`/admin/consultations/${segment(consultationId)}/inputs/${segment(inputId)}`, stakeholderInputSchema, { method: 'PUT', body: triage }),
    exportInputsCsv: (consultationId) => api.file(`/admin/consultations/${segment(consultationId)}/inputs.csv`),
  };
}
