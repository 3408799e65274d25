import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { campaignSchema, type Campaign, type CampaignProgress } from '../../content-model';
import { queryIndex, updateExpression, type Table, type TransactionStep } from '../shared/db/client';
import { indexes } from '../shared/db/table-definition';
import { ConflictError } from '../shared/errors';

const campaignKey = (id: string) => ({ pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN' });
const CAMPAIGNS = 'CAMPAIGNS';

/** Newsletter issues, newest first from the catalogue index (a few a month). */
export function createCampaignRepository(table: Table) {
  return {
    async get(id: string): Promise<Campaign | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: campaignKey(id), ConsistentRead: true }));
      return Item ? campaignSchema.parse(Item) : null;
    },

    async list(): Promise<Campaign[]> {
      const all = await queryIndex(table, indexes.catalogue, { partition: CAMPAIGNS }, (item) => campaignSchema.parse(item));
      return all.reverse();
    },

    insert(campaign: Campaign): TransactionStep {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: { ...campaignKey(campaign.id), entity: 'campaign', gsi1pk: CAMPAIGNS, gsi1sk: `${campaign.createdAt}#${campaign.id}`, ...campaign },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      };
    },

    /** Saves the campaign if nobody changed it since `expectedRevision`. */
    update(campaign: Campaign, expectedRevision: number): TransactionStep {
      const expression = updateExpression(campaign);
      return {
        item: {
          Update: {
            TableName: table.name,
            Key: campaignKey(campaign.id),
            ...expression,
            ConditionExpression: 'attribute_exists(pk) AND #expectedRevision = :expectedRevision',
            ExpressionAttributeNames: { ...expression.ExpressionAttributeNames, '#expectedRevision': 'revision' },
            ExpressionAttributeValues: { ...expression.ExpressionAttributeValues, ':expectedRevision': expectedRevision },
          },
        },
        onConditionFailed: () => new ConflictError('Utsendelsen er endret av noen andre. Last inn på nytt.'),
      };
    },

    /** Adds to the progress counters atomically (several dispatchers and the feedback function write them). */
    async addProgress(id: string, delta: Partial<CampaignProgress>): Promise<void> {
      const entries = Object.entries(delta).filter(([, value]) => value);
      if (entries.length === 0) return;
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: campaignKey(id),
          UpdateExpression: `SET ${entries.map((_, index) => `progress.#c${index} = progress.#c${index} + :c${index}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#c${index}`, name])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], index) => [`:c${index}`, value])),
        }),
      );
    },

    /**
     * Takes (or renews) the right to dispatch the campaign for `leaseMs`, unless another dispatcher
     * holds it. A lease that has run out (its dispatcher crashed) can be taken over. Real time, not
     * the business clock: a lease is about how long a process may run.
     */
    async takeDispatchLease(id: string, owner: string, leaseMs: number): Promise<boolean> {
      const now = Date.now();
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: campaignKey(id),
            UpdateExpression: 'SET dispatchLease = :lease',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(dispatchLease) OR dispatchLease.#until < :now OR dispatchLease.#owner = :owner)',
            ExpressionAttributeNames: { '#until': 'until', '#owner': 'owner' },
            ExpressionAttributeValues: { ':lease': { owner, until: now + leaseMs }, ':now': now, ':owner': owner },
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    async releaseDispatchLease(id: string, owner: string): Promise<void> {
      try {
        await table.client.send(
          new UpdateCommand({
            TableName: table.name,
            Key: campaignKey(id),
            UpdateExpression: 'REMOVE dispatchLease',
            ConditionExpression: 'dispatchLease.#owner = :owner',
            ExpressionAttributeNames: { '#owner': 'owner' },
            ExpressionAttributeValues: { ':owner': owner },
          }),
        );
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error; // already taken over
      }
    },

    /** Sets counters outright (the recount when a send finishes). */
    async setProgress(id: string, progress: CampaignProgress): Promise<void> {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: campaignKey(id),
          UpdateExpression: 'SET progress = :progress',
          ExpressionAttributeValues: { ':progress': progress },
        }),
      );
    },
  };
}
export type CampaignRepository = ReturnType<typeof createCampaignRepository>;
