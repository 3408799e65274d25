import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { monthlyDownloadsSchema, type MonthlyDownloads } from '../../../content-model';
import { queryAll, type Table } from '../../shared/db/client';
import { productKey } from './product-repository';


/**
 * Download counters: atomic ADDs on the product (total) and on a per-month item, so
 * "downloads in the last 12 months" is a short key-range query rather than a log scan.
 */
export function createDownloadRepository(table: Table) {
  return {
    async count(productId: string, month: string): Promise<void> {
      await Promise.all([
        table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: productKey(productId),
            UpdateExpression: 'ADD downloadsTotal :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':one': 1 },
          }),
        ),
        table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: { pk: `PRODUCT#${productId}`, sk: `DOWNLOADS#${month}` },
            UpdateExpression: 'ADD downloads :one SET entity = :entity, #month = :month',
            ExpressionAttributeNames: { '#month': 'month' },
            ExpressionAttributeValues: { ':one': 1, ':entity': 'downloads', ':month': month },
          }),
        ),
      ]);
    },

    /** Months from `fromMonth` (inclusive, YYYY-MM) onwards. */
    async since(productId: string, fromMonth: string): Promise<MonthlyDownloads[]> {
      return queryAll(
        (start) =>
          table.client.send(
            new QueryCommand({
              TableName: table.name,
              KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
              ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':from': `DOWNLOADS#${fromMonth}`, ':to': 'DOWNLOADS#9999' },
              ExclusiveStartKey: start,
            }),
          ),
        (item) => monthlyDownloadsSchema.parse(item),
      );
    },
  };
}
export type DownloadRepository = ReturnType<typeof createDownloadRepository>;
