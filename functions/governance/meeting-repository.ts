import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { storedMeetingSchema, type StoredMeeting } from '../../content-model';
import { itemIsNew, optimisticUpdate, putStep, queryIndex, type Table, type TransactionStep } from '../shared/db/client';
import { meetingEntity } from '../shared/db/entities';
import { ConflictError } from '../shared/errors';

/** Meetings, listed by start from the catalogue index. */
export function createMeetingRepository(table: Table) {
  const meetingKey = (id: string) => meetingEntity.key({ id });
  const indexAttributes = (meeting: StoredMeeting) => meetingEntity.index('catalogue', meeting);
  return {
    async get(id: string): Promise<StoredMeeting | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: meetingKey(id), ConsistentRead: true }));
      return Item ? storedMeetingSchema.parse(Item) : null;
    },

    /** Every meeting (a few a year), earliest first. */
    async list(): Promise<StoredMeeting[]> {
      const { index, partition } = meetingEntity.indexQuery('catalogue', {});
      return queryIndex(table, index, { partition }, (item) => storedMeetingSchema.parse(item));
    },

    insert(meeting: StoredMeeting): TransactionStep {
      return putStep(
        table,
        { ...meetingKey(meeting.id), entity: meetingEntity.name, ...indexAttributes(meeting), ...meeting },
        [itemIsNew],
        () => new ConflictError('Møtet finnes allerede'),
      );
    },

    update(meeting: StoredMeeting, expectedRevision: number): TransactionStep {
      return optimisticUpdate(table, { key: meetingKey(meeting.id), attributes: { ...meeting, ...indexAttributes(meeting) }, expectedRevision, what: 'Møtet' });
    },
  };
}
export type MeetingRepository = ReturnType<typeof createMeetingRepository>;
