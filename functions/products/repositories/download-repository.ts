import { randomBytes } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { monthlyDownloadsSchema, type MonthlyDownloads } from '../../../content-model';
import { addStep, itemExists, itemIsNew, putStep, queryAll, tryWrite, write, type Table } from '../../shared/db/client';
import { downloadMarkerEntity, downloadSaltEntity, monthlyDownloadsEntity } from '../../shared/db/entities';
import { NotFoundError, TransactionConflictError } from '../../shared/errors';
import { productKey } from './product-repository';

/** One download to count: the product, the Oslo day and month, and the client's hashed key for that day. */
export interface DownloadHit {
  productId: string;
  /** Oslo date, YYYY-MM-DD. */
  day: string;
  /** Oslo month, YYYY-MM. */
  month: string;
  /** An HMAC of the client under the day's salt: no address or user agent is ever stored. */
  clientKey: string;
  /** Epoch seconds; the TTL attribute (infra `ttlAttribute`) removes the marker after the day. */
  expiresAt: number;
}

const saltSchema = z.object({ salt: z.string().min(32) });
const saltKey = (day: string) => downloadSaltEntity.key({ day });
const monthKey = (productId: string, month: string) => monthlyDownloadsEntity.key({ productId, month });

/** Concurrent transactions on one product's counters cancel each other; each retry waits a little longer. */
const maxAttempts = 8;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));

/**
 * Download counters: ADDs on the product (total) and on a per-month item, so "downloads in the
 * last 12 months" is a short key-range query rather than a log scan. A download counts once per
 * client per product per Oslo day: a marker item for (product, day, client key) is put in the same
 * transaction as the counter updates, on condition that it does not exist yet.
 */
export function createDownloadRepository(table: Table) {
  // The salt changes once a day, so one read per process per day is enough.
  let cachedSalt: { day: string; salt: string } | undefined;
  async function loadOrCreateSalt(day: string, expiresAt: number): Promise<string> {
    const read = async () => {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: saltKey(day), ConsistentRead: true }));
      return Item ? saltSchema.parse(Item).salt : null;
    };
    const existing = await read();
    if (existing) return existing;
    const salt = randomBytes(32).toString('base64url');
    if (await tryWrite(table, putStep(table, { ...saltKey(day), entity: downloadSaltEntity.name, salt, expiresAt }, [itemIsNew]))) return salt;
    const winner = await read();
    if (!winner) throw new Error(`The download salt of ${day} was neither created nor found`);
    return winner;
  }

  /** One more download on the product's total (which must exist) and on the month's item (created by the first). */
  const counterUpdates = (productId: string, month: string) => [
    addStep(table, productKey(productId), { add: { downloadsTotal: 1 }, conditions: [itemExists] }),
    addStep(table, monthKey(productId, month), { add: { downloads: 1 }, set: { entity: monthlyDownloadsEntity.name, month } }),
  ];

  return {
    /** True when the download was counted, false when this client was already counted today. */
    async countOnce(hit: DownloadHit): Promise<boolean> {
      const markerKey = downloadMarkerEntity.key(hit);
      // Repeats are the common case, and a read is far cheaper than a cancelled transaction; the
      // transaction's condition, not this read, is what guarantees a client counts once.
      const { Item: seen } = await table.client.send(new GetCommand({ TableName: table.name, Key: markerKey, ProjectionExpression: 'pk' }));
      if (seen) return false;
      const transaction = new TransactWriteCommand({
        TransactItems: [
          putStep(table, { ...markerKey, entity: downloadMarkerEntity.name, expiresAt: hit.expiresAt }, [itemIsNew]).item,
          ...counterUpdates(hit.productId, hit.month).map((step) => step.item),
        ],
      });
      for (let attempt = 1; ; attempt += 1) {
        try {
          await table.client.send(transaction);
          return true;
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          const [marker, product] = (error.CancellationReasons ?? []).map((reason) => reason.Code);
          if (marker === 'ConditionalCheckFailed') return false;
          if (product === 'ConditionalCheckFailed') throw new NotFoundError('Produktet finnes ikke');
          // Another download of the same product was being counted at the same moment: try again.
          if (!error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict')) throw error;
          if (attempt === maxAttempts) throw new TransactionConflictError('Nedlastingen kunne ikke telles akkurat nå. Prøv igjen.');
          await backoff(attempt);
        }
      }
    },

    /**
     * The day's random salt for client keys, created by the first download of the day (the
     * conditional put makes every concurrent caller end up with the same one). It expires with
     * the day's markers, after which no key of that day can be recomputed from an address.
     */
    async dailySalt(day: string, expiresAt: number): Promise<string> {
      if (cachedSalt?.day === day) return cachedSalt.salt;
      const salt = await loadOrCreateSalt(day, expiresAt);
      cachedSalt = { day, salt };
      return salt;
    },

    /** Adds to the counters without a client marker: for fixtures that need a number of downloads, never a request path. */
    async count(productId: string, month: string): Promise<void> {
      await Promise.all(counterUpdates(productId, month).map((step) => write(table, step)));
    },

    /** Months from `fromMonth` (inclusive, YYYY-MM) onwards. */
    async since(productId: string, fromMonth: string): Promise<MonthlyDownloads[]> {
      return queryAll(
        (start) =>
          table.client.send(
            new QueryCommand({
              TableName: table.name,
              KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
              ExpressionAttributeValues: {
                ':pk': monthlyDownloadsEntity.partition({ productId }),
                ':from': monthlyDownloadsEntity.sortKey({ month: fromMonth }),
                ':to': monthlyDownloadsEntity.sortKey({ month: '9999' }),
              },
              ExclusiveStartKey: start,
            }),
          ),
        (item) => monthlyDownloadsSchema.parse(item),
      );
    },
  };
}
export type DownloadRepository = ReturnType<typeof createDownloadRepository>;
