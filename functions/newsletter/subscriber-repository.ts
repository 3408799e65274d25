import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { subscriberSchema, type Interest, type Subscriber } from '../../content-model';
import { z } from 'zod';
import { queryIndex, queryPrefix, updateExpression, type Table, type TransactionStep } from '../shared/db/client';
import { indexes } from '../shared/db/table-definition';
import { ConflictError } from '../shared/errors';

const subscriberKey = (id: string) => ({ pk: `SUBSCRIBER#${id}`, sk: 'SUBSCRIBER' });
const emailKey = (email: string) => ({ pk: `SUBSCRIBER_EMAIL#${email}`, sk: 'SUBSCRIBER_EMAIL' });
const SUBSCRIBERS = 'SUBSCRIBERS';
const memberSchema = z.object({ subscriberId: z.string(), email: z.string() });
const catalogueAttributes = (subscriber: Subscriber) => ({ gsi1pk: SUBSCRIBERS, gsi1sk: `${subscriber.email}#${subscriber.id}` });

/** Audience partitions: everyone confirmed, and everyone confirmed for each interest. */
export const audiencePartition = (interest: Interest | 'all') => `AUDIENCE#${interest}`;
const membershipKey = (audience: Interest | 'all', subscriberId: string) => ({ pk: audiencePartition(audience), sk: `SUBSCRIBER#${subscriberId}` });

/**
 * Subscribers, a unique pointer per email, and membership items that list confirmed subscribers
 * per audience, so a campaign reads its recipients from one partition instead of scanning.
 */
export function createSubscriberRepository(table: Table) {
  return {
    /** Every subscriber, by email; with `emailPrefix`, only those whose address starts with it. */
    async list(emailPrefix?: string): Promise<Subscriber[]> {
      return queryIndex(
        table,
        indexes.catalogue,
        { partition: SUBSCRIBERS, sort: emailPrefix ? { op: 'begins_with', value: emailPrefix.toLowerCase() } : undefined },
        (item) => subscriberSchema.parse(item),
      );
    },

    async get(id: string): Promise<Subscriber | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: subscriberKey(id), ConsistentRead: true }));
      return Item ? subscriberSchema.parse(Item) : null;
    },

    async findByEmail(email: string): Promise<Subscriber | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: emailKey(email), ConsistentRead: true }));
      return typeof Item?.subscriberId === 'string' ? this.get(Item.subscriberId) : null;
    },

    insert(subscriber: Subscriber): TransactionStep[] {
      return [
        {
          item: {
            Put: {
              TableName: table.name,
              Item: { ...emailKey(subscriber.email), entity: 'subscriber-email', subscriberId: subscriber.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          // Two sign-ups of one address at the same moment: the second simply finds the first.
          onConditionFailed: () => new ConflictError('E-postadressen er allerede registrert'),
        },
        {
          item: {
            Put: { TableName: table.name, Item: { ...subscriberKey(subscriber.id), entity: 'subscriber', ...catalogueAttributes(subscriber), ...subscriber } },
          },
        },
      ];
    },

    update(subscriber: Subscriber, expectedRevision: number): TransactionStep {
      return conditionalUpdate(table, subscriber, expectedRevision);
    },

    /**
     * The confirmation from a link: succeeds only while the link's nonce is the one on record (and
     * nothing else changed), and `confirmed` no longer carries it, so the same link cannot confirm
     * again after an unsubscribe, and an older link stops working once a newer one is sent.
     */
    consumeConfirmation(confirmed: Subscriber, expectedRevision: number, nonce: string): TransactionStep {
      return conditionalUpdate(table, { ...confirmed, confirmationNonce: undefined }, expectedRevision, nonce);
    },

    /** Deletes the person and their address pointer (GDPR); memberships go in the same transaction. */
    erase(subscriber: Subscriber): TransactionStep[] {
      return [
        { item: { Delete: { TableName: table.name, Key: subscriberKey(subscriber.id) } } },
        { item: { Delete: { TableName: table.name, Key: emailKey(subscriber.email) } } },
        ...this.membershipChanges(subscriber, audiencesOf(subscriber), []),
      ];
    },

    /** Membership writes that take a subscriber from `before` to `after` audiences. */
    membershipChanges(
      subscriber: Pick<Subscriber, 'id' | 'email'>,
      before: readonly (Interest | 'all')[],
      after: readonly (Interest | 'all')[],
    ): TransactionStep[] {
      const removed = before.filter((audience) => !after.includes(audience));
      const added = after.filter((audience) => !before.includes(audience));
      return [
        ...removed.map((audience) => ({ item: { Delete: { TableName: table.name, Key: membershipKey(audience, subscriber.id) } } })),
        ...added.map((audience) => ({
          item: {
            Put: {
              TableName: table.name,
              Item: { ...membershipKey(audience, subscriber.id), entity: 'audience-member', subscriberId: subscriber.id, email: subscriber.email },
            },
          },
        })),
      ];
    },

    /** Confirmed members of one audience, with their addresses: a campaign's recipient list. */
    members(audience: Interest | 'all'): Promise<{ subscriberId: string; email: string }[]> {
      return queryPrefix(table, { pk: audiencePartition(audience), prefix: 'SUBSCRIBER#' }, (item) => memberSchema.parse(item));
    },
  };
}
export type SubscriberRepository = ReturnType<typeof createSubscriberRepository>;

function conditionalUpdate(table: Table, subscriber: Subscriber, expectedRevision: number, nonce?: string): TransactionStep {
  const expression = updateExpression(subscriber);
  return {
    item: {
      Update: {
        TableName: table.name,
        Key: subscriberKey(subscriber.id),
        ...expression,
        ConditionExpression: `attribute_exists(pk) AND #expectedRevision = :expectedRevision${nonce === undefined ? '' : ' AND #nonce = :nonce'}`,
        ExpressionAttributeNames: {
          ...expression.ExpressionAttributeNames,
          '#expectedRevision': 'revision',
          ...(nonce === undefined ? {} : { '#nonce': 'confirmationNonce' }),
        },
        ExpressionAttributeValues: {
          ...expression.ExpressionAttributeValues,
          ':expectedRevision': expectedRevision,
          ...(nonce === undefined ? {} : { ':nonce': nonce }),
        },
      },
    },
    onConditionFailed: () => new ConflictError('Abonnementet ble endret samtidig. Prøv igjen.'),
  };
}

/** The audiences a subscriber belongs to while confirmed: everyone, plus each chosen interest. */
export function audiencesOf(subscriber: Pick<Subscriber, 'status' | 'interests'>): (Interest | 'all')[] {
  return subscriber.status === 'confirmed' ? ['all', ...subscriber.interests] : [];
}
