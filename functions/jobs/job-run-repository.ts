import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { jobRunSchema, type JobName, type JobRun } from '../../content-model';
import type { Table } from '../shared/db/client';
import { jobRunEntity } from '../shared/db/entities';

/** The record of every scheduled or manual job run: start, end, counts and errors. */
export function createJobRunRepository(table: Table) {
  return {
    async save(run: JobRun): Promise<void> {
      // Kept 30 days (TTL): the dispatcher alone records a run a minute.
      const expiresAt = Math.floor(new Date(run.startedAt).getTime() / 1000) + 30 * 86_400;
      await table.client.send(new PutCommand({ TableName: table.name, Item: { ...jobRunEntity.key(run), entity: jobRunEntity.name, expiresAt, ...run } }));
    },

    async latest(job: JobName, limit: number): Promise<JobRun[]> {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': jobRunEntity.partition({ job }), ':prefix': jobRunEntity.sortPrefix() },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return Items.map((item) => jobRunSchema.parse(item));
    },
  };
}
export type JobRunRepository = ReturnType<typeof createJobRunRepository>;
