import { evaluationRequestSchema, jobParamsSchema, jobRunQuerySchema, productIdParamsSchema, type JobInvocation } from '../../content-model';
import { previewJobRun, runJobNow } from '../jobs/invocation';
import { listJobHealth } from '../jobs/job-health';
import { dashboard } from '../review/dashboard';
import { priorityReport, priorityReportCsv } from '../review/priority-report';
import { listEvaluations, recordEvaluation } from '../review/record-evaluation';
import { required } from '../shared/config';
import { functionInvokerFromConfig } from '../shared/function-invoker';
import { httpLambda } from '../shared/http/lambda';
import { json, parseBody, parsePath, parseQuery, requireActor, text } from '../shared/http/request';
import { createRuntime } from '../shared/runtime';
import { createStore } from '../store';

const runtime = createRuntime();
const invoke = functionInvokerFromConfig(runtime.config);
const jobsFunction = required(runtime.config.JOBS_FUNCTION_NAME, 'JOBS_FUNCTION_NAME');
const deps = {
  store: createStore(runtime.table),
  clock: runtime.clock,
  invokeJobs: (invocation: JobInvocation) => invoke(jobsFunction, invocation),
};

export const handler = httpLambda('review', {
  recordEvaluation: async (request) =>
    json(201, await recordEvaluation(deps, requireActor(request), parsePath(request, productIdParamsSchema).id, parseBody(request, evaluationRequestSchema))),
  listEvaluations: async (request) => json(200, await listEvaluations(deps, parsePath(request, productIdParamsSchema).id)),
  getDashboard: async (request) => json(200, await dashboard(deps, requireActor(request))),
  getReviewReport: async () => json(200, await priorityReport(deps)),
  exportReviewReportCsv: async () =>
    text(200, await priorityReportCsv(deps), 'text/csv; charset=utf-8', { 'content-disposition': 'attachment; filename="prioriteringsrapport.csv"' }),
  listJobs: async () => json(200, await listJobHealth(deps)),
  // The jobs function runs it, with its own permissions; the admin sees the finished run (and its errors) at once.
  // With dryRun=true, what the run would do (nothing written or sent), for the admin to confirm first.
  runJobNow: async (request) => {
    const { job } = parsePath(request, jobParamsSchema);
    if (parseQuery(request, jobRunQuerySchema).dryRun === 'true') return json(200, await previewJobRun(deps, job, requireActor(request)));
    return json(201, await runJobNow(deps, job, requireActor(request)));
  },
});
