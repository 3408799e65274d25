import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { stakeholderInputSchema, type StakeholderInput } from '../../content-model';
import { itemExists, itemIsNew, putStep, queryIndex, queryPrefix, updateStep, type Table, type TransactionStep } from '../shared/db/client';
import { inputEntity } from '../shared/db/entities';
import { NotFoundError } from '../shared/errors';

/** Input lives in its consultation's partition ("general" for needs), ordered by its time-ordered id. */
const inputKey = (consultationId: string, id: string) => inputEntity.key({ consultationId, id });
/** In the untriaged index while its status is "new", out of it once triaged (and back if set to "new" again). */
const untriagedIndex = (input: StakeholderInput) => (input.status === 'new' ? inputEntity.index('untriaged', input) : inputEntity.notIndexed('untriaged'));

export function createInputRepository(table: Table) {
  return {
    async get(consultationId: string, id: string): Promise<StakeholderInput | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: inputKey(consultationId, id) }));
      return Item ? stakeholderInputSchema.parse(Item) : null;
    },

    list(consultationId: string): Promise<StakeholderInput[]> {
      return queryPrefix(table, { pk: inputEntity.partition({ consultationId }), prefix: inputEntity.sortPrefix() }, (item) =>
        stakeholderInputSchema.parse(item),
      );
    },

    /** Input still "Ny", across consultations and the general input, oldest first. */
    untriaged(): Promise<StakeholderInput[]> {
      const { index, partition } = inputEntity.indexQuery('untriaged', {});
      return queryIndex(table, index, { partition }, (item) => stakeholderInputSchema.parse(item));
    },

    insert(input: StakeholderInput): TransactionStep {
      return putStep(table, { ...inputKey(input.consultationId, input.id), entity: inputEntity.name, ...untriagedIndex(input), ...input }, [itemIsNew]);
    },

    update(input: StakeholderInput): TransactionStep {
      const triage = { status: input.status, reason: input.reason, triagedAt: input.triagedAt, triagedBy: input.triagedBy, ...untriagedIndex(input) };
      return updateStep(table, inputKey(input.consultationId, input.id), triage, [itemExists], () => new NotFoundError('Innspillet finnes ikke'));
    },
  };
}
export type InputRepository = ReturnType<typeof createInputRepository>;
