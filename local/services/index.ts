import { z } from 'zod';

export { ensureTable, startDynamoDbLocal } from './dynamodb';
export type { DynamoDbLocal } from './dynamodb';
export { clearSentEmails, readSentEmails, startSesLocal } from './ses';
export type { SentEmail, SesLocal } from './ses';
export { defaultCorsAllowedOrigins, s3LocalClientConfig, s3LocalCredentials, startS3Local } from './s3';
export type { S3Local } from './s3';
export { ensureUserPool, signIn, startCognitoLocal } from './cognito';
export type { CognitoLocal, EnsuredUserPool, SignInTokens, UserPoolSpec } from './cognito';
export { createTokenVerifier } from './token-verifier';
export type { TokenVerifier } from './token-verifier';
export { freePort, localClientConfig, localCredentials, localRegion } from './support';

/** Ports of `npm start` (listed in the README); the API port also serves the public pages and the CMS UI. */
export const defaultPorts = { api: 3000, dynamodb: 8000, ses: 8005, cognito: 9229, s3: 4569 } as const;

export type Ports = { [Service in keyof typeof defaultPorts]: number };

const port = z.coerce.number().int().min(1).max(65_535);

const portsSchema = z
  .object({
    API_PORT: port.default(defaultPorts.api),
    DYNAMODB_PORT: port.default(defaultPorts.dynamodb),
    SES_PORT: port.default(defaultPorts.ses),
    COGNITO_PORT: port.default(defaultPorts.cognito),
    S3_PORT: port.default(defaultPorts.s3),
  })
  .transform(
    (env): Ports => ({
      api: env.API_PORT,
      dynamodb: env.DYNAMODB_PORT,
      ses: env.SES_PORT,
      cognito: env.COGNITO_PORT,
      s3: env.S3_PORT,
    }),
  )
  .refine((ports) => new Set(Object.values(ports)).size === Object.keys(ports).length, {
    message: 'two services are set to the same port',
  });

/**
 * Ports for the local system, each overridable by its env var. An empty variable counts as unset,
 * so `API_PORT= npm start` does not turn into port 0.
 */
export function resolvePorts(env: NodeJS.ProcessEnv = process.env): Ports {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = portsSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
    throw new Error(`Invalid port configuration: ${problems}`);
  }
  return parsed.data;
}
