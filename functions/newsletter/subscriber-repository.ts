import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { subscriberSchema, type Interest, type Subscriber } from '../../content-model';
import { updateExpression, type Table, type TransactionStep } from '../shared/db/client';
import { ConflictError } from '../shared/errors';

const subscriberKey = (id: string) => ({ pk: `SUBSCRIBER#${id}`, sk: 'SUBSCRIBER' });
const emailKey = (email: string) => ({ pk: `SUBSCRIBER_EMAIL#${email}`, sk: 'SUBSCRIBER_EMAIL' });

/** Audience partitions: everyone confirmed, and everyone confirmed for each interest. */
export const audiencePartition = (interest: Interest | 'all') => `AUDIENCE#${interest}`;
const membershipKey = (audience: Interest | 'all', subscriberId: string) => ({ pk: audiencePartition(audience), sk: `SUBSCRIBER#${subscriberId}` });

/**
 * Subscribers, a unique pointer per email, and membership items that list confirmed subscribers
 * per audience, so a campaign reads its recipients from one partition instead of scanning.
 */
export function createSubscriberRepository(table: Table) {
  return {
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
        { item: { Put: { TableName: table.name, Item: { ...subscriberKey(subscriber.id), entity: 'subscriber', ...subscriber } } } },
      ];
    },

    update(subscriber: Subscriber, expectedRevision: number): TransactionStep {
      const expression = updateExpression(subscriber);
      return {
        item: {
          Update: {
            TableName: table.name,
            Key: subscriberKey(subscriber.id),
            ...expression,
            ConditionExpression: 'attribute_exists(pk) AND #expectedRevision = :expectedRevision',
            ExpressionAttributeNames: { ...expression.ExpressionAttributeNames, '#expectedRevision': 'revision' },
            ExpressionAttributeValues: { ...expression.ExpressionAttributeValues, ':expectedRevision': expectedRevision },
          },
        },
        onConditionFailed: () => new ConflictError('Abonnementet ble endret samtidig. Prøv igjen.'),
      };
    },

    /** Membership writes that take a subscriber from `before` to `after` audiences. */
    membershipChanges(subscriberId: string, before: readonly (Interest | 'all')[], after: readonly (Interest | 'all')[]): TransactionStep[] {
      const removed = before.filter((audience) => !after.includes(audience));
      const added = after.filter((audience) => !before.includes(audience));
      return [
        ...removed.map((audience) => ({ item: { Delete: { TableName: table.name, Key: membershipKey(audience, subscriberId) } } })),
        ...added.map((audience) => ({
          item: { Put: { TableName: table.name, Item: { ...membershipKey(audience, subscriberId), entity: 'audience-member', subscriberId } } },
        })),
      ];
    },
  };
}
export type SubscriberRepository = ReturnType<typeof createSubscriberRepository>;

/** The audiences a subscriber belongs to while confirmed: everyone, plus each chosen interest. */
export function audiencesOf(subscriber: Pick<Subscriber, 'status' | 'interests'>): (Interest | 'all')[] {
  return subscriber.status === 'confirmed' ? ['all', ...subscriber.interests] : [];
}
