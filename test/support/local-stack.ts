import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { fixedClock } from '../../functions/shared/clock';
import { createTable } from '../../functions/shared/db/client';
import { createS3FileStore } from '../../functions/shared/files';
import { createStore } from '../../functions/store';
import { lambdaEnvironment, type EnvironmentValues } from '../../functions/lambda-environment';
import { startApiServer } from '../../local/api-server';
import { localFunctionName } from '../../local/functions';
import { localCors } from '../../local/deployment-context';
import { fixedTokenSigner } from '../../functions/shared/link-tokens';
import { createSesMailer } from '../../functions/shared/email/mailer';
import { createRateLimiter } from '../../functions/shared/rate-limit';
import { createTokenVerifier, ensureTable, type EnsuredUserPool, localClientConfig, localRegion, readSentEmails, signIn } from '../../local/services';
import { localUsers } from '../../local/users';

export const services = () => inject('services');
export const testTokenSecret = 'test-secret-for-newsletter-links-0123456789abcdef';

/** The same key as a key file, which the handlers read like the secret in AWS (LINK_KEYS_FILE). */
export function testKeysFile(keys: string = testTokenSecret): string {
  const file = join(mkdtempSync(join(tmpdir(), 'normen-keys-')), 'link-keys');
  writeFileSync(file, keys, { mode: 0o600 });
  return file;
}

/** A fresh table in the shared DynamoDB Local, so each test file starts from nothing. */
export async function freshTable() {
  const { dynamoDbEndpoint } = services();
  const name = `normen-${randomUUID()}`;
  await ensureTable(new DynamoDBClient(localClientConfig(dynamoDbEndpoint)), name);
  return createTable({ name, region: localRegion, endpoint: dynamoDbEndpoint });
}

/** Use-case dependencies on the real local services, with a clock the test sets. */
export async function productDependencies(now = '2026-11-22T09:00:00Z') {
  const { s3Endpoint, filesBucket } = services();
  const table = await freshTable();
  return {
    table,
    store: createStore(table),
    files: createS3FileStore({ bucket: filesBucket, region: localRegion, endpoint: s3Endpoint, urlTtlSeconds: 300 }),
    clock: fixedClock(now),
  };
}

/** Dependencies of the review, consultation and input use cases, with email through SES local. */
export async function reviewDependencies(now = '2026-11-22T09:00:00Z') {
  const base = await productDependencies(now);
  const { sesEndpoint } = services();
  return {
    ...base,
    mailer: createSesMailer({ region: localRegion, from: 'Normen <ikke-svar@normen.no>', endpoint: sesEndpoint }),
    rateLimiter: createRateLimiter(base.table),
    cmsUrl: 'http://localhost:3000/cms/',
    tokens: fixedTokenSigner(testTokenSecret),
    publicApiUrl: 'http://localhost:3000',
    from: 'Normen <ikke-svar@normen.no>',
    sendRate: 'unlimited' as const,
    concurrency: 8,
    inDoubtAfterMs: 10 * 60_000,
    leaseMs: 2_000,
    dispatchBudgetMs: 60_000,
  };
}

/** Emails SES local received for one address (tests use addresses of their own). */
export async function emailsTo(address: string) {
  const emails = await readSentEmails(services().sesEndpoint);
  return emails.filter((email) => email.destination.to.includes(address));
}

export type Role = keyof typeof localUsers | 'noRole';

/** Where the CMS UI runs in tests (the CORS origin of the editor API). */
export const testCmsOrigin = 'http://localhost:5173';

/**
 * The local API server (the API Gateway stand-in) in front of the real handlers, on a free port
 * and its own table. Each function loads in its own execution environment on its first request.
 */
/** `context`: CDK context the gateway's CORS is read from, as `cdk synth -c …` would (default: cdk.json's). */
/** `pool`: a user pool of the test's own (the user administration changes who is in it); default the shared one. */
export async function startTestApi(options: { context?: Record<string, unknown>; pool?: EnsuredUserPool } = {}) {
  const { dynamoDbEndpoint, s3Endpoint, filesBucket, cognitoEndpoint } = services();
  const pool = options.pool ?? services().pool;
  const userPool = pool;
  const table = await freshTable();
  const verifyToken = await createTokenVerifier({ issuer: pool.issuer, jwksUrl: pool.jwksUrl, clientId: pool.clientId });
  const keysFile = testKeysFile();
  const values = (apiUrl: string): EnvironmentValues => ({
    tableName: table.name,
    filesBucket,
    fileUrlTtlSeconds: 300,
    mailFrom: 'Normen <ikke-svar@normen.no>',
    linkSecret: { LINK_KEYS_FILE: keysFile },
    // Links in emails point at this server's port.
    publicApiUrl: apiUrl,
    cmsUrl: 'http://localhost:3000/cms/',
    functionName: localFunctionName,
    // "Run now" invokes the jobs function through this server's Lambda Invoke API.
    userPoolId: userPool.userPoolId,
    local: { dynamoDbEndpoint, s3Endpoint, sesEndpoint: services().sesEndpoint, lambdaEndpoint: apiUrl, cognitoEndpoint },
  });
  // Each function runs in its own environment with what the CDK gives it (local/functions.ts).
  const api = await startApiServer({
    port: 0,
    verifyToken,
    cors: localCors(testCmsOrigin, options.context),
    environment: (name, apiUrl) => lambdaEnvironment(name, values(apiUrl)),
  });
  const tokens = new Map<Role, string>();
  const tokenFor = async (role: Role): Promise<string> => {
    const cached = tokens.get(role);
    if (cached) return cached;
    const user = role === 'noRole' ? { username: 'ingen-rolle@normen.local', password: 'Ingen-rolle-2026!' } : localUsers[role];
    // The CMS UI sends its id token (it carries the email that the history records).
    const { idToken } = await signIn(cognitoEndpoint, pool.clientId, user.username, user.password);
    tokens.set(role, idToken);
    return idToken;
  };
  return {
    url: api.url,
    table,
    store: createStore(table),
    stop: api.stop,
    tokenFor,
    /** A JSON call as a signed-in role; the body parsed (an empty object when there is none). */
    async callAs(role: Role, method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
      const response = await fetch(`${api.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${await tokenFor(role)}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
  };
}
export type TestApi = Awaited<ReturnType<typeof startTestApi>>;
