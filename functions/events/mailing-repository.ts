import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { eventMailingSchema, type EventMailing } from '../../content-model';
import {
  addStep,
  deleteStep,
  itemExists,
  itemIsNew,
  putStep,
  queryPartition,
  queryPrefix,
  tryWrite,
  updateStep,
  write,
  type Table,
  type TransactionStep,
} from '../shared/db/client';
import { eventMailingEntity, mailedEntity, pendingMailingEntity } from '../shared/db/entities';

/**
 * Emails to an event's participants. A mailing is stored with the event and, while it is being
 * sent, pointed to from the PENDING partition the notification job reads. Each recipient is
 * claimed with a conditional put before sending, so a re-run never emails a person twice.
 */
const pendingSchema = z.object({ eventId: z.string(), mailingId: z.string() });

export function createMailingRepository(table: Table) {
  return {
    list(eventId: string): Promise<EventMailing[]> {
      return queryPrefix(table, { pk: eventMailingEntity.partition({ eventId }), prefix: eventMailingEntity.sortPrefix(), newestFirst: true }, (item) =>
        eventMailingSchema.parse(item),
      );
    },

    /** A new mailing, queued for the notification job; an existing id (a reminder already queued) fails. */
    insert(mailing: EventMailing): TransactionStep[] {
      return [
        putStep(table, { ...eventMailingEntity.key(mailing), entity: eventMailingEntity.name, ...mailing }, [itemIsNew]),
        putStep(table, {
          ...pendingMailingEntity.key({ eventId: mailing.eventId, mailingId: mailing.id }),
          entity: pendingMailingEntity.name,
          eventId: mailing.eventId,
          mailingId: mailing.id,
        }),
      ];
    },

    async get(eventId: string, id: string): Promise<EventMailing | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: eventMailingEntity.key({ eventId, id }), ConsistentRead: true }));
      return Item ? eventMailingSchema.parse(Item) : null;
    },

    pending(): Promise<{ eventId: string; mailingId: string }[]> {
      return queryPartition(table, { pk: pendingMailingEntity.partition({}), consistentRead: true }, (item) => pendingSchema.parse(item));
    },

    /** True if this run may email the person; false if some run already did. */
    claimRecipient(eventId: string, mailingId: string, registrationId: string, at: string): Promise<boolean> {
      return tryWrite(
        table,
        putStep(table, { ...mailedEntity.key({ eventId, mailingId, registrationId }), entity: mailedEntity.name, sentAt: at }, [itemIsNew]),
      );
    },

    /** True if some run has emailed this person this mailing (a dry run asks without claiming). */
    async wasMailed(eventId: string, mailingId: string, registrationId: string): Promise<boolean> {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: mailedEntity.key({ eventId, mailingId, registrationId }), ConsistentRead: true }),
      );
      return Item !== undefined;
    },

    /** Gives a claim back when the email could not be sent, so the next run tries again. */
    releaseRecipient(eventId: string, mailingId: string, registrationId: string): Promise<void> {
      return write(table, deleteStep(table, mailedEntity.key({ eventId, mailingId, registrationId })));
    },

    async countSent(eventId: string, mailingId: string, sent: number): Promise<void> {
      if (sent === 0) return;
      await write(table, addStep(table, eventMailingEntity.key({ eventId, id: mailingId }), { add: { sent }, conditions: [itemExists] }));
    },

    /** Every recipient has been emailed: the mailing is done and leaves the job's queue. */
    async finish(eventId: string, mailingId: string, at: string): Promise<void> {
      await write(table, updateStep(table, eventMailingEntity.key({ eventId, id: mailingId }), { status: 'sent', finishedAt: at }, [itemExists]));
      await write(table, deleteStep(table, pendingMailingEntity.key({ eventId, mailingId })));
    },
  };
}
export type MailingRepository = ReturnType<typeof createMailingRepository>;
