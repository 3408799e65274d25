import { recordedDecisionSchema, type RecordedDecision } from '../../../content-model';
import { queryPrefix, type Table, type TransactionStep } from '../../shared/db/client';

/** Steering-group decisions per product, in the order they were made. */
export function createDecisionRepository(table: Table) {
  return {
    async list(productId: string): Promise<RecordedDecision[]> {
      return queryPrefix(table, { pk: `PRODUCT#${productId}`, prefix: 'DECISION#' }, (item) => recordedDecisionSchema.parse(item));
    },

    insert(decision: RecordedDecision): TransactionStep {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: {
              pk: `PRODUCT#${decision.productId}`,
              sk: `DECISION#${decision.date}#${decision.reference}`,
              entity: 'decision',
              ...decision,
            },
          },
        },
      };
    },
  };
}
export type DecisionRepository = ReturnType<typeof createDecisionRepository>;
