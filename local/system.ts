import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { lambdaEnvironment, type EnvironmentValues } from '../functions/lambda-environment';
import { lambdas, type LambdaName } from '../functions/routes';
import { readConfig } from '../functions/shared/config';
import { declaredFunctions, startApiServer } from './api-server';
import { allFunctionsEnvironment, localCors, localMailFrom } from './deployment-context';
import { localFunctionName, startLocalFunctions, type InvocationOutcome } from './functions';
import {
  defaultCorsAllowedOrigins,
  ensureTable,
  ensureUserPool,
  localClientConfig,
  localRegion,
  resolvePorts,
  startCognitoLocal,
  startDynamoDbLocal,
  startS3Local,
  startSesLocal,
  createTokenVerifier,
  type Ports,
} from './services';
import { startLocalScheduler } from './scheduler';
import { startLocalSesEvents } from './ses-events';
import { localUsers, type LocalUsers } from './users';

export interface LocalSystemOptions {
  ports?: Partial<Ports>;
  /** Where DynamoDB, S3 and Cognito keep their data; DynamoDB is in memory when `ephemeral`. */
  dataDir?: string;
  ephemeral?: boolean;
  /** Two-step sign-in required of everyone (as `normen:requireMfa` in AWS). */
  requireMfa?: boolean;
  /** Seed demo data when the table has no products yet. */
  seed?: boolean;
  /** Run the scheduled jobs in-process at their times (npm start), as EventBridge Scheduler does. */
  schedules?: boolean;
  tableName?: string;
  log?: (line: string) => void;
}

export interface LocalSystem {
  apiUrl: string;
  cmsUrl: string;
  emailViewerUrl: string;
  sesEndpoint: string;
  dynamoDbEndpoint: string;
  s3Endpoint: string;
  cognitoEndpoint: string;
  tableName: string;
  filesBucket: string;
  userPoolId: string;
  clientId: string;
  users: LocalUsers;
  seeded: number;
  stop(): Promise<void>;
}

/**
 * The whole platform on one machine: DynamoDB Local, SES local, cognito-local, s3rver and the
 * local API server in front of the real handlers. Used by `npm start`, the tests and the benchmarks.
 */
/**
 * The link-signing keys, kept in the data folder so links in emails sent before a restart keep
 * working after it. The file holds what the secret holds in AWS (functions/shared/link-keys.ts): a
 * plain key at first (key `k1`); replace it with the JSON form to try a rotation locally. The
 * functions get only its path (LINK_KEYS_FILE), as in AWS they get only the secret's ARN.
 */
