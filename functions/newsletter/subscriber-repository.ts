import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { subscriberSchema, type Interest, type Subscriber } from '../../content-model';
import { z } from 'zod';
import {
  deleteStep,
  itemIsNew,
  optimisticUpdate,
  putStep,
  queryIndex,
  queryIndexPage,
  queryPrefix,
  type Page,
  type PageRequest,
  type Table,
  type TransactionStep,
} from '../shared/db/client';
import { audienceMemberEntity, subscriberEmailEntity, subscriberEntity } from '../shared/db/entities';
import { ConflictError } from '../shared/errors';

const subscriberKey = (id: string) => subscriberEntity.key({ id });
const emailKey = (email: string) => subscriberEmailEntity.key({ email });
const memberSchema = z.object({ subscriberId: z.string(), email: z.string() });

/** Audience partitions: everyone confirmed, and everyone confirmed for each interest. */
export const audiencePartition = (audience: Interest | 'all') => audienceMemberEntity.partition({ audience });
const membershipKey = (audience: Interest | 'all', subscriberId: string) => audienceMemberEntity.key({ audience, subscriberId });

/**
 * Subscribers, a unique pointer per email, and membership items that list confirmed subscribers
 * per audience, so a campaign reads its recipients from one partition instead of scanning.
 */
export function createSubscriberRepository(table: Table) {
  return {
    /** Every subscriber, by email; with `emailPrefix`, only those whose address starts with it. */
    async list(emailPrefix?: string): Promise<Subscriber[]> {
      const { index, partition } = subscriberEntity.indexQuery('catalogue', {});
      return queryIndex(table, index, { partition, sort: emailPrefix ? { op: 'begins_with', value: emailPrefix.toLowerCase() } : undefined }, (item) =>
        subscriberSchema.parse(item),
      );
    },

    /** One page of `list`, filled with subscribers that `matches` accepts. */
    page(emailPrefix: string | undefined, page: PageRequest, matches: (subscriber: Subscriber) => boolean): Promise<Page<Subscriber>> {
      const { index, partition } = subscriberEntity.indexQuery('catalogue', {});
      return queryIndexPage(
        table,
        index,
        { partition, sort: emailPrefix ? { op: 'begins_with', value: emailPrefix.toLowerCase() } : undefined },
        page,
        (item) => subscriberSchema.parse(item),
        matches,
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
        putStep(
          table,
          { ...emailKey(subscriber.email), entity: subscriberEmailEntity.name, subscriberId: subscriber.id },
          [itemIsNew],
          // Two sign-ups of one address at the same moment: the second simply finds the first.
          () => new ConflictError('E-postadressen er allerede registrert'),
        ),
        putStep(table, { ...subscriberKey(subscriber.id), entity: subscriberEntity.name, ...subscriberEntity.index('catalogue', subscriber), ...subscriber }),
      ];
    },

    update(subscriber: Subscriber, expectedRevision: number): TransactionStep {
      return optimisticUpdate(table, { key: subscriberKey(subscriber.id), attributes: subscriber, expectedRevision, what: 'Abonnementet' });
    },

    /**
     * The confirmation from a link: succeeds only while the link's nonce is the one on record (and
     * nothing else changed), and `confirmed` no longer carries it, so the same link cannot confirm
     * again after an unsubscribe, and an older link stops working once a newer one is sent.
     */
    consumeConfirmation(confirmed: Subscriber, expectedRevision: number, nonce: string): TransactionStep {
      return optimisticUpdate(table, {
        key: subscriberKey(confirmed.id),
        attributes: { ...confirmed, confirmationNonce: undefined },
        expectedRevision,
        what: 'Abonnementet',
        conditions: [{ attribute: 'confirmationNonce', is: '=', value: nonce }],
      });
    },

    /** Deletes the person and their address pointer (GDPR); memberships go in the same transaction. */
    erase(subscriber: Subscriber): TransactionStep[] {
      return [
        deleteStep(table, subscriberKey(subscriber.id)),
        deleteStep(table, emailKey(subscriber.email)),
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
        ...removed.map((audience) => deleteStep(table, membershipKey(audience, subscriber.id))),
        ...added.map((audience) =>
          putStep(table, {
            ...membershipKey(audience, subscriber.id),
            entity: audienceMemberEntity.name,
            subscriberId: subscriber.id,
            email: subscriber.email,
          }),
        ),
      ];
    },

    /** Confirmed members of one audience, with their addresses: a campaign's recipient list. */
    members(audience: Interest | 'all'): Promise<{ subscriberId: string; email: string }[]> {
      return queryPrefix(table, { pk: audiencePartition(audience), prefix: audienceMemberEntity.sortPrefix() }, (item) => memberSchema.parse(item));
    },
  };
}
export type SubscriberRepository = ReturnType<typeof createSubscriberRepository>;

/** The audiences a subscriber belongs to while confirmed: everyone, plus each chosen interest. */
export function audiencesOf(subscriber: Pick<Subscriber, 'status' | 'interests'>): (Interest | 'all')[] {
  return subscriber.status === 'confirmed' ? ['all', ...subscriber.interests] : [];
}
