import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Table } from './db/client';
import { rateWindowEntity } from './db/entities';
import { RateLimitedError } from './errors';

export { RateLimitedError };

export interface RateLimit {
  /** How many requests one client may make per window. */
  limit: number;
  windowSeconds: number;
}

const counterSchema = z.object({ count: z.number().int() });

/**
 * A fixed-window counter per client and purpose in DynamoDB (an atomic ADD; the item expires by
 * TTL), so the limit holds across every concurrent Lambda instance.
 */
export function createRateLimiter(table: Table) {
  return {
    async hit(scope: string, client: string, rule: RateLimit, now: Date): Promise<void> {
      const seconds = now.getTime() / 1000;
      const window = Math.floor(seconds / rule.windowSeconds);
      const { Attributes } = await table.client.send(
        new UpdateCommand({
          TableName: table.name,
          Key: rateWindowEntity.key({ scope, client, window }),
          UpdateExpression: 'ADD #count :one SET expiresAt = :expiresAt',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1, ':expiresAt': (window + 2) * rule.windowSeconds },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      const { count } = counterSchema.parse(Attributes);
      if (count > rule.limit) {
        // Whole seconds until the next window opens, never 0 (Retry-After: 0 invites a retry storm).
        throw new RateLimitedError(Math.max(1, Math.ceil((window + 1) * rule.windowSeconds - seconds)));
      }
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;
