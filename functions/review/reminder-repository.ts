import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../shared/db/client';

/** Which reminder a product's owner got: a threshold (days before due, or "overdue") for one due date. */
export type ReminderThreshold = 60 | 30 | 7 | 'overdue';

const reminderKey = (productId: string, dueDate: string, threshold: ReminderThreshold) => ({
  pk: `PRODUCT#${productId}`,
  sk: `REMINDER#${dueDate}#${threshold}`,
});

/**
 * One item per reminder sent. Claiming it is a conditional put, so a second run of the review check
 * on the same day (or two overlapping runs) never sends the same reminder twice.
 */
export function createReminderRepository(table: Table) {
  return {
    /** True if this run may send the reminder; false if some run already did. */
    async tryClaim(productId: string, dueDate: string, threshold: ReminderThreshold, at: string): Promise<boolean> {
      try {
        await table.client.send(
          new PutCommand({
            TableName: table.name,
            Item: { ...reminderKey(productId, dueDate, threshold), entity: 'reminder', productId, dueDate, threshold: String(threshold), sentAt: at },
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
    async release(productId: string, dueDate: string, threshold: ReminderThreshold): Promise<void> {
      await table.client.send(new DeleteCommand({ TableName: table.name, Key: reminderKey(productId, dueDate, threshold) }));
    },
  };
}
export type ReminderRepository = ReturnType<typeof createReminderRepository>;
