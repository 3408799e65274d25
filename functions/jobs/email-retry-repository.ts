import { DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { jobNames, type JobName } from '../../content-model';
import { itemExists, queryAll, tryWrite, updateStep, type Table } from '../shared/db/client';
import { emailRetryEntity } from '../shared/db/entities';

/**
 * Emails that failed to send where nothing else would try again (a participant's confirmation sent
 * while answering the request, say), kept for the job that re-sends them. The message is stored
 * as sent, so the retry is the same email; it holds an address and a signed link, so it expires
 * (TTL) after `retentionDays`, long before the event's own retention period.
 */
export const emailRetrySchema = z.object({
  id: z.string(),
  job: jobNames.schema,
  to: z.string(),
  subject: z.string(),
  raw: z.string(),
  /** What the email was about, for the log and the CMS (no personal data). */
  about: z.record(z.string(), z.string()),
  attempts: z.number().int().min(1),
  firstFailedAt: z.string(),
  lastAttemptAt: z.string(),
  lastError: z.string(),
});
export type EmailRetry = z.infer<typeof emailRetrySchema>;

const retentionDays = 14;
const retryKey = (retry: Pick<EmailRetry, 'job' | 'firstFailedAt' | 'id'>) => emailRetryEntity.key(retry);

export function createEmailRetryRepository(table: Table) {
  return {
    async record(retry: Omit<EmailRetry, 'attempts' | 'lastAttemptAt'>): Promise<void> {
      const expiresAt = Math.floor(new Date(retry.firstFailedAt).getTime() / 1000) + retentionDays * 86_400;
      await table.client.send(
        new PutCommand({
          TableName: table.name,
          Item: { ...retryKey(retry), entity: emailRetryEntity.name, expiresAt, ...retry, attempts: 1, lastAttemptAt: retry.firstFailedAt },
        }),
      );
    },

    /** Oldest first; the partition holds only what still waits, so it stays small. */
    pending(job: JobName): Promise<EmailRetry[]> {
      return queryAll(
        (start) =>
          table.client.send(
            new QueryCommand({
              TableName: table.name,
              KeyConditionExpression: 'pk = :pk',
              ExpressionAttributeValues: { ':pk': emailRetryEntity.partition({ job }) },
              ConsistentRead: true,
              ExclusiveStartKey: start,
            }),
          ),
        (item) => emailRetrySchema.parse(item),
      );
    },

    /** True if this run may send it now: overlapping runs must not both re-send one email. */
    claim(retry: EmailRetry, now: Date, leaseMs: number): Promise<boolean> {
      return tryWrite(
        table,
        updateStep(table, retryKey(retry), { leaseUntil: now.getTime() + leaseMs }, [
          itemExists,
          {
            anyOf: [
              { attribute: 'leaseUntil', exists: false },
              { attribute: 'leaseUntil', is: '<', value: now.getTime() },
            ],
          },
        ]),
      );
    },

    async sent(retry: EmailRetry): Promise<void> {
      await table.client.send(new DeleteCommand({ TableName: table.name, Key: retryKey(retry) }));
    },

    async failedAgain(retry: EmailRetry, at: string, error: string): Promise<void> {
      await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: retryKey(retry),
          UpdateExpression: 'SET attempts = attempts + :one, lastAttemptAt = :at, lastError = :error REMOVE leaseUntil',
          ExpressionAttributeValues: { ':one': 1, ':at': at, ':error': error },
        }),
      );
    },
  };
}
export type EmailRetryRepository = ReturnType<typeof createEmailRetryRepository>;
