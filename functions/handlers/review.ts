import { evaluationRequestSchema, jobParamsSchema, productIdParamsSchema } from '../../content-model';
import { jobDependencies } from '../jobs/dependencies';
import { listJobHealth } from '../jobs/job-health';
import { runJob } from '../jobs/jobs';
import { httpLambda } from '../shared/http/lambda';
import { json, parseBody, parsePath, text, requireActor } from '../shared/http/request';
import { createRuntime } from '../shared/runtime';
import { dashboard } from '../review/dashboard';
import { priorityReport, priorityReportCsv } from '../review/priority-report';
import { listEvaluations, recordEvaluation } from '../review/record-evaluation';

const runtime = createRuntime();
// "Run now" runs inline under the API's 10 s timeout: the dispatcher stops after 5 s and the
// scheduled runs carry on, so no delivery is left in doubt by a timeout.
const deps = { ...(await jobDependencies(runtime)), dispatchBudgetMs: 5_000 };

export const handler = httpLambda('review', {
  recordEvaluation: async (request) =>
    json(201, await recordEvaluation(deps, requireActor(request), parsePath(request, productIdParamsSchema).id, parseBody(request, evaluationRequestSchema))),
  listEvaluations: async (request) => json(200, await listEvaluations(deps, parsePath(request, productIdParamsSchema).id)),
  getDashboard: async () => json(200, await dashboard(deps)),
  getReviewReport: async () => json(200, await priorityReport(deps)),
  exportReviewReportCsv: async () =>
    text(200, await priorityReportCsv(deps), 'text/csv; charset=utf-8', { 'content-disposition': 'attachment; filename="prioriteringsrapport.csv"' }),
  listJobs: async () => json(200, await listJobHealth(deps)),
  // Runs inline: the jobs are short, and the admin sees the finished run (and its errors) at once.
  runJobNow: async (request) => json(201, await runJob(deps, parsePath(request, jobParamsSchema).job, { kind: 'manual', by: requireActor(request).username })),
});
