import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { publishedProductSchema, type ProductType, type PublishedProduct } from '../../../content-model';
import { queryIndex, type Table, type TransactionStep } from '../../shared/db/client';
import { indexes } from '../../shared/db/table-definition';

const publishedKey = (productId: string) => ({ pk: `PRODUCT#${productId}`, sk: 'PUBLISHED' });

/** Sort key within the delivery partition: type first, so a type filter is a key condition. */
function deliverySortKey(product: PublishedProduct): string {
  return `${product.type}#${product.title.toLocaleLowerCase('nb')}#${product.slug}`;
}

/** The delivery projection: one small item per published product, in DELIVERY or ARCHIVE. */
export function createPublishedRepository(table: Table) {
  return {
    async get(productId: string): Promise<PublishedProduct | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: publishedKey(productId) }));
      return Item ? publishedProductSchema.parse(Item) : null;
    },

    async list(options: { archive: boolean; type?: ProductType | undefined }): Promise<PublishedProduct[]> {
      return queryIndex(
        table,
        indexes.delivery,
        { partition: options.archive ? 'ARCHIVE' : 'DELIVERY', sort: options.type ? { op: 'begins_with', value: `${options.type}#` } : undefined },
        (item) => publishedProductSchema.parse(item),
      );
    },

    put(product: PublishedProduct): TransactionStep {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: {
              ...publishedKey(product.productId),
              entity: 'published',
              gsi2pk: product.retiredAt ? 'ARCHIVE' : 'DELIVERY',
              gsi2sk: deliverySortKey(product),
              ...product,
            },
          },
        },
      };
    },
  };
}
export type PublishedRepository = ReturnType<typeof createPublishedRepository>;
