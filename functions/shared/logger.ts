import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The process's one logger (Powertools): structured JSON, one line per entry, so Logs Insights can
 * query fields. The service is the Lambda's name (POWERTOOLS_SERVICE_NAME, functions/lambda-environment.ts);
 * each handler's injectLambdaContext middleware adds the request id and cold start to every line.
 * POWERTOOLS_LOG_LEVEL (DEBUG locally with `DEBUG=1`) sets the level; INFO by default.
 */
export const logger = new Logger();
