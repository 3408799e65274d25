import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { consultationSchema, type Consultation } from '../../content-model';
import { queryIndex, updateExpression, type Table, type TransactionStep } from '../shared/db/client';
import { indexes } from '../shared/db/table-definition';
import { ConflictError, ValidationError } from '../shared/errors';

export const consultationKey = (id: string) => ({ pk: `CONSULTATION#${id}`, sk: 'CONSULTATION' });
const CONSULTATIONS = 'CONSULTATIONS';

/** Consultations, listed by closing date from the catalogue index (open ones: closing today or later). */
export function createConsultationRepository(table: Table) {
  const indexAttributes = (consultation: Consultation) => ({ gsi1pk: CONSULTATIONS, gsi1sk: `${consultation.closesOn}#${consultation.id}` });
  return {
    async get(id: string): Promise<Consultation | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: consultationKey(id), ConsistentRead: true }));
      return Item ? consultationSchema.parse(Item) : null;
    },

    /** Consultations closing on or after `fromDate`, soonest first (all of them without a date). */
    async list(fromDate?: string): Promise<Consultation[]> {
      return queryIndex(table, indexes.catalogue, { partition: CONSULTATIONS, sort: fromDate ? { op: '>=', value: fromDate } : undefined }, (item) =>
        consultationSchema.parse(item),
      );
    },

    insert(consultation: Consultation): TransactionStep {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: { ...consultationKey(consultation.id), entity: 'consultation', ...indexAttributes(consultation), ...consultation },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      };
    },

    update(consultation: Consultation, expectedRevision: number): TransactionStep {
      const { inputCount: _counter, ...fields } = consultation;
      const expression = updateExpression({ ...fields, ...indexAttributes(consultation) });
      return {
        item: {
          Update: {
            TableName: table.name,
            Key: consultationKey(consultation.id),
            ...expression,
            ConditionExpression: 'attribute_exists(pk) AND #expectedRevision = :expectedRevision',
            ExpressionAttributeNames: { ...expression.ExpressionAttributeNames, '#expectedRevision': 'revision' },
            ExpressionAttributeValues: { ...expression.ExpressionAttributeValues, ':expectedRevision': expectedRevision },
          },
        },
        onConditionFailed: () => new ConflictError('Høringen er endret av noen andre. Last inn på nytt.'),
      };
    },

    /**
     * Counts one more input, but only while the window is open on `today`: the deadline is checked
     * in the same transaction that stores the input, so nothing slips in after it.
     */
    countInputWhileOpen(id: string, today: string): TransactionStep {
      return {
        item: {
          Update: {
            TableName: table.name,
            Key: consultationKey(id),
            UpdateExpression: 'ADD inputCount :one',
            ConditionExpression: 'attribute_exists(pk) AND opensOn <= :today AND closesOn >= :today',
            ExpressionAttributeValues: { ':one': 1, ':today': today },
          },
        },
        onConditionFailed: () => ValidationError.field('consultationId', 'Høringsfristen er ute, eller høringen er ikke åpnet ennå'),
      };
    },
  };
}
export type ConsultationRepository = ReturnType<typeof createConsultationRepository>;
