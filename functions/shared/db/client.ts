import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConflictError, TransactionConflictError, type DomainError } from '../errors';

export interface Table {
  client: DynamoDBDocumentClient;
  name: string;
}

/** One client per process; locally an endpoint and throwaway credentials point it at DynamoDB Local. */
export function createTable(options: { name: string; region: string; endpoint?: string | undefined }): Table {
  const base = new DynamoDBClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const client = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { client, name: options.name };
}

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A write inside a transaction, with the error to raise if its condition is what failed. */
export interface TransactionStep {
  item: TransactItem;
  onConditionFailed?: () => DomainError;
}

/**
 * Runs steps atomically. When a condition fails, DynamoDB reports a reason per item; the first
 * failed step's own error explains what went wrong (slug taken, stale revision, …).
 */
export async function transact(table: Table, steps: TransactionStep[]): Promise<void> {
  try {
    await table.client.send(new TransactWriteCommand({ TransactItems: steps.map((step) => step.item) }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      const failedIndex = reasons.findIndex((reason) => reason.Code === 'ConditionalCheckFailed');
      if (failedIndex >= 0) {
        throw steps[failedIndex]?.onConditionFailed?.() ?? new ConflictError('Endringen kolliderte med en annen endring');
      }
      if (reasons.some((reason) => reason.Code === 'TransactionConflict')) {
        throw new TransactionConflictError('En annen endring pågikk samtidig. Prøv igjen.');
      }
    }
    throw error;
  }
}

/** Reads every page of a query; only for partitions whose size is bounded by design. */
export async function queryAll<T>(
  fetchPage: (
    exclusiveStartKey: Record<string, unknown> | undefined,
  ) => Promise<{ Items?: Record<string, unknown>[] | undefined; LastEvaluatedKey?: Record<string, unknown> | undefined }>,
  parse: (item: Record<string, unknown>) => T,
): Promise<T[]> {
  const results: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await fetchPage(startKey);
    for (const item of page.Items ?? []) results.push(parse(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return results;
}

/** Every item of one partition whose sort key starts with `prefix` (e.g. the versions of a product). */
export function queryPrefix<T>(
  table: Table,
  key: { pk: string; prefix: string; newestFirst?: boolean },
  parse: (item: Record<string, unknown>) => T,
): Promise<T[]> {
  return queryAll(
    (start) =>
      table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': key.pk, ':prefix': key.prefix },
          ScanIndexForward: !key.newestFirst,
          ExclusiveStartKey: start,
        }),
      ),
    parse,
  );
}

export interface IndexKeys {
  name: string;
  partitionKey: string;
  sortKey: string;
}

/** A sort-key condition on an index query; absent, the whole partition is read. */
export type SortCondition = { op: '<=' | '>='; value: string } | { op: 'begins_with'; value: string };

/** Every item of one index partition, optionally narrowed by a sort-key condition. */
export function queryIndex<T>(
  table: Table,
  index: IndexKeys,
  key: { partition: string; sort?: SortCondition | undefined },
  parse: (item: Record<string, unknown>) => T,
): Promise<T[]> {
  const sortExpression = !key.sort ? '' : key.sort.op === 'begins_with' ? ' AND begins_with(#sk, :sk)' : ` AND #sk ${key.sort.op} :sk`;
  return queryAll(
    (start) =>
      table.client.send(
        new QueryCommand({
          TableName: table.name,
          IndexName: index.name,
          KeyConditionExpression: `#pk = :pk${sortExpression}`,
          ExpressionAttributeNames: { '#pk': index.partitionKey, ...(key.sort ? { '#sk': index.sortKey } : {}) },
          ExpressionAttributeValues: { ':pk': key.partition, ...(key.sort ? { ':sk': key.sort.value } : {}) },
          ExclusiveStartKey: start,
        }),
      ),
    parse,
  );
}

/** Builds "SET a = :a, b = :b REMOVE c" for the given attributes; undefined values are removed. */
export function updateExpression(attributes: Record<string, unknown>): {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  const sets: string[] = [];
  const removes: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  Object.entries(attributes).forEach(([name, value], index) => {
    names[`#a${index}`] = name;
    if (value === undefined) removes.push(`#a${index}`);
    else {
      sets.push(`#a${index} = :a${index}`);
      values[`:a${index}`] = value;
    }
  });
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
  return { UpdateExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}
