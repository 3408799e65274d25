import { recordedDecisionSchema, type RecordedDecision } from '../../../content-model';
import { putStep, queryPrefix, type Table, type TransactionStep } from '../../shared/db/client';
import { decisionEntity } from '../../shared/db/entities';

/** Steering-group decisions per product, in the order they were made. */
export function createDecisionRepository(table: Table) {
  return {
    async list(productId: string): Promise<RecordedDecision[]> {
      return queryPrefix(table, { pk: decisionEntity.partition({ productId }), prefix: decisionEntity.sortPrefix() }, (item) =>
        recordedDecisionSchema.parse(item),
      );
    },

    insert(decision: RecordedDecision): TransactionStep {
      return putStep(table, { ...decisionEntity.key(decision), entity: decisionEntity.name, ...decision });
    },
  };
}
export type DecisionRepository = ReturnType<typeof createDecisionRepository>;
