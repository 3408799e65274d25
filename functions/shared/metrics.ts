import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/**
 * CloudWatch metrics, written as Embedded Metric Format lines to stdout by Powertools Metrics (no
 * API call, no extra latency: CloudWatch Logs extracts them). The CDK app reads these names for
 * its alarms (infra/stateless-stack.ts), so the metric and its alarm cannot drift apart.
 */
export const metricsNamespace = 'Normen';
/** An HTTP answer of 500 or more from a handler: Lambda counts it as a success, so its Errors metric never sees it. */
export const serverErrorMetric = 'ServerErrors';
/** The dimension every metric carries: the Lambda (functions/routes.ts `lambdas`) that emitted it. */
export const serviceDimension = 'service';
/** One data point per job run, by job alone (whichever function ran it): its alarms (infra/constructs/job-schedule.ts) watch these. */
export const jobMetrics = { namespace: 'Normen/Jobs', dimension: 'Job', succeeded: 'JobSucceeded', failed: 'JobFailed' } as const;

const byService = new Map<string, Metrics>();
const metricsFor = (service: string): Metrics => {
  let metrics = byService.get(service);
  if (!metrics) {
    metrics = new Metrics({ namespace: metricsNamespace, serviceName: service });
    byService.set(service, metrics);
  }
  return metrics;
};

/**
 * Counts one 5xx answer at once (single metrics, flushed immediately, so nothing waits for the end
 * of the invocation): per function, which is what the alarm watches, and per function and
 * operation, to see which operation fails. Two lines, because Powertools leaves out the
 * function-only dimension set once another set is added to the same line.
 */
export function countServerError(service: string, operation: string | undefined, statusCode: number): void {
  const metrics = metricsFor(service);
  const perFunction = metrics.singleMetric();
  perFunction.addMetadata('statusCode', String(statusCode));
  perFunction.addMetric(serverErrorMetric, MetricUnit.Count, 1);
  if (operation) {
    const perOperation = metrics.singleMetric();
    perOperation.addDimensions({ operation });
    perOperation.addMetric(serverErrorMetric, MetricUnit.Count, 1);
  }
}

const jobRuns = new Metrics({ namespace: jobMetrics.namespace });
// The job alarms watch the Job dimension alone; Powertools would add `service` to every set.
jobRuns.clearDefaultDimensions();

/** Records one finished run: JobSucceeded and JobFailed, one of them 1, so a missing success shows too. */
export function countJobRun(job: string, succeeded: boolean): void {
  jobRuns.addDimension(jobMetrics.dimension, job);
  jobRuns.addMetric(jobMetrics.succeeded, MetricUnit.Count, succeeded ? 1 : 0);
  jobRuns.addMetric(jobMetrics.failed, MetricUnit.Count, succeeded ? 0 : 1);
  jobRuns.publishStoredMetrics();
}
