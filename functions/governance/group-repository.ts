import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { groupSchema, memberSchema, type Group, type Member } from '../../content-model';
import {
  conditionCheckStep,
  deleteStep,
  itemExists,
  itemIsNew,
  optimisticUpdate,
  putStep,
  queryIndex,
  queryPrefix,
  type Table,
  type TransactionStep,
} from '../shared/db/client';
import { groupEntity, memberEntity } from '../shared/db/entities';
import { ConflictError, NotFoundError } from '../shared/errors';

/** Groups from the catalogue index; a group's members in the group's own partition. */
export function createGroupRepository(table: Table) {
  const groupKey = (id: string) => groupEntity.key({ id });
  const memberKey = (groupId: string, id: string) => memberEntity.key({ groupId, id });
  return {
    async get(id: string): Promise<Group | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: groupKey(id), ConsistentRead: true }));
      return Item ? groupSchema.parse(Item) : null;
    },

    /** Every group (a handful): the catalogue's GROUPS partition, in the order they were made. */
    async list(): Promise<Group[]> {
      const { index, partition } = groupEntity.indexQuery('catalogue', {});
      return queryIndex(table, index, { partition }, (item) => groupSchema.parse(item));
    },

    insert(group: Group): TransactionStep {
      return putStep(
        table,
        { ...groupKey(group.id), entity: groupEntity.name, ...groupEntity.index('catalogue', group), ...group },
        [itemIsNew],
        () => new ConflictError('Gruppen finnes allerede'),
      );
    },

    update(group: Group, expectedRevision: number): TransactionStep {
      return optimisticUpdate(table, { key: groupKey(group.id), attributes: { ...group }, expectedRevision, what: 'Gruppen' });
    },

    async members(groupId: string): Promise<Member[]> {
      return queryPrefix(table, { pk: memberEntity.partition({ groupId }), prefix: memberEntity.sortPrefix() }, (item) => memberSchema.parse(item));
    },

    async member(groupId: string, id: string): Promise<Member | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: memberKey(groupId, id), ConsistentRead: true }));
      return Item ? memberSchema.parse(Item) : null;
    },

    /** Holds only while the group exists: a member is added in the same transaction. */
    groupExists(id: string): TransactionStep {
      return conditionCheckStep(table, groupKey(id), [itemExists], () => new NotFoundError('Gruppen finnes ikke'));
    },

    insertMember(member: Member): TransactionStep {
      return putStep(table, { ...memberKey(member.groupId, member.id), entity: memberEntity.name, ...member }, [itemIsNew]);
    },

    updateMember(member: Member, expectedRevision: number): TransactionStep {
      return optimisticUpdate(table, { key: memberKey(member.groupId, member.id), attributes: { ...member }, expectedRevision, what: 'Medlemmet' });
    },

    removeMember(groupId: string, id: string): TransactionStep {
      return deleteStep(table, memberKey(groupId, id), [itemExists]);
    },
  };
}
export type GroupRepository = ReturnType<typeof createGroupRepository>;
