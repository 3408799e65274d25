import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { productVersionSchema, type ProductVersion } from '../../../content-model';
import { queryPrefix, type Table, type TransactionStep } from '../../shared/db/client';
import { ConflictError } from '../../shared/errors';

const versionKey = (productId: string, version: number) => ({
  pk: `PRODUCT#${productId}`,
  sk: `VERSION#${String(version).padStart(4, '0')}`,
});

/** Published versions: written once, never changed. */
export function createVersionRepository(table: Table) {
  return {
    async get(productId: string, version: number): Promise<ProductVersion | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: versionKey(productId, version) }));
      return Item ? productVersionSchema.parse(Item) : null;
    },

    /** Newest first. */
    async list(productId: string): Promise<ProductVersion[]> {
      return queryPrefix(table, { pk: `PRODUCT#${productId}`, prefix: 'VERSION#', newestFirst: true }, (item) => productVersionSchema.parse(item));
    },

    insert(version: ProductVersion): TransactionStep {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: { ...versionKey(version.productId, version.version), entity: 'version', ...version },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new ConflictError(`Versjon ${version.version} er allerede publisert`),
      };
    },
  };
}
export type VersionRepository = ReturnType<typeof createVersionRepository>;
