import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTable, startDynamoDbLocal } from '../../local/services/dynamodb';
import type { DynamoDbLocal } from '../../local/services/dynamodb';
import { localClientConfig } from '../../local/services/support';

// A file of its own so it runs in parallel with dynamodb.test.ts: each start costs several seconds.
const persistentPort = 28001;
const tableName = 'normen-test';

describe('DynamoDB Local with a data directory', () => {
  let dataDir: string | undefined;
  let dynamo: DynamoDbLocal | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'normen-dynamodb-'));
  });

  afterAll(async () => {
    await dynamo?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps tables and items across a restart', async () => {
    if (!dataDir) throw new Error('no data dir');
    dynamo = await startDynamoDbLocal({ port: persistentPort, dataDir });
    let client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    await ensureTable(client, tableName);
    await client.send(new PutItemCommand({ TableName: tableName, Item: { pk: { S: 'KEEP' }, sk: { S: 'ME' } } }));
    client.destroy();
    await dynamo.stop();

    dynamo = await startDynamoDbLocal({ port: persistentPort, dataDir });
    client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
    await ensureTable(client, tableName);
    const kept = await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'KEEP' }, sk: { S: 'ME' } } }));
    client.destroy();
    expect(kept.Item?.pk?.S).toBe('KEEP');
  }, 60_000);
});
