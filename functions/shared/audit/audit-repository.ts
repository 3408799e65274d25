import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { auditRecordSchema, type AuditRecord } from '../../../content-model';
import { queryAll, type Table, type TransactionStep } from '../db/client';

const entityPartition = (record: Pick<AuditRecord, 'entityType' | 'entityId'>) =>
  `${record.entityType.toUpperCase()}#${record.entityId}`;

/** Who changed what and when; written in the same transaction as the change itself. */
export function createAuditRepository(table: Table) {
  return {
    async listFor(entityType: AuditRecord['entityType'], entityId: string): Promise<AuditRecord[]> {
      return queryAll(
        (start) =>
          table.client.send(
            new QueryCommand({
              TableName: table.name,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':pk': entityPartition({ entityType, entityId }), ':prefix': 'AUDIT#' },
              ScanIndexForward: false,
              ExclusiveStartKey: start,
            }),
          ),
        (item) => auditRecordSchema.parse(item),
      );
    },

    insert(record: AuditRecord): TransactionStep {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: { pk: entityPartition(record), sk: `AUDIT#${record.at}#${String(record.revision).padStart(6, '0')}#${randomUUID()}`, entity: 'audit', ...record },
          },
        },
      };
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
