import { evaluationSchema, type Evaluation } from '../../../content-model';
import { itemIsNew, putStep, queryPrefix, type Table, type TransactionStep } from '../../shared/db/client';
import { evaluationEntity } from '../../shared/db/entities';

/** Evaluations of a product, oldest first (sort key starts with the evaluation date). */
export function createEvaluationRepository(table: Table) {
  return {
    async list(productId: string): Promise<Evaluation[]> {
      return queryPrefix(table, { pk: evaluationEntity.partition({ productId }), prefix: evaluationEntity.sortPrefix() }, (item) =>
        evaluationSchema.parse(item),
      );
    },

    insert(evaluation: Evaluation): TransactionStep {
      return putStep(table, { ...evaluationEntity.key(evaluation), entity: evaluationEntity.name, ...evaluation }, [itemIsNew]);
    },
  };
}
export type EvaluationRepository = ReturnType<typeof createEvaluationRepository>;
