import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { productVersionSchema, type ProductVersion } from '../../../content-model';
import { itemIsNew, putStep, queryPrefix, type Table, type TransactionStep } from '../../shared/db/client';
import { versionEntity } from '../../shared/db/entities';
import { ConflictError } from '../../shared/errors';

/** Published versions: written once, never changed. */
export function createVersionRepository(table: Table) {
  return {
    async get(productId: string, version: number): Promise<ProductVersion | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: versionEntity.key({ productId, version }) }));
      return Item ? productVersionSchema.parse(Item) : null;
    },

    /** Newest first. */
    async list(productId: string): Promise<ProductVersion[]> {
      return queryPrefix(table, { pk: versionEntity.partition({ productId }), prefix: versionEntity.sortPrefix(), newestFirst: true }, (item) =>
        productVersionSchema.parse(item),
      );
    },

    insert(version: ProductVersion): TransactionStep {
      return putStep(
        table,
        { ...versionEntity.key(version), entity: versionEntity.name, ...version },
        [itemIsNew],
        () => new ConflictError(`Versjon ${version.version} er allerede publisert`),
      );
    },
  };
}
export type VersionRepository = ReturnType<typeof createVersionRepository>;
