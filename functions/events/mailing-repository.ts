import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { eventMailingSchema, type EventMailing } from '../../content-model';
import { queryAll, queryPrefix, type Table, type TransactionStep } from '../shared/db/client';

/**
 * Emails to an event's participants. A mailing is stored with the event and, while it is being
 * sent, pointed to from the PENDING partition the notification job reads. Each recipient is
 * claimed with a conditional put before sending, so a re-run never emails a person twice.
 */
const mailingKey = (eventId: string, id: string) => ({ pk: `EVENT#${eventId}`, sk: `MAILING#${id}` });
const pendingKey = (eventId: string, id: string) => ({ pk: 'EVENT_MAILINGS_PENDING', sk: `${eventId}#${id}` });
const sentKey = (eventId: string, mailingId: string, registrationId: string) => ({ pk: `EVENT#${eventId}`, sk: `MAILED#${mailingId}#${registrationId}` });
const pendingSchema = z.object({ eventId: z.string(), mailingId: z.string() });

export function createMailingRepository(table: Table) {
  return {
    list(eventId: string): Promise<EventMailing[]> {
      return queryPrefix(table, { pk: `EVENT#${eventId}`, prefix: 'MAILING#', newestFirst: true }, (item) => eventMailingSchema.parse(item));
    },

    /** A new mailing, queued for the notification job; an existing id (a reminder already queued) fails. */
    insert(mailing: EventMailing): TransactionStep[] {
      return [
        {
          item: {
            Put: {
              TableName: table.name,
              Item: { ...mailingKey(mailing.eventId, mailing.id), entity: 'event-mailing', ...mailing },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        },
        {
          item: {
            Put: {
              TableName: table.name,
              Item: { ...pendingKey(mailing.eventId, mailing.id), entity: 'event-mailing-pending', eventId: mailing.eventId, mailingId: mailing.id },
            },
          },
        },
      ];
    },

    async get(eventId: string, id: string): Promise<EventMailing | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: mailingKey(eventId, id), ConsistentRead: true }));
      return Item ? eventMailingSchema.parse(Item) : null;
    },

    pending(): Promise<{ eventId: string; mailingId: string }[]> {
      return queryAll(
        (start) =>
          table.client.send(
            new QueryCommand({
              TableName: table.name,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': 'EVENT_MAILINGS_PENDING' },
              ConsistentRead: true,
              ExclusiveStartKey: start,
            }),
          ),
        (item) => pendingSchema.parse(item),
      );
    },

    /** True if this run may email the person; false if some run already did. */
    async claimRecipient(eventId: string, mailingId: string, registrationId: string, at: string): Promise<boolean> {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: { ...sentKey(eventId, mailingId, registrationId), entity: 'event-mailing-recipient', sentAt: at },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    /** Gives a claim back when the email could not be sent, so the next run tries again. */
    async releaseRecipient(eventId: string, mailingId: string, registrationId: string): Promise<void> {
      await table.client.send(new DeleteCommand({ TableName: table.name, Key: sentKey(eventId, mailingId, registrationId) }));
    },

    async countSent(eventId: string, mailingId: string, sent: number): Promise<void> {
      if (sent === 0) return;
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: mailingKey(eventId, mailingId),
          UpdateExpression: 'ADD sent :sent',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':sent': sent },
        }),
      );
    },

    /** Every recipient has been emailed: the mailing is done and leaves the job's queue. */
    async finish(eventId: string, mailingId: string, at: string): Promise<void> {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: mailingKey(eventId, mailingId),
          UpdateExpression: 'SET #status = :sent, finishedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sent': 'sent', ':at': at },
        }),
      );
      await table.client.send(new DeleteCommand({ TableName: table.name, Key: pendingKey(eventId, mailingId) }));
    },
  };
}
export type MailingRepository = ReturnType<typeof createMailingRepository>;
