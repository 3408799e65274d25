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
 * Counts one 5xx answer at once (a single metric, flushed immediately, so nothing waits for the end
 * of the invocation). Two dimension sets: per function, which is what the alarm watches, and per
 * function and operation, to see which operation fails.
 */
export function countServerError(service: string, operation: string | undefined, statusCode: number): void {
  const metric = metricsFor(service).singleMetric();
  if (operation) metric.addDimensions({ operation });
  metric.addMetadata('statusCode', String(statusCode));
  metric.addMetric(serverErrorMetric, MetricUnit.Count, 1);
}
