import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { decisionSchema, isoDateTimeSchema } from '../../../content-model';
import { queryAll, type Table, type TransactionStep } from '../../shared/db/client';

export const recordedDecisionSchema = decisionSchema.extend({
  productId: z.string(),
  version: z.number().int().positive(),
  recordedAt: isoDateTimeSchema,
  recordedBy: z.string(),
});
export type RecordedDecision = z.infer<typeof recordedDecisionSchema>;

/** Steering-group decisions per product, in the order they were made. */
export function createDecisionRepository(table: Table) {
  return {
    async list(productId: string): Promise<RecordedDecision[]> {
      return queryAll(
        (start) =>
          table.client.send(
            new QueryCommand({
              TableName: table.name,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':pk': `PRODUCT#${productId}`, ':prefix': 'DECISION#' },
              ExclusiveStartKey: start,
            }),
          ),
        (item) => recordedDecisionSchema.parse(item),
      );
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
