import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { campaignSchema, type Campaign, type CampaignProgress } from '../../content-model';
import {
  itemExists,
  itemIsNew,
  optimisticUpdate,
  putStep,
  queryIndex,
  queryIndexPage,
  tryWrite,
  updateStep,
  write,
  type Page,
  type PageRequest,
  type Table,
  type TransactionStep,
} from '../shared/db/client';
import { campaignEntity } from '../shared/db/entities';

const campaignKey = (id: string) => campaignEntity.key({ id });

/** Newsletter issues, newest first from the catalogue index (a few a month). */
export function createCampaignRepository(table: Table) {
  return {
    async get(id: string): Promise<Campaign | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: campaignKey(id), ConsistentRead: true }));
      return Item ? campaignSchema.parse(Item) : null;
    },

    async list(): Promise<Campaign[]> {
      const { index, partition } = campaignEntity.indexQuery('catalogue', {});
      const all = await queryIndex(table, index, { partition }, (item) => campaignSchema.parse(item));
      return all.reverse();
    },

    /** One page of `list` (newest first), filled with campaigns that `matches` accepts. */
    page(page: PageRequest, matches: (campaign: Campaign) => boolean): Promise<Page<Campaign>> {
      const { index, partition } = campaignEntity.indexQuery('catalogue', {});
      return queryIndexPage(table, index, { partition, newestFirst: true }, page, (item) => campaignSchema.parse(item), matches);
    },

    insert(campaign: Campaign): TransactionStep {
      return putStep(table, { ...campaignKey(campaign.id), entity: campaignEntity.name, ...campaignEntity.index('catalogue', campaign), ...campaign }, [
        itemIsNew,
      ]);
    },

    /** Saves the campaign if nobody changed it since `expectedRevision`. */
    update(campaign: Campaign, expectedRevision: number): TransactionStep {
      return optimisticUpdate(table, { key: campaignKey(campaign.id), attributes: campaign, expectedRevision, what: 'Utsendelsen' });
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
    takeDispatchLease(id: string, owner: string, leaseMs: number): Promise<boolean> {
      const now = Date.now();
      return tryWrite(
        table,
        updateStep(table, campaignKey(id), { dispatchLease: { owner, until: now + leaseMs } }, [
          itemExists,
          {
            anyOf: [
              { attribute: 'dispatchLease', exists: false },
              { attribute: 'dispatchLease.until', is: '<', value: now },
              { attribute: 'dispatchLease.owner', is: '=', value: owner },
            ],
          },
        ]),
      );
    },

    /** Gives the lease up, unless another dispatcher has already taken it over. */
    async releaseDispatchLease(id: string, owner: string): Promise<void> {
      await tryWrite(table, updateStep(table, campaignKey(id), { dispatchLease: undefined }, [{ attribute: 'dispatchLease.owner', is: '=', value: owner }]));
    },

    /** Sets counters outright (the recount when a send finishes). */
    setProgress(id: string, progress: CampaignProgress): Promise<void> {
      return write(table, updateStep(table, campaignKey(id), { progress }, []));
    },
  };
}
export type CampaignRepository = ReturnType<typeof createCampaignRepository>;