async function linkSigningKeysFile(dataDir: string): Promise<string> {
  const file = join(dataDir, 'link-token-secret');
  try {
    await readFile(file, 'utf8');
  } catch {
    await writeFile(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return file;
}

/** An asynchronous invocation's result; a failure throws, as Lambda reports it to the scheduler or SNS. */
function resultOf(name: string, outcome: InvocationOutcome): unknown {
  if (outcome.kind === 'result') return outcome.value;
  throw new Error(outcome.kind === 'timeout' ? `${name}: Task timed out after ${lambdas[name as LambdaName].needs.timeoutSeconds} seconds` : outcome.message);
}

export async function startLocalSystem(options: LocalSystemOptions = {}): Promise<LocalSystem> {
  const log = options.log ?? (() => undefined);
  const ports = { ...resolvePorts(process.env), ...options.ports };
  const dataDir = resolve(options.dataDir ?? '.data');
  const tableName = options.tableName ?? 'normen';
  const filesBucket = 'normen-files';
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log(`stop failed: ${String(error)}`));
  };

  try {
    await mkdir(dataDir, { recursive: true });
    log('Starter DynamoDB Local …');
    const dynamo = await startDynamoDbLocal({ port: ports.dynamodb, ...(options.ephemeral ? {} : { dataDir: join(dataDir, 'dynamodb') }) });
    stops.push(dynamo.stop);
    await ensureTable(new DynamoDBClient(localClientConfig(dynamo.endpoint)), tableName);

    log('Starter SES local, s3rver og cognito-local …');
    const [ses, s3, cognito] = await Promise.all([
      startSesLocal({ port: ports.ses }),
      startS3Local({ port: ports.s3, dataDir: join(dataDir, 's3'), buckets: [filesBucket], corsAllowedOrigins: [...defaultCorsAllowedOrigins] }),
      // The forgotten-password code goes out through SES local, as Cognito sends it through SES in AWS.
      startCognitoLocal({
        port: ports.cognito,
        dataDir: join(dataDir, 'cognito'),
        mail: { sesEndpoint: `http://localhost:${ports.ses}`, from: localMailFrom(), cmsUrl: `http://localhost:${ports.api}/cms/` },
      }),
    ]);
    stops.push(ses.stop, s3.stop, cognito.stop);

    const pool = await ensureUserPool(cognito.endpoint, {
      poolName: 'normen',
      clientName: 'normen-cms',
      groups: ['editor', 'committee', 'admin'],
      users: Object.values(localUsers),
      requireMfa: options.requireMfa ?? false,
    });
    const verifyToken = await createTokenVerifier({ issuer: pool.issuer, jwksUrl: pool.jwksUrl, clientId: pool.clientId });

    const apiUrl = `http://localhost:${ports.api}`;
    // Each function gets what the CDK gives it (functions/lambda-environment.ts), in its own
    // execution environment; nothing goes into this process's environment.
    const values: EnvironmentValues = {
      tableName,
      filesBucket,
      fileUrlTtlSeconds: 300,
      mailFrom: localMailFrom(),
      linkSecret: { LINK_KEYS_FILE: await linkSigningKeysFile(dataDir) },
      publicApiUrl: apiUrl,
      // The CMS UI is served by the local API server.
      cmsUrl: `${apiUrl}/cms/`,
      functionName: localFunctionName,
      userPoolId: pool.userPoolId,
      // SES local reports no quota; pace like a production SES account.
      local: {
        dynamoDbEndpoint: dynamo.endpoint,
        s3Endpoint: s3.endpoint,
        sesEndpoint: ses.endpoint,
        // The local API server answers the Lambda Invoke API too.
        lambdaEndpoint: apiUrl,
        cognitoEndpoint: cognito.endpoint,
        newsletterSendRate: Number(process.env.NEWSLETTER_SEND_RATE ?? '14'),
      },
    };
    const environment = (name: LambdaName) => lambdaEnvironment(name, values);

    const cmsDir = resolve('cms/dist');
    const api = await startApiServer({
      port: ports.api,
      verifyToken,
      cors: localCors(apiUrl),
      environment,
      ...(existsSync(join(cmsDir, 'index.html'))
        ? { cms: { dir: cmsDir, config: { apiUrl, cognito: { endpoint: cognito.endpoint, clientId: pool.clientId } } } }
        : {}),
    });
    stops.push(api.stop);

    if (options.schedules) {
      // The scheduled and SNS-triggered functions, each in its own environment as in AWS.
      const { jobs, sesFeedback } = declaredFunctions(environment);
      const background = startLocalFunctions({ jobs, sesFeedback }, log);
      stops.push(background.stop);
      const scheduler = startLocalScheduler(log, async (event) => resultOf('jobs', await background.invoke('jobs', event)));
      stops.push(async () => scheduler.stop());
      const events = startLocalSesEvents(ses.endpoint, async (event) => resultOf('sesFeedback', await background.invoke('sesFeedback', event)), log);
      stops.push(async () => events.stop());
    }

    let seeded = 0;
    if (options.seed) {
      const { seedDemoData } = await import('./seed');
      // The seed acts through the use cases with every function's powers.
      const config = readConfig({ ...allFunctionsEnvironment(Object.keys(lambdas) as LambdaName[], values), AWS_REGION: localRegion });
      seeded = await seedDemoData({ config, log });
    }

    return {
      apiUrl,
      cmsUrl: `${apiUrl}/cms/`,
      emailViewerUrl: ses.viewerUrl,
      sesEndpoint: ses.endpoint,
      dynamoDbEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      cognitoEndpoint: cognito.endpoint,
      tableName,
      filesBucket,
      userPoolId: pool.userPoolId,
      clientId: pool.clientId,
      users: localUsers,
      seeded,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
