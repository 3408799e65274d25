import { randomUUID } from 'node:crypto';
import { auditRecordSchema, type AuditRecord } from '../../../content-model';
import { queryPrefix, type Table, type TransactionStep } from '../db/client';

const entityPartition = (record: Pick<AuditRecord, 'entityType' | 'entityId'>) => `${record.entityType.toUpperCase()}#${record.entityId}`;

/** Who changed what and when; written in the same transaction as the change itself. */
export function createAuditRepository(table: Table) {
  return {
    async listFor(entityType: AuditRecord['entityType'], entityId: string): Promise<AuditRecord[]> {
      return queryPrefix(table, { pk: entityPartition({ entityType, entityId }), prefix: 'AUDIT#', newestFirst: true }, (item) =>
        auditRecordSchema.parse(item),
      );
    },

    insert(record: AuditRecord): TransactionStep {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: {
              pk: entityPartition(record),
              sk: `AUDIT#${record.at}#${String(record.revision).padStart(6, '0')}#${randomUUID()}`,
              entity: 'audit',
              ...record,
            },
          },
        },
      };
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
