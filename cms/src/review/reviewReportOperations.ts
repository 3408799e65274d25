import { z } from 'zod';
import { priorityRowSchema, type PriorityRow } from '../../../content-model';
import type { ApiClient } from '../data/apiClient';

const reviewReportSchema = z.object({ today: z.string(), items: z.array(priorityRowSchema) });
export type ReviewReport = { today: string; items: PriorityRow[] };

/** The priority report ("Prioriteringsrapport") and its CSV. */
export interface ReviewReportOperations {
  getReviewReport(): Promise<ReviewReport>;
  exportReviewReportCsv(): Promise<Blob>;
}

export function createReviewReportOperations(api: ApiClient): ReviewReportOperations {
  return {
    getReviewReport: () => api.json('/admin/review-report', reviewReportSchema),
    exportReviewReportCsv: () => api.file('/admin/review-report.csv'),
  };
}
