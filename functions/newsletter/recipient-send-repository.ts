import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { recipientSendSchema, type RecipientSend } from '../../content-model';
import { tryWrite, updateStep, type Table } from '../shared/db/client';
import { recipientSendEntity } from '../shared/db/entities';

const sendKey = (campaignId: string, subscriberId: string) => recipientSendEntity.key({ campaignId, subscriberId });

/**
 * One record per recipient per campaign. Sending is claim → send → mark: the claim is a conditional
 * update from "pending", so no two dispatchers ever send the same record, and a resumed dispatch
 * continues from the records still pending.
 */
export function createRecipientSendRepository(table: Table) {
  function transition(campaignId: string, subscriberId: string, from: RecipientSend['status'][], set: Partial<RecipientSend>): Promise<boolean> {
    const wasOneOf = { anyOf: from.map((status) => ({ attribute: 'status', is: '=' as const, value: status })) };
    return tryWrite(table, updateStep(table, sendKey(campaignId, subscriberId), set, [wasOneOf]));
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
          return { PutRequest: { Item: { ...sendKey(campaignId, subscriberId), entity: recipientSendEntity.name, ...send } } };
        });
        while (requests.length > 0) {
          const { UnprocessedItems } = await table.client.send(new BatchWriteCommand({ RequestItems: { [table.name]: requests } }));
          requests = (UnprocessedItems?.[table.name] ?? []) as typeof requests;
        }
      }
    },

    async get(campaignId: string, subscriberId: string): Promise<RecipientSend | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: sendKey(campaignId, subscriberId), ConsistentRead: true }));
      return Item ? recipientSendSchema.parse(Item) : null;
    },

    /** A page of the campaign's records in recipient order, for the dispatcher to walk through. */
    async page(campaignId: string, startKey?: Record<string, unknown>): Promise<{ items: RecipientSend[]; next?: Record<string, unknown> | undefined }> {
      const { Items = [], LastEvaluatedKey } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': recipientSendEntity.partition({ campaignId }), ':prefix': recipientSendEntity.sortPrefix() },
          ConsistentRead: true,
          Limit: 100,
          ExclusiveStartKey: startKey,
        }),
      );
      return { items: Items.map((item) => recipientSendSchema.parse(item)), next: LastEvaluatedKey };
    },

    claim: (send: RecipientSend, at: string) =>
      transition(send.campaignId, send.subscriberId, ['pending'], { status: 'sending', claimedAt: at, attempts: send.attempts + 1 }),
    markSent: (send: Pick<RecipientSend, 'campaignId' | 'subscriberId'>, at: string, messageId: string) =>
      transition(send.campaignId, send.subscriberId, ['sending'], { status: 'sent', sentAt: at, messageId, error: null }),
    markFailed: (send: Pick<RecipientSend, 'campaignId' | 'subscriberId'>, error: string) =>
      transition(send.campaignId, send.subscriberId, ['sending'], { status: 'failed', error }),
    markSkipped: (send: Pick<RecipientSend, 'campaignId' | 'subscriberId'>) =>
      transition(send.campaignId, send.subscriberId, ['sending'], { status: 'skipped' }),
    /** Gives an in-doubt claim back to be sent again (no SES send event arrived for it). */
    release: (send: Pick<RecipientSend, 'campaignId' | 'subscriberId'>) =>
      transition(send.campaignId, send.subscriberId, ['sending'], { status: 'pending', claimedAt: null }),
  };
}
export type RecipientSendRepository = ReturnType<typeof createRecipientSendRepository>;
