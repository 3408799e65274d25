import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { publishedProductSchema, type ProductType, type PublishedProduct } from '../../../content-model';
import { putStep, queryIndex, type Table, type TransactionStep } from '../../shared/db/client';
import { publishedEntity } from '../../shared/db/entities';

const shelfOf = (archive: boolean) => (archive ? 'ARCHIVE' : 'DELIVERY');

/** The public API's projection: one small item per published product, on the DELIVERY or the ARCHIVE shelf. */
export function createPublishedRepository(table: Table) {
  return {
    async get(productId: string): Promise<PublishedProduct | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: publishedEntity.key({ productId }) }));
      return Item ? publishedProductSchema.parse(Item) : null;
    },

    async list(options: { archive: boolean; type?: ProductType | undefined }): Promise<PublishedProduct[]> {
      const shelf = publishedEntity.indexQuery('shelf', { shelf: shelfOf(options.archive) });
      return queryIndex(
        table,
        shelf.index,
        { partition: shelf.partition, sort: options.type ? { op: 'begins_with', value: shelf.sortPrefix({ type: options.type }) } : undefined },
        (item) => publishedProductSchema.parse(item),
      );
    },

    put(product: PublishedProduct): TransactionStep {
      return putStep(table, {
        ...publishedEntity.key(product),
        entity: publishedEntity.name,
        ...publishedEntity.index('shelf', {
          shelf: shelfOf(Boolean(product.retiredAt)),
          type: product.type,
          title: product.title.toLocaleLowerCase('nb'),
          slug: product.slug,
        }),
        ...product,
      });
    },
  };
}
export type PublishedRepository = ReturnType<typeof createPublishedRepository>;
