import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { consultationSchema, type Consultation } from '../../content-model';
import type { Condition } from '../shared/db/conditions';
import { addStep, itemExists, itemIsNew, optimisticUpdate, putStep, queryIndex, type Table, type TransactionStep } from '../shared/db/client';
import { consultationEntity } from '../shared/db/entities';
import { ValidationError } from '../shared/errors';

export const consultationKey = (id: string) => consultationEntity.key({ id });
const notClosed: Condition = {
  anyOf: [
    { attribute: 'closedAt', exists: false },
    { attribute: 'closedAt', is: '=', value: null },
  ],
};

/** Consultations, listed by closing date from the catalogue index (open ones: closing today or later). */
export function createConsultationRepository(table: Table) {
  const indexAttributes = (consultation: Consultation) => consultationEntity.index('catalogue', consultation);
  /** Consultations closing on or after `fromDate`, soonest first (all of them without a date). */
  const list = (fromDate?: string): Promise<Consultation[]> => {
    const { index, partition } = consultationEntity.indexQuery('catalogue', {});
    return queryIndex(table, index, { partition, sort: fromDate ? { op: '>=', value: fromDate } : undefined }, (item) => consultationSchema.parse(item));
  };

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
      return optimisticUpdate(table, {
        key: consultationKey(consultation.id),
        attributes: { closedAt: at, closedReason: reason },
        expectedRevision: consultation.revision,
        what: `Høringen om «${consultation.productTitle}»`,
        conditions: [notClosed],
      });
    },

    insert(consultation: Consultation): TransactionStep {
      return putStep(table, { ...consultationKey(consultation.id), entity: consultationEntity.name, ...indexAttributes(consultation), ...consultation }, [
        itemIsNew,
      ]);
    },

    /** The input counter is never written here, so input arriving meanwhile is not lost. */
    update(consultation: Consultation, expectedRevision: number): TransactionStep {
      const { inputCount: _counter, ...fields } = consultation;
      return optimisticUpdate(table, {
        key: consultationKey(consultation.id),
        attributes: { ...fields, ...indexAttributes(consultation) },
        expectedRevision,
        what: 'Høringen',
      });
    },

    /**
     * Counts one more input, but only while the window is open on `today` and the consultation has
     * not been ended: both are checked in the same transaction that stores the input, so nothing
     * slips in after the deadline or the decision.
     */
    countInputWhileOpen(id: string, today: string): TransactionStep {
      return addStep(
        table,
        consultationKey(id),
        {
          add: { inputCount: 1 },
          conditions: [itemExists, { attribute: 'opensOn', is: '<=', value: today }, { attribute: 'closesOn', is: '>=', value: today }, notClosed],
        },
        () => ValidationError.field('consultationId', 'Høringen er avsluttet eller ikke åpnet ennå. Innspill kan ikke sendes inn nå.'),
      );
    },
  };
}
export type ConsultationRepository = ReturnType<typeof createConsultationRepository>;
