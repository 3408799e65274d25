import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexes } from '../../functions/shared/db/table-definition';
import { ensureTable, startDynamoDbLocal } from '../../local/services/dynamodb';
import type { DynamoDbLocal } from '../../local/services/dynamodb';
import { localClientConfig } from '../../local/services/support';

// Not 8000: a running `npm start` must not collide with the tests.
const port = 28000;
const tableName = 'normen-test';

describe('DynamoDB Local', () => {
  let dynamo: DynamoDbLocal | undefined;
  let client: DynamoDBClient;

  beforeAll(async () => {
    dynamo = await startDynamoDbLocal({ port });
    client = new DynamoDBClient(localClientConfig(dynamo.endpoint));
  }, 40_000);

  afterAll(async () => {
    client?.destroy();
    await dynamo?.stop();
  });

  it('creates the table with the shared keys and indexes, idempotently', async () => {
    await ensureTable(client, tableName);
    await ensureTable(client, tableName);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.AttributeDefinitions?.every((definition) => definition.AttributeType === 'S')).toBe(true);

    const gsis = Table?.GlobalSecondaryIndexes ?? [];
    expect(gsis.map((gsi) => gsi.IndexName).sort()).toEqual(
      Object.values(indexes)
        .map((index) => index.name)
        .sort(),
    );
    for (const index of Object.values(indexes)) {
      const gsi = gsis.find((candidate) => candidate.IndexName === index.name);
      expect(gsi?.KeySchema).toEqual([
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ]);
      expect(gsi?.Projection?.ProjectionType).toBe('ALL');
    }
  });

  it('queries an index and cancels a transaction whose condition fails, writing nothing', async () => {
    await ensureTable(client, tableName);
    await client.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          pk: { S: 'PRODUCT#1' },
          sk: { S: 'HEAD' },
          gsi1pk: { S: 'CATALOGUE' },
          gsi1sk: { S: 'guide#Første' },
        },
      }),
    );
    const catalogue = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: indexes.catalogue.name,
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'CATALOGUE' } },
      }),
    );
    expect(catalogue.Items?.map((item) => item.pk?.S)).toEqual(['PRODUCT#1']);

    const transaction = client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { pk: { S: 'PRODUCT#2' }, sk: { S: 'HEAD' } } } },
          {
            // Creating PRODUCT#1 again must fail: it exists.
            Put: {
              TableName: tableName,
              Item: { pk: { S: 'PRODUCT#1' }, sk: { S: 'HEAD' } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
    const error = await transaction.then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(TransactionCanceledException);
    if (!(error instanceof TransactionCanceledException)) return;
    expect(error.CancellationReasons?.map((reason) => reason.Code)).toEqual(['None', 'ConditionalCheckFailed']);

    const untouched = await client.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: 'PRODUCT#2' }, sk: { S: 'HEAD' } } }));
    expect(untouched.Item).toBeUndefined();
  });

  it('adds indexes missing from a table created by an older definition', async () => {
    const oldTable = 'normen-test-old';
    await client.send(
      new CreateTableCommand({
        TableName: oldTable,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: indexes.catalogue.name,
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    await ensureTable(client, oldTable);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: oldTable }));
    expect((Table?.GlobalSecondaryIndexes ?? []).map((gsi) => gsi.IndexName).sort()).toEqual(
      Object.values(indexes)
        .map((index) => index.name)
        .sort(),
    );
  });

  it('refuses to start a second instance on a port DynamoDB Local already uses', async () => {
    await expect(startDynamoDbLocal({ port })).rejects.toThrow(/already running on port 28000/);
  });
});
