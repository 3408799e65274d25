import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { deleteStep, itemIsNew, putStep, tryWrite, write, type Table } from '../shared/db/client';
import { reminderEntity } from '../shared/db/entities';

/** Which reminder a product's owner got: a threshold (days before due, or "overdue") for one due date. */
export type ReminderThreshold = 60 | 30 | 7 | 'overdue';

const reminderKey = (productId: string, dueDate: string, threshold: ReminderThreshold) => reminderEntity.key({ productId, dueDate, threshold });

/**
 * One item per reminder sent. Claiming it is a conditional put, so a second run of the review check
 * on the same day (or two overlapping runs) never sends the same reminder twice.
 */
export function createReminderRepository(table: Table) {
  return {
    /** True if this run may send the reminder; false if some run already did. */
    tryClaim(productId: string, dueDate: string, threshold: ReminderThreshold, at: string): Promise<boolean> {
      const item = { ...reminderKey(productId, dueDate, threshold), entity: reminderEntity.name, productId, dueDate, threshold: String(threshold), sentAt: at };
      return tryWrite(table, putStep(table, item, [itemIsNew]));
    },

    /** True if some run has sent this reminder (a dry run asks without claiming). */
    async wasSent(productId: string, dueDate: string, threshold: ReminderThreshold): Promise<boolean> {
      const { Item } = await table.client.send(
        new GetCommand({ TableName: table.name, Key: reminderKey(productId, dueDate, threshold), ConsistentRead: true }),
      );
      return Item !== undefined;
    },

    /** Gives a claim back when the email could not be sent, so the next run tries again. */
    release(productId: string, dueDate: string, threshold: ReminderThreshold): Promise<void> {
      return write(table, deleteStep(table, reminderKey(productId, dueDate, threshold)));
    },
  };
}
export type ReminderRepository = ReturnType<typeof createReminderRepository>;
