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
  /** Consultations closing on or after `fromDate`, soonest first (all of them without a date). */
  const list = (fromDate?: string): Promise<Consultation[]> =>
    queryIndex(table, indexes.catalogue, { partition: CONSULTATIONS, sort: fromDate ? { op: '>=', value: fromDate } : undefined }, (item) =>
      consultationSchema.parse(item),
    );

  return {
    async get(id: string): Promise<Consultation | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: consultationKey(id), ConsistentRead: true }));
      return Item ? consultationSchema.parse(Item) : null;
    },

    list,

    /** A product's consultations that have not ended: not closed early and closing today or later. */
    async unendedFor(productId: string, today: string): Promise<Consultation[]> {
      return (await list(today)).filter((consultation) => consultation.productId === productId && !consultation.closedAt);
    },

    /**
     * Ends a consultation early. Conditional on the revision read and on it not being closed yet,
     * so it is closed once, in the same transaction as the decision that ends it.
     */
    close(consultation: Consultation, at: string, reason: string): TransactionStep {
      return {
        item: {
          Update: {
            TableName: table.name,
            Key: consultationKey(consultation.id),
            UpdateExpression: 'SET closedAt = :at, closedReason = :reason, revision = :next',
            ConditionExpression: 'attribute_exists(pk) AND revision = :expected AND (attribute_not_exists(closedAt) OR closedAt = :null)',
            ExpressionAttributeValues: { ':at': at, ':reason': reason, ':next': consultation.revision + 1, ':expected': consultation.revision, ':null': null },
          },
        },
        onConditionFailed: () => new ConflictError(`Høringen om «${consultation.productTitle}» ble endret samtidig. Last inn på nytt.`),
      };
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
     * Counts one more input, but only while the window is open on `today` and the consultation has
     * not been ended: both are checked in the same transaction that stores the input, so nothing
     * slips in after the deadline or the decision.
     */
    countInputWhileOpen(id: string, today: string): TransactionStep {
      return {
        item: {
          Update: {
            TableName: table.name,
            Key: consultationKey(id),
            UpdateExpression: 'ADD inputCount :one',
            ConditionExpression: 'attribute_exists(pk) AND opensOn <= :today AND closesOn >= :today AND (attribute_not_exists(closedAt) OR closedAt = :null)',
            ExpressionAttributeValues: { ':one': 1, ':today': today, ':null': null },
          },
        },
        onConditionFailed: () => ValidationError.field('consultationId', 'Høringen er avsluttet eller ikke åpnet ennå. Innspill kan ikke sendes inn nå.'),
      };
    },
  };
}
export type ConsultationRepository = ReturnType<typeof createConsultationRepository>;
