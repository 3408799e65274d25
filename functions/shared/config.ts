import { z } from 'zod';

/**
 * Runtime configuration, read once when a Lambda loads and failing fast when something is missing.
 * Each function gets only the settings it declares in `lambdas` (functions/routes.ts, environment
 * from functions/lambda-environment.ts); a setting only some functions have is optional here and
 * `required` where it is read, so a function that reads one it did not declare fails at load.
 * Endpoints are only set locally; in AWS the SDK defaults apply.
 */
const configSchema = z.object({
  TABLE_NAME: z.string().min(1),
  FILES_BUCKET: z.string().min(1).optional(),
  AWS_REGION: z.string().min(1).default('eu-north-1'),
  DYNAMODB_ENDPOINT: z.url().optional(),
  S3_ENDPOINT: z.url().optional(),
  SES_ENDPOINT: z.url().optional(),
  /** The local server's stand-in for the Lambda Invoke API (local/api-server.ts). */
  LAMBDA_ENDPOINT: z.url().optional(),
  /** The jobs function, for the functions that invoke it (`invokes: ['jobs']`): "run now" in the CMS. */
  JOBS_FUNCTION_NAME: z.string().min(1).optional(),
  /** SES configuration set whose events (send, bounce, complaint) go to SNS and the feedback function. */
  SES_CONFIGURATION_SET: z.string().min(1).optional(),
  /** Newsletter emails per second; 0 reads the account's SES send rate. */
  NEWSLETTER_SEND_RATE: z.coerce.number().min(0).max(1000).default(0),
  /** Sender of every email the platform sends. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Address of the CMS UI, for links in emails to editors and owners. */
  CMS_URL: z.url().optional(),
  /** Base URL of the public API, for links in emails and forms. */
  PUBLIC_API_URL: z.url().optional(),
  /**
   * Where the keys that sign the links in emails are (functions/shared/link-keys.ts); the functions
   * that issue or read links need one. In AWS the secret's name (or ARN): the key itself never sits in the
   * function configuration. Locally and in tests a file with the same JSON.
   */
  LINK_KEYS_SECRET_ID: z.string().min(1).optional(),
  LINK_KEYS_FILE: z.string().min(1).optional(),
  /** The Cognito user pool, for the user administration (`userPool` in functions/routes.ts). */
  USER_POOL_ID: z.string().min(1).optional(),
  /** cognito-local; in AWS the SDK default. */
  COGNITO_ENDPOINT: z.url().optional(),
  /** Seconds a presigned download or upload URL stays valid. */
  FILE_URL_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(300),
});
export type Config = z.infer<typeof configSchema>;

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Invalid or missing configuration: ${missing}`);
  }
  return parsed.data;
}

/** A setting only some functions need: those fail at load, not on the first request. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new Error(`Missing configuration: ${name}`);
  return value;
}
