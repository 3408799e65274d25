import { z } from 'zod';
import { jobHealthSchema, jobRunSchema, type JobHealth, type JobName, type JobRun } from '../../../content-model';
import type { ApiClient } from '../data/apiClient';

const jobListSchema = z.object({ items: z.array(jobHealthSchema) });

/** The scheduled jobs page ("Planlagte jobber"): each job's health, and running one now. */
export interface JobOperations {
  listJobs(): Promise<JobHealth[]>;
  runJobNow(job: JobName): Promise<JobRun>;
}

export function createJobOperations(api: ApiClient): JobOperations {
  return {
    listJobs: async () => (await api.json('/admin/jobs', jobListSchema)).items,
    runJobNow: (job) => api.json(`/admin/jobs/${encodeURIComponent(job)}/runs`, jobRunSchema, { method: 'POST' }),
  };
}
