import { evaluationSchema, type Evaluation } from '../../../content-model';
import { queryPrefix, type Table, type TransactionStep } from '../../shared/db/client';

/** Evaluations of a product, oldest first (sort key starts with the evaluation date). */
export function createEvaluationRepository(table: Table) {
  return {
    async list(productId: string): Promise<Evaluation[]> {
      return queryPrefix(table, { pk: `PRODUCT#${productId}`, prefix: 'EVALUATION#' }, (item) => evaluationSchema.parse(item));
    },

    insert(evaluation: Evaluation): TransactionStep {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: {
              pk: `PRODUCT#${evaluation.productId}`,
              sk: `EVALUATION#${evaluation.evaluatedOn}#${evaluation.id}`,
              entity: 'evaluation',
              ...evaluation,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      };
    },
  };
}
export type EvaluationRepository = ReturnType<typeof createEvaluationRepository>;
