import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { recipientSendSchema, type RecipientSend } from '../../content-model';
import type { Table } from '../shared/db/client';

const deliveryKey = (campaignId: string, subscriberId: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: `RCPT#${subscriberId}` });

/**
 * One record per recipient per campaign. Sending is claim → send → mark: the claim is a conditional
 * update from "pending", so no two dispatchers ever send the same record, and a resumed dispatch
 * continues from the records still pending.
 */
export function createRecipientSendRepository(table: Table) {
  async function transition(campaignId: string, subscriberId: string, from: RecipientSend['status'][], set: Partial<RecipientSend>): Promise<boolean> {
    const fields = Object.entries(set);
    try {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: deliveryKey(campaignId, subscriberId),
          UpdateExpression: `SET ${fields.map((_, index) => `#f${index} = :f${index}`).join(', ')}`,
          ConditionExpression: `#status IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(fields.map(([name], index) => [`#f${index}`, name])) },
          ExpressionAttributeValues: {
            ...Object.fromEntries(from.map((status, index) => [`:from${index}`, status])),
            ...Object.fromEntries(fields.map(([, value], index) => [`:f${index}`, value])),
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  return {
    /** Writes the recipient list; only while the campaign is being prepared, before anything is sent. */
    async writePending(campaignId: string, recipients: { subscriberId: string; email: string }[]): Promise<void> {
      for (let start = 0; start < recipients.length; start += 25) {
        let requests = recipients.slice(start, start + 25).map(({ subscriberId, email }) => {
          const send: RecipientSend = {
            campaignId,
            subscriberId,
            email,
            status: 'pending',
            attempts: 0,
            claimedAt: null,
            sentAt: null,
            messageId: null,
            error: null,
          };
          return { PutRequest: { Item: { ...deliveryKey(campaignId, subscriberId), entity: 'recipient-send', ...send } } };
        });
        while (requests.length > 0) {
          const { UnprocessedItems } = await table.client.send(new BatchWriteCommand({ RequestItems: { [table.name]: requests } }));
          requests = (UnprocessedItems?.[table.name] ?? []) as typeof requests;
        }
      }
    },

    async get(campaignId: string, subscriberId: string): Promise<RecipientSend | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: deliveryKey(campaignId, subscriberId), ConsistentRead: true }));
      return Item ? recipientSendSchema.parse(Item) : null;
    },

    /** A page of the campaign's records in recipient order, for the dispatcher to walk through. */
    async page(campaignId: string, startKey?: Record<string, unknown>): Promise<{ items: RecipientSend[]; next?: Record<string, unknown> | undefined }> {
      const { Items = [], LastEvaluatedKey } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':prefix': 'RCPT#' },
          ConsistentRead: true,
          Limit: 100,
          ExclusiveStartKey: startKey,
        }),
      );
      return { items: Items.map((item) => recipientSendSchema.parse(item)), next: LastEvaluatedKey };
    },

    claim: (delivery: RecipientSend, at: string) =>
      transition(delivery.campaignId, delivery.subscriberId, ['pending'], { status: 'sending', claimedAt: at, attempts: delivery.attempts + 1 }),
    markSent: (delivery: Pick<RecipientSend, 'campaignId' | 'subscriberId'>, at: string, messageId: string) =>
      transition(delivery.campaignId, delivery.subscriberId, ['sending'], { status: 'sent', sentAt: at, messageId, error: null }),
    markFailed: (delivery: Pick<RecipientSend, 'campaignId' | 'subscriberId'>, error: string) =>
      transition(delivery.campaignId, delivery.subscriberId, ['sending'], { status: 'failed', error }),
    markSkipped: (delivery: Pick<RecipientSend, 'campaignId' | 'subscriberId'>) =>
      transition(delivery.campaignId, delivery.subscriberId, ['sending'], { status: 'skipped' }),
    /** Gives an in-doubt claim back to be sent again (no SES send event arrived for it). */
    release: (delivery: Pick<RecipientSend, 'campaignId' | 'subscriberId'>) =>
      transition(delivery.campaignId, delivery.subscriberId, ['sending'], { status: 'pending', claimedAt: null }),
  };
}
export type RecipientSendRepository = ReturnType<typeof createRecipientSendRepository>;
