import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { evaluationSchema, type Evaluation } from '../../../content-model';
import { queryAll, type Table, type TransactionStep } from '../../shared/db/client';

/** Evaluations of a product, oldest first (sort key starts with the evaluation date). */
export function createEvaluationRepository(table: Table) {
  return {
    async list(productId: string): Promise<Evaluation[]> {
      return queryAll(
        (start) =>
          table.client.send(
            new QueryCommand({
              TableName: table.name,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':prefix': 'EVALUATION#' },
              ExclusiveStartKey: start,
            }),
          ),
        (item) => evaluationSchema.parse(item),
      );
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
