import { ConditionalCheckFailedException, DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { encodeCursor, type PageKey } from '../../../content-model';
import { ConflictError, StaleRevisionError, TransactionConflictError, ValidationError, type DomainError } from '../errors';
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

export interface IndexKeys {
  name: string;
  partitionKey: string;
  sortKey: string;
}

/** A sort-key condition on an index query; absent, the whole partition is read. */
export type SortCondition = { op: '<=' | '>='; value: string } | { op: 'begins_with'; value: string };

/** One key condition, on the table or an index, with the key attributes that place an item in its result. */
interface KeyQuery {
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>;
  /** The attributes of a start key: the table's keys, and the index's when an index is queried. */
  keyAttributes: string[];
  partition: { attribute: string; value: string };
  sort: { attribute: string; condition: SortCondition } | undefined;
}

type PartitionKey = { pk: string; sort?: SortCondition | undefined; newestFirst?: boolean; consistentRead?: boolean };
type IndexPartition = { partition: string; sort?: SortCondition | undefined; newestFirst?: boolean };

function sortExpression(sort: SortCondition | undefined, name: string): string {
  return !sort ? '' : sort.op === 'begins_with' ? ` AND begins_with(${name}, :sk)` : ` AND ${name} ${sort.op} :sk`;
}

function partitionQuery(table: Table, key: PartitionKey): KeyQuery {
  return {
    input: {
      TableName: table.name,
      KeyConditionExpression: `pk = :pk${sortExpression(key.sort, 'sk')}`,
      ExpressionAttributeValues: { ':pk': key.pk, ...(key.sort ? { ':sk': key.sort.value } : {}) },
      ScanIndexForward: !key.newestFirst,
      ...(key.consistentRead ? { ConsistentRead: true } : {}),
    },
    keyAttributes: ['pk', 'sk'],
    partition: { attribute: 'pk', value: key.pk },
    sort: key.sort ? { attribute: 'sk', condition: key.sort } : undefined,
  };
}

function indexQuery(table: Table, index: IndexKeys, key: IndexPartition): KeyQuery {
  return {
    input: {
      TableName: table.name,
      IndexName: index.name,
      KeyConditionExpression: `#pk = :pk${sortExpression(key.sort, '#sk')}`,
      ExpressionAttributeNames: { '#pk': index.partitionKey, ...(key.sort ? { '#sk': index.sortKey } : {}) },
      ExpressionAttributeValues: { ':pk': key.partition, ...(key.sort ? { ':sk': key.sort.value } : {}) },
      ScanIndexForward: !key.newestFirst,
    },
    keyAttributes: ['pk', 'sk', index.partitionKey, index.sortKey],
    partition: { attribute: index.partitionKey, value: key.partition },
    sort: key.sort ? { attribute: index.sortKey, condition: key.sort } : undefined,
  };
}

function queryEvery<T>(table: Table, query: KeyQuery, parse: (item: Record<string, unknown>) => T): Promise<T[]> {
  return queryAll((start) => table.client.send(new QueryCommand({ ...query.input, ExclusiveStartKey: start })), parse);
}

/** Every item of one partition, optionally narrowed by a sort-key condition (what is due by now). */
export function queryPartition<T>(table: Table, key: PartitionKey, parse: (item: Record<string, unknown>) => T): Promise<T[]> {
  return queryEvery(table, partitionQuery(table, key), parse);
}

/** Every item of one index partition, optionally narrowed by a sort-key condition. */
export function queryIndex<T>(table: Table, index: IndexKeys, key: IndexPartition, parse: (item: Record<string, unknown>) => T): Promise<T[]> {
  return queryEvery(table, indexQuery(table, index, key), parse);
}

/** Which page of a list: up to `limit` matches after the item whose key is `cursor` (none: from the start). */
export interface PageRequest {
  limit: number;
  cursor?: PageKey | undefined;
}

export interface Page<T> {
  items: T[];
  /** Where the next page starts; null when no further item matches. */
  nextCursor: string | null;
}

/** A cursor from another list, or edited by hand, would start the query outside its partition or prefix. */
function assertCursorFits(query: KeyQuery, cursor: PageKey): void {
  const names = Object.keys(cursor);
  const fits =
    names.length === query.keyAttributes.length &&
    query.keyAttributes.every((name) => typeof cursor[name] === 'string') &&
    cursor[query.partition.attribute] === query.partition.value &&
    (query.sort?.condition.op !== 'begins_with' || (cursor[query.sort.attribute] ?? '').startsWith(query.sort.condition.value));
  if (!fits) throw ValidationError.field('cursor', 'Side-markøren hører ikke til denne listen');
}

function keyOf(query: KeyQuery, item: Record<string, unknown>): PageKey {
  return Object.fromEntries(query.keyAttributes.map((name) => [name, String(item[name])]));
}

/**
 * One page of a query: up to `page.limit` items that `matches` accepts, in key order from the
 * cursor on. It keeps reading until the page is full or the partition ends, so a filter never
 * gives a short page before the end, and it reads one match past the page, so `nextCursor` is
 * null exactly when nothing more matches. The cursor is the last item returned, not DynamoDB's
 * LastEvaluatedKey: items read past the page's last match must come first on the next page.
 */
async function queryPage<T>(
  table: Table,
  query: KeyQuery,
  page: PageRequest,
  parse: (item: Record<string, unknown>) => T,
  matches: (item: T) => boolean,
): Promise<Page<T>> {
  if (page.cursor) assertCursorFits(query, page.cursor);
  const found: { item: T; key: PageKey }[] = [];
  let start: Record<string, unknown> | undefined = page.cursor;
  try {
    do {
      const result = await table.client.send(new QueryCommand({ ...query.input, ExclusiveStartKey: start, Limit: page.limit + 1 }));
      for (const raw of result.Items ?? []) {
        const item = parse(raw);
        if (matches(item)) found.push({ item, key: keyOf(query, raw) });
        if (found.length > page.limit) break;
      }
      start = result.LastEvaluatedKey;
    } while (start && found.length <= page.limit);
  } catch (error) {
    // What the checks above let through and DynamoDB still refuses as a start key.
    if (page.cursor && error instanceof Error && error.name === 'ValidationException') throw ValidationError.field('cursor', 'Ugyldig side-markør');
    throw error;
  }
  const items = found.slice(0, page.limit);
  const last = items.at(-1);
  return { items: items.map(({ item }) => item), nextCursor: found.length > page.limit && last ? encodeCursor(last.key) : null };
}

/** One page of a partition (optionally narrowed by a sort-key condition), filtered by `matches`. */
export function queryPartitionPage<T>(
  table: Table,
  key: PartitionKey,
  page: PageRequest,
  parse: (item: Record<string, unknown>) => T,
  matches: (item: T) => boolean = () => true,
): Promise<Page<T>> {
  return queryPage(table, partitionQuery(table, key), page, parse, matches);
}

/** One page of an index partition, filtered by `matches`. */
export function queryIndexPage<T>(
  table: Table,
  index: IndexKeys,
  key: IndexPartition,
  page: PageRequest,
  parse: (item: Record<string, unknown>) => T,
  matches: (item: T) => boolean = () => true,
): Promise<Page<T>> {
  return queryPage(table, indexQuery(table, index, key), page, parse, matches);
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
