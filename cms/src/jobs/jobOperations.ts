import { z } from 'zod';
import { jobHealthSchema, jobPreviewSchema, jobRunSchema, type JobHealth, type JobName, type JobPreview, type JobRun } from '../../../content-model';
import type { ApiClient } from '../data/apiClient';

const jobListSchema = z.object({ items: z.array(jobHealthSchema) });

/** The scheduled jobs page ("Planlagte jobber"): each job's health, and running one now. */
export interface JobOperations {
  listJobs(): Promise<JobHealth[]>;
  /** What running the job now would do, worked out by the API without writing or sending anything. */
  previewJob(job: JobName): Promise<JobPreview>;
  runJobNow(job: JobName): Promise<JobRun>;
}

export function createJobOperations(api: ApiClient): JobOperations {
  return {
    listJobs: async () => (await api.json('/admin/jobs', jobListSchema)).items,
    previewJob: (job) => api.json(`/admin/jobs/${encodeURIComponent(job)}/runs`, jobPreviewSchema, { method: 'POST', query: { dryRun: 'true' } }),
    runJobNow: (job) => api.json(`/admin/jobs/${encodeURIComponent(job)}/runs`, jobRunSchema, { method: 'POST' }),
  };
}
