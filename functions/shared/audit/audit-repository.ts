import { randomUUID } from 'node:crypto';
import { auditRecordSchema, type AuditRecord } from '../../../content-model';
import { putStep, queryPrefix, type Table, type TransactionStep } from '../db/client';
import { auditEntity } from '../db/entities';

/** Who changed what and when; written in the same transaction as the change itself. */
export function createAuditRepository(table: Table) {
  return {
    async listFor(entityType: AuditRecord['entityType'], entityId: string): Promise<AuditRecord[]> {
      return queryPrefix(table, { pk: auditEntity.partition({ entityType, entityId }), prefix: auditEntity.sortPrefix(), newestFirst: true }, (item) =>
        auditRecordSchema.parse(item),
      );
    },

    insert(record: AuditRecord): TransactionStep {
      return putStep(table, { ...auditEntity.key({ ...record, unique: randomUUID() }), entity: auditEntity.name, ...record });
    },
  };
}
export type AuditRepository = ReturnType<typeof createAuditRepository>;
