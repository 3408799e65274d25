import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, StaleRevisionError, TransactionConflictError, type DomainError } from '../errors';
import { ExpressionAttributes, type Condition } from './conditions';

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
  return queryPartition(table, { pk: key.pk, sort: { op: 'begins_with', value: key.prefix }, newestFirst: key.newestFirst ?? false }, parse);
}

/** Every item of one partition, optionally narrowed by a sort-key condition (what is due by now). */
export function queryPartition<T>(
  table: Table,
  key: { pk: string; sort?: SortCondition; newestFirst?: boolean; consistentRead?: boolean },
  parse: (item: Record<string, unknown>) => T,
): Promise<T[]> {
  const sortExpression = !key.sort ? '' : key.sort.op === 'begins_with' ? ' AND begins_with(sk, :sk)' : ` AND sk ${key.sort.op} :sk`;
  return queryAll(
    (start) =>
      table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: `pk = :pk${sortExpression}`,
          ExpressionAttributeValues: { ':pk': key.pk, ...(key.sort ? { ':sk': key.sort.value } : {}) },
          ScanIndexForward: !key.newestFirst,
          ...(key.consistentRead ? { ConsistentRead: true } : {}),
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

export interface ItemKey {
  pk: string;
  sk: string;
}

/** The item exists / no item has the key yet (a put then creates, and never overwrites). */
export const itemExists: Condition = { attribute: 'pk', exists: true };
export const itemIsNew: Condition = { attribute: 'pk', exists: false };

/** A put, on conditions (often `itemIsNew`); `onConditionFailed` says what a failed condition means. */
export function putStep(
  table: Table,
  item: ItemKey & Record<string, unknown>,
  conditions: Condition[] = [],
  onConditionFailed?: () => DomainError,
): TransactionStep {
  const expression = new ExpressionAttributes();
  const condition = expression.conditions(conditions);
  return {
    item: { Put: { TableName: table.name, Item: item, ...condition, ...expression.attributes() } },
    ...(onConditionFailed ? { onConditionFailed } : {}),
  };
}

export function deleteStep(table: Table, key: ItemKey, conditions: Condition[] = []): TransactionStep {
  const expression = new ExpressionAttributes();
  const condition = expression.conditions(conditions);
  return { item: { Delete: { TableName: table.name, Key: key, ...condition, ...expression.attributes() } } };
}

/** Sets the attributes (undefined ones are removed) if the conditions hold. */
export function updateStep(
  table: Table,
  key: ItemKey,
  attributes: Record<string, unknown>,
  conditions: Condition[],
  onConditionFailed?: () => DomainError,
): TransactionStep {
  const update = updateExpression(attributes);
  const expression = new ExpressionAttributes();
  const condition = expression.conditions(conditions);
  const values = { ...update.ExpressionAttributeValues, ...expression.values };
  return {
    item: {
      Update: {
        TableName: table.name,
        Key: key,
        UpdateExpression: update.UpdateExpression,
        ...condition,
        ExpressionAttributeNames: { ...update.ExpressionAttributeNames, ...expression.names },
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      },
    },
    ...(onConditionFailed ? { onConditionFailed } : {}),
  };
}

/**
 * Adds to counters (ADD starts a missing one at 0; negative amounts subtract) and sets `set`, if the
 * conditions hold: seat counters, download and input counts.
 */
export function addStep(
  table: Table,
  key: ItemKey,
  change: { add: Record<string, number>; set?: Record<string, unknown>; conditions?: Condition[] },
  onConditionFailed?: () => DomainError,
): TransactionStep {
  const expression = new ExpressionAttributes();
  const sets = Object.entries(change.set ?? {}).map(([name, value]) => `${expression.name(name)} = ${expression.value(value)}`);
  const adds = Object.entries(change.add)
    .filter(([, amount]) => amount !== 0)
    .map(([name, amount]) => `${expression.name(name)} ${expression.value(amount)}`);
  const update = [sets.length ? `SET ${sets.join(', ')}` : '', adds.length ? `ADD ${adds.join(', ')}` : ''].filter(Boolean).join(' ');
  const condition = expression.conditions(change.conditions ?? []);
  return {
    item: { Update: { TableName: table.name, Key: key, UpdateExpression: update, ...condition, ...expression.attributes() } },
    ...(onConditionFailed ? { onConditionFailed } : {}),
  };
}

/**
 * Saves an edit only if nobody saved the item since it was read: the stored revision must still be
 * `expectedRevision`, and becomes `expectedRevision + 1`. `what` names the item for the person who
 * loses the race («Produktet»); further `conditions` (not closed yet, the link's nonce) join the check.
 * A step, so it runs in a transaction with its audit record, or alone through `write`.
 */
export function optimisticUpdate(
  table: Table,
  update: { key: ItemKey; attributes: Record<string, unknown>; expectedRevision: number; what: string; conditions?: Condition[] },
): TransactionStep {
  return updateStep(
    table,
    update.key,
    { ...update.attributes, revision: update.expectedRevision + 1 },
    [itemExists, { attribute: 'revision', is: '=', value: update.expectedRevision }, ...(update.conditions ?? [])],
    () => new StaleRevisionError(update.what),
  );
}

/** Checks conditions on an item inside a transaction without writing it (the event a registration was decided on). */
export function conditionCheckStep(table: Table, key: ItemKey, conditions: Condition[], onConditionFailed: () => DomainError): TransactionStep {
  const expression = new ExpressionAttributes();
  const condition = expression.conditions(conditions);
  return {
    item: { ConditionCheck: { TableName: table.name, Key: key, ConditionExpression: condition.ConditionExpression ?? '', ...expression.attributes() } },
    onConditionFailed,
  };
}

/** Runs one step on its own, outside a transaction; a failed condition raises the step's own error. */
export async function write(table: Table, step: TransactionStep): Promise<void> {
  if (!(await tryWrite(table, step))) throw step.onConditionFailed?.() ?? new ConflictError('Endringen kolliderte med en annen endring');
}

/** Runs one step on its own; false when its condition did not hold (a claim someone else has, a lease taken). */
export async function tryWrite(table: Table, step: TransactionStep): Promise<boolean> {
  const { Put, Update, Delete } = step.item;
  try {
    if (Put) await table.client.send(new PutCommand(Put));
    else if (Update) await table.client.send(new UpdateCommand(Update));
    else if (Delete) await table.client.send(new DeleteCommand(Delete));
    else throw new Error('A condition check runs only in a transaction');
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
