import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { jobRunSchema, type JobName, type JobRun } from '../../content-model';
import type { Table } from '../shared/db/client';

const runKey = (run: Pick<JobRun, 'job' | 'startedAt' | 'runId'>) => ({ pk: `JOB#${run.job}`, sk: `RUN#${run.startedAt}#${run.runId}` });

/** The record of every scheduled or manual job run: start, end, counts and errors. */
export function createJobRunRepository(table: Table) {
  return {
    async save(run: JobRun): Promise<void> {
      // Kept 30 days (TTL): the dispatcher alone records a run a minute.
      const expiresAt = Math.floor(new Date(run.startedAt).getTime() / 1000) + 30 * 86_400;
      await table.client.send(new PutCommand({ TableName: table.name, Item: { ...runKey(run), entity: 'job-run', expiresAt, ...run } }));
    },

    async latest(job: JobName, limit: number): Promise<JobRun[]> {
      const { Items = [] } = await table.client.send(
        new QueryCommand({
          TableName: table.name,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `JOB#${job}`, ':prefix': 'RUN#' },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
      return Items.map((item) => jobRunSchema.parse(item));
    },
  };
}
export type JobRunRepository = ReturnType<typeof createJobRunRepository>;
