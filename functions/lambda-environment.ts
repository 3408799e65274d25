import { lambdas, type LambdaName, type LambdaNeeds } from './routes';

/**
 * The values the environment variables are made of: CloudFormation tokens in the CDK app, real
 * values locally. Endpoints and the send rate exist only locally (in AWS the SDK defaults apply and
 * the dispatcher reads the account's send rate).
 */
export interface EnvironmentValues {
  readonly tableName: string;
  readonly filesBucket: string;
  /** Seconds a presigned download or upload URL stays valid. */
  readonly fileUrlTtlSeconds: number;
  readonly mailFrom: string;
  /** The SES configuration set whose events reach the feedback function (AWS only). */
  readonly sesConfigurationSet?: string;
  /** Where a function that signs and verifies links finds the keys: the secret's name in AWS (LINK_KEYS_SECRET_ID), a key file locally (LINK_KEYS_FILE); never the key itself. */
  readonly linkSecret: Readonly<Record<string, string>>;
  readonly publicApiUrl: string;
  /** Address of the CMS UI with the trailing slash links need. */
  readonly cmsUrl: string;
  /** The deployed name of a function another one invokes (its `invokes`). */
  readonly functionName: (name: LambdaName) => string;
  /** The Cognito user pool the user administration manages. */
  readonly userPoolId: string;
  readonly local?: {
    readonly dynamoDbEndpoint: string;
    readonly s3Endpoint: string;
    readonly sesEndpoint: string;
    /** Where the local server answers the Lambda Invoke API (local/api-server.ts). */
    readonly lambdaEndpoint: string;
    /** cognito-local, for the functions with `userPool`. */
    readonly cognitoEndpoint: string;
    readonly newsletterSendRate?: number;
  };
}

/** The variable that names an invoked function: JOBS_FUNCTION_NAME for `invokes: ['jobs']`. */
export function functionNameVariable(name: LambdaName): string {
  return `${name.replace(/[A-Z]/g, (letter) => `_${letter}`).toUpperCase()}_FUNCTION_NAME`;
}

function isLambdaName(name: string): name is LambdaName {
  return Object.hasOwn(lambdas, name);
}

/** The functions a function invokes (its `invokes` in functions/routes.ts), each a declared Lambda. */
export function invokedFunctions(name: LambdaName): LambdaName[] {
  const needs: LambdaNeeds = lambdas[name].needs;
  return (needs.invokes ?? []).map((target) => {
    if (!isLambdaName(target)) throw new Error(`lambdas.${name}.needs.invokes names ${target}, which is not in lambdas`);
    return target;
  });
}

/**
 * One function's environment, derived from what it declares in `lambdas` (functions/routes.ts):
 * the CDK app sets exactly this on the function, and the local server runs the function's module
 * with exactly this (plus what the Lambda runtime itself sets). readConfig()
 * (functions/shared/config.ts) fails at load when a function reads a setting it did not declare.
 */
export function lambdaEnvironment(name: LambdaName, values: EnvironmentValues): Record<string, string> {
  const needs: LambdaNeeds = lambdas[name].needs;
  const urls = needs.urls ?? [];
  const local = values.local;
  const invoked = invokedFunctions(name);
  return {
    // The service name on every log line and metric (Powertools Logger, functions/shared/logger.ts).
    POWERTOOLS_SERVICE_NAME: name,
    TABLE_NAME: values.tableName,
    ...(local ? { DYNAMODB_ENDPOINT: local.dynamoDbEndpoint } : {}),
    ...(needs.files
      ? { FILES_BUCKET: values.filesBucket, FILE_URL_TTL_SECONDS: String(values.fileUrlTtlSeconds), ...(local ? { S3_ENDPOINT: local.s3Endpoint } : {}) }
      : {}),
    ...(needs.mail
      ? {
          MAIL_FROM: values.mailFrom,
          ...(values.sesConfigurationSet ? { SES_CONFIGURATION_SET: values.sesConfigurationSet } : {}),
          ...(local ? { SES_ENDPOINT: local.sesEndpoint } : {}),
          // SES local reports no quota; pace like a production SES account.
          ...(local?.newsletterSendRate !== undefined && needs.mail === 'dispatch' ? { NEWSLETTER_SEND_RATE: String(local.newsletterSendRate) } : {}),
        }
      : {}),
    ...(needs.linkSecret ? values.linkSecret : {}),
    ...(urls.includes('publicApi') ? { PUBLIC_API_URL: values.publicApiUrl } : {}),
    ...(urls.includes('cms') ? { CMS_URL: values.cmsUrl } : {}),
    ...Object.fromEntries(invoked.map((target) => [functionNameVariable(target), values.functionName(target)])),
    ...(local && invoked.length ? { LAMBDA_ENDPOINT: local.lambdaEndpoint } : {}),
    ...(needs.userPool ? { USER_POOL_ID: values.userPoolId, ...(local ? { COGNITO_ENDPOINT: local.cognitoEndpoint } : {}) } : {}),
  };
}
