import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { optimisticUpdate, transact, updateStep, write, type Table } from '../../functions/shared/db/client';
import { productEntity } from '../../functions/shared/db/entities';
import { ConflictError, StaleRevisionError } from '../../functions/shared/errors';
import { freshTable } from '../support/local-stack';

let table: Table;
beforeAll(async () => {
  table = await freshTable();
});

async function stored(id: string) {
  const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: productEntity.key({ id }), ConsistentRead: true }));
  return Item;
}

async function seed(id: string, revision: number) {
  await table.client.send(
    new PutCommand({ TableName: table.name, Item: { ...productEntity.key({ id }), entity: productEntity.name, title: 'Før', note: 'blir fjernet', revision } }),
  );
  return stored(id);
}

const edit = (id: string, expectedRevision: number) =>
  optimisticUpdate(table, { key: productEntity.key({ id }), attributes: { title: 'Etter', note: undefined }, expectedRevision, what: 'Produktet' });

describe('optimisticUpdate against DynamoDB Local', () => {
  it('refuses a stale revision with the one conflict message and writes nothing, alone or in a transaction', async () => {
    const before = await seed('stale', 3);
    for (const run of [() => write(table, edit('stale', 2)), () => transact(table, [edit('stale', 2)])]) {
      const error = await run().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(StaleRevisionError);
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as Error).message).toBe('Produktet er endret av noen andre. Last inn på nytt.');
      expect(await stored('stale')).toEqual(before);
    }
  });

  it('saves on the right revision and moves it on by one; undefined attributes are removed', async () => {
    await seed('fresh', 3);
    await write(table, edit('fresh', 3));
    expect(await stored('fresh')).toEqual({ ...productEntity.key({ id: 'fresh' }), entity: 'product', title: 'Etter', revision: 4 });
    // The same edit again is now stale: the first save moved the revision.
    await expect(write(table, edit('fresh', 3))).rejects.toBeInstanceOf(StaleRevisionError);
    await expect(transact(table, [edit('fresh', 4)])).resolves.toBeUndefined();
    expect((await stored('fresh'))?.revision).toBe(5);
  });

  it('never creates a missing item, and honours further conditions', async () => {
    await expect(write(table, edit('missing', 0))).rejects.toBeInstanceOf(StaleRevisionError);
    expect(await stored('missing')).toBeUndefined();

    const before = await seed('closed', 1);
    const closeAgain = optimisticUpdate(table, {
      key: productEntity.key({ id: 'closed' }),
      attributes: { title: 'Etter' },
      expectedRevision: 1,
      what: 'Produktet',
      conditions: [{ attribute: 'title', is: '=', value: 'Noe annet' }],
    });
    await expect(write(table, closeAgain)).rejects.toBeInstanceOf(StaleRevisionError);
    expect(await stored('closed')).toEqual(before);
  });

  it('counts a missing counter as 0 in counter conditions', async () => {
    await seed('counters', 1);
    const key = productEntity.key({ id: 'counters' });
    const refused = () => new ConflictError('Tellerne flyttet seg');
    await expect(write(table, updateStep(table, key, { marked: 'nei' }, [{ counter: 'seats', is: '>', value: 0 }], refused))).rejects.toThrow(
      'Tellerne flyttet seg',
    );
    await write(
      table,
      updateStep(table, key, { marked: 'ja' }, [
        { counter: 'seats', is: '<', value: 1 },
        { counter: 'seats', is: '=', value: 0 },
      ]),
    );
    expect((await stored('counters'))?.marked).toBe('ja');
  });
});
