import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { caseSchema, type GovernanceCase } from '../../content-model';
import { conditionCheckStep, itemIsNew, optimisticUpdate, putStep, queryIndex, updateStep, type Table, type TransactionStep } from '../shared/db/client';
import { caseCounterEntity, caseEntity } from '../shared/db/entities';
import { TransactionConflictError, ValidationError } from '../shared/errors';

/**
 * Cases by year and number (catalogue index), decided ones also in the decision register (a sparse
 * entry in the delivery index), and one counter per year that gives out the numbers.
 */
export function createCaseRepository(table: Table) {
  const caseKey = (id: string) => caseEntity.key({ id });
  const counterKey = (year: number) => caseCounterEntity.key({ year });
  const indexAttributes = (record: GovernanceCase) => ({
    ...caseEntity.index('catalogue', record),
    ...(record.outcome && record.decidedOn
      ? caseEntity.index('decisions', { decidedOn: record.decidedOn, year: record.year, sequence: record.sequence })
      : caseEntity.notIndexed('decisions')),
  });
  const parse = (item: Record<string, unknown>) => caseSchema.parse(item);

  return {
    async get(id: string): Promise<GovernanceCase | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: caseKey(id), ConsistentRead: true }));
      return Item ? parse(Item) : null;
    },

    /** Cases in number order, of one year or of all (some dozens a year). */
    async list(year?: number): Promise<GovernanceCase[]> {
      const { index, partition, sortPrefix } = caseEntity.indexQuery('catalogue', {});
      return queryIndex(table, index, { partition, sort: year ? { op: 'begins_with', value: sortPrefix({ year }) } : undefined }, parse);
    },

    /** The decision register: cases with a recorded outcome, the latest decision first. */
    async decided(): Promise<GovernanceCase[]> {
      const { index, partition } = caseEntity.indexQuery('decisions', {});
      return queryIndex(table, index, { partition, newestFirst: true }, parse);
    },

    /** The last number given in `year` (0 before the first case of the year). */
    async lastNumber(year: number): Promise<number> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: counterKey(year), ConsistentRead: true }));
      return typeof Item?.lastNumber === 'number' ? Item.lastNumber : 0;
    },

    /**
     * Takes number `record.sequence` of its year: the counter moves from the number before it only
     * if nobody took that one meanwhile, in the transaction that stores the case. Two creations
     * that read the same counter cannot both commit; the loser reads again (TransactionConflictError).
     */
    insertNumbered(record: GovernanceCase): TransactionStep[] {
      const previous = record.sequence - 1;
      return [
        updateStep(
          table,
          counterKey(record.year),
          { entity: caseCounterEntity.name, lastNumber: record.sequence },
          [previous === 0 ? { attribute: 'lastNumber', exists: false } : { attribute: 'lastNumber', is: '=', value: previous }],
          () => new TransactionConflictError('Saksnummeret ble tatt av en annen sak samtidig'),
        ),
        putStep(
          table,
          { ...caseKey(record.id), entity: caseEntity.name, ...indexAttributes(record), ...record },
          [itemIsNew],
          () => new TransactionConflictError(`Saksnummer ${record.number} er allerede gitt`),
        ),
      ];
    },

    update(record: GovernanceCase, expectedRevision: number): TransactionStep {
      return optimisticUpdate(table, { key: caseKey(record.id), attributes: { ...record, ...indexAttributes(record) }, expectedRevision, what: 'Saken' });
    },

    /** Holds while the case is still adopted on that day: a product approval that refers to it commits only then. */
    stillAdopted(record: GovernanceCase): TransactionStep {
      return conditionCheckStep(
        table,
        caseKey(record.id),
        [
          { attribute: 'outcome', is: '=', value: 'adopted' },
          { attribute: 'decidedOn', is: '=', value: record.decidedOn },
        ],
        () => ValidationError.field('case', `Sak ${record.number} ble endret samtidig. Prøv igjen.`),
      );
    },
  };
}
export type CaseRepository = ReturnType<typeof createCaseRepository>;
