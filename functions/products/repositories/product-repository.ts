import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { productSchema, type Product } from '../../../content-model';
import { itemIsNew, optimisticUpdate, putStep, deleteStep, queryIndex, type Table, type TransactionStep } from '../../shared/db/client';
import { productEntity, slugEntity } from '../../shared/db/entities';
import { ConflictError } from '../../shared/errors';

export const productKey = (id: string) => productEntity.key({ id });

/** Index attributes derived from the product; only published products are in the due index. */
function indexAttributes(product: Product) {
  const due = product.status !== 'retired' && product.publishedVersion !== null ? product.nextEvaluationDue : null;
  return {
    ...productEntity.index('catalogue', product),
    ...(due ? productEntity.index('due', { nextEvaluationDue: due, id: product.id }) : productEntity.notIndexed('due')),
  };
}

export function createProductRepository(table: Table) {
  return {
    async get(id: string): Promise<Product | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: productKey(id), ConsistentRead: true }));
      return Item ? productSchema.parse(Item) : null;
    },

    async findIdBySlug(slug: string): Promise<string | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: slugEntity.key({ slug }) }));
      return typeof Item?.productId === 'string' ? Item.productId : null;
    },

    /** The whole catalogue (hundreds of products at most) from its own index partition. */
    async listAll(): Promise<Product[]> {
      const { index, partition } = productEntity.indexQuery('catalogue', {});
      return queryIndex(table, index, { partition }, (item) => productSchema.parse(item));
    },

    /**
     * Published products whose evaluation is due on or before `date` (overdue ones included), from
     * the due-date index: the cost follows the number due, not the size of the catalogue.
     */
    async listDueBy(date: string): Promise<Product[]> {
      const due = productEntity.indexQuery('due', {});
      return queryIndex(
        table,
        due.index,
        { partition: due.partition, sort: { op: '<=', value: `${due.sortPrefix({ nextEvaluationDue: date })}\uffff` } },
        (item) => productSchema.parse(item),
      );
    },

    insert(product: Product): TransactionStep {
      return putStep(
        table,
        { ...productKey(product.id), entity: productEntity.name, ...indexAttributes(product), ...product },
        [itemIsNew],
        () => new ConflictError('Produktet finnes allerede'),
      );
    },

    /**
     * Writes the product's fields if nobody changed it since `expectedRevision`. The download
     * counter is never written here, so concurrent downloads are not lost.
     */
    update(product: Product, expectedRevision: number): TransactionStep {
      const { downloadsTotal: _counter, ...fields } = product;
      return optimisticUpdate(table, {
        key: productKey(product.id),
        attributes: { ...fields, ...indexAttributes(product) },
        expectedRevision,
        what: 'Produktet',
      });
    },

    claimSlug(slug: string, productId: string): TransactionStep {
      return putStep(
        table,
        { ...slugEntity.key({ slug }), entity: slugEntity.name, productId },
        [itemIsNew],
        () => new ConflictError(`Adressen «${slug}» er allerede i bruk`, [{ path: 'slug', message: 'Adressen er allerede i bruk' }]),
      );
    },

    releaseSlug(slug: string, productId: string): TransactionStep {
      return deleteStep(table, slugEntity.key({ slug }), [{ attribute: 'productId', is: '=', value: productId }]);
    },
  };
}
export type ProductRepository = ReturnType<typeof createProductRepository>;
