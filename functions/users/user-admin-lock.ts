import { randomUUID } from 'node:crypto';
import { deleteStep, type Table, tryWrite, updateStep } from '../shared/db/client';
import { userAdminLockEntity } from '../shared/db/entities';
import { ConflictError } from '../shared/errors';

/**
 * Cognito has no transactions, so "is there another admin?" and "remove this one" cannot be one
 * atomic step. Changes that may take away an admin run while holding this lease (a conditional
 * write in the table), so two admins demoting each other at once cannot leave the pool without
 * one. A lease, not a lock: one left by a crashed function runs out. Real time, not the business
 * clock: it is about how long a process may run.
 */
export function createUserAdminLock(table: Table, leaseMs = 15_000) {
  const lockKey = userAdminLockEntity.key({});
  return {
    async withLock<T>(work: () => Promise<T>): Promise<T> {
      const owner = randomUUID();
      const now = Date.now();
      const taken = await tryWrite(
        table,
        updateStep(table, lockKey, { entity: userAdminLockEntity.name, owner, until: now + leaseMs }, [
          {
            anyOf: [
              { attribute: 'owner', exists: false },
              { attribute: 'until', is: '<', value: now },
            ],
          },
        ]),
      );
      if (!taken) throw new ConflictError('En annen endring av brukere pågår. Prøv igjen om litt.');
      try {
        return await work();
      } finally {
        await tryWrite(table, deleteStep(table, lockKey, [{ attribute: 'owner', is: '=', value: owner }]));
      }
    },
  };
}
export type UserAdminLock = ReturnType<typeof createUserAdminLock>;
