import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { stakeholderInputSchema, type StakeholderInput } from '../../content-model';
import { queryPrefix, updateExpression, type Table, type TransactionStep } from '../shared/db/client';
import { NotFoundError } from '../shared/errors';

/** Input lives in its consultation's partition ("general" for needs), ordered by its time-ordered id. */
const inputKey = (consultationId: string, id: string) => ({ pk: `CONSULTATION#${consultationId}`, sk: `INPUT#${id}` });

export function createInputRepository(table: Table) {
  return {
    async get(consultationId: string, id: string): Promise<StakeholderInput | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: inputKey(consultationId, id) }));
      return Item ? stakeholderInputSchema.parse(Item) : null;
    },

    list(consultationId: string): Promise<StakeholderInput[]> {
      return queryPrefix(table, { pk: `CONSULTATION#${consultationId}`, prefix: 'INPUT#' }, (item) => stakeholderInputSchema.parse(item));
    },

    insert(input: StakeholderInput): TransactionStep {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: { ...inputKey(input.consultationId, input.id), entity: 'input', ...input },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      };
    },

    update(input: StakeholderInput): TransactionStep {
      return {
        item: {
          Update: {
            TableName: table.name,
            Key: inputKey(input.consultationId, input.id),
            ...updateExpression({ status: input.status, reason: input.reason, triagedAt: input.triagedAt, triagedBy: input.triagedBy }),
            ConditionExpression: 'attribute_exists(pk)',
          },
        },
        onConditionFailed: () => new NotFoundError('Innspillet finnes ikke'),
      };
    },
  };
}
export type InputRepository = ReturnType<typeof createInputRepository>;
