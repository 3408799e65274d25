import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  defaultCorsAllowedOrigins,
  ensureUserPool,
  freePort,
  startCognitoLocal,
  startDynamoDbLocal,
  startS3Local,
  startSesLocal,
  type EnsuredUserPool,
} from '../local/services';
import { localUsers } from '../local/users';
import { testFilesBucket } from './support/ports';

declare module 'vitest' {
  export interface ProvidedContext {
    services: {
      dynamoDbEndpoint: string;
      s3Endpoint: string;
      sesEndpoint: string;
      cognitoEndpoint: string;
      filesBucket: string;
      pool: EnsuredUserPool;
    };
  }
}

/**
 * Starts the real local services once per test run (DynamoDB Local takes seconds to boot); each
 * test file then works in its own table so files can run in parallel without seeing each other.
 */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), 'normen-test-'));
  // Free ports, so a test run never collides with `npm start` or another run on the same machine.
  const ports = { dynamodb: await freePort(), ses: await freePort(), s3: await freePort(), cognito: await freePort() };
  const dynamo = await startDynamoDbLocal({ port: ports.dynamodb });
  const [ses, s3, cognito] = await Promise.all([
    startSesLocal({ port: ports.ses }),
    startS3Local({ port: ports.s3, dataDir: join(dataDir, 's3'), buckets: [testFilesBucket], corsAllowedOrigins: [...defaultCorsAllowedOrigins] }),
    startCognitoLocal({
      port: ports.cognito,
      dataDir: join(dataDir, 'cognito'),
      mail: { sesEndpoint: `http://localhost:${ports.ses}`, from: 'Normen <ikke-svar@normen.no>', cmsUrl: 'http://localhost:3000/cms/' },
    }),
  ]);
  const pool = await ensureUserPool(cognito.endpoint, {
    poolName: 'normen-test',
    clientName: 'normen-cms-test',
    groups: ['editor', 'committee', 'admin'],
    users: [...Object.values(localUsers), { username: 'ingen-rolle@normen.local', password: 'Ingen-rolle-2026!', name: 'Uten Rolle', groups: [] }],
  });
  project.provide('services', {
    dynamoDbEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    sesEndpoint: ses.endpoint,
    cognitoEndpoint: cognito.endpoint,
    filesBucket: testFilesBucket,
    pool,
  });
  return async () => {
    await Promise.allSettled([cognito.stop(), s3.stop(), ses.stop(), dynamo.stop()]);
    await rm(dataDir, { recursive: true, force: true });
  };
}
