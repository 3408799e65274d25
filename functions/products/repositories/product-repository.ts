import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { productSchema, type Product } from '../../../content-model';
import { queryIndex, updateExpression, type Table, type TransactionStep } from '../../shared/db/client';
import { indexes } from '../../shared/db/table-definition';
import { ConflictError } from '../../shared/errors';

export const productKey = (id: string) => ({ pk: `PRODUCT#${id}`, sk: 'PRODUCT' });
const slugKey = (slug: string) => ({ pk: `SLUG#${slug}`, sk: 'SLUG' });
const CATALOGUE = 'CATALOGUE';
const DUE = 'DUE';

/** Index attributes derived from the product; only published products are in the due index. */
function indexAttributes(product: Product) {
  const due = product.status !== 'retired' && product.publishedVersion !== null ? product.nextEvaluationDue : null;
  return {
    gsi1pk: CATALOGUE,
    gsi1sk: `PRODUCT#${product.id}`,
    gsi3pk: due ? DUE : undefined,
    gsi3sk: due ? `${due}#${product.id}` : undefined,
  };
}

const staleRevision = () => new ConflictError('Produktet er endret av noen andre siden du åpnet det. Last inn på nytt.');

export function createProductRepository(table: Table) {
  return {
    async get(id: string): Promise<Product | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: productKey(id), ConsistentRead: true }));
      return Item ? productSchema.parse(Item) : null;
    },

    async findIdBySlug(slug: string): Promise<string | null> {
      const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: slugKey(slug) }));
      return typeof Item?.productId === 'string' ? Item.productId : null;
    },

    /** The whole catalogue (hundreds of products at most) from its own index partition. */
    async listAll(): Promise<Product[]> {
      return queryIndex(table, indexes.catalogue, { partition: CATALOGUE }, (item) => productSchema.parse(item));
    },

    /**
     * Published products whose evaluation is due on or before `date` (overdue ones included), from
     * the due-date index: the cost follows the number due, not the size of the catalogue.
     */
    async listDueBy(date: string): Promise<Product[]> {
      return queryIndex(table, indexes.evaluationDue, { partition: DUE, sort: { op: '<=', value: `${date}#\uffff` } }, (item) => productSchema.parse(item));
    },

    insert(product: Product): TransactionStep {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: { ...productKey(product.id), entity: 'product', ...indexAttributes(product), ...product },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new ConflictError('Produktet finnes allerede'),
      };
    },

    /**
     * Writes the product's fields if nobody changed it since `expectedRevision`. The download
     * counter is never written here, so concurrent downloads are not lost.
     */
    update(product: Product, expectedRevision: number): TransactionStep {
      const { downloadsTotal: _counter, ...fields } = product;
      const attributes = { ...fields, ...indexAttributes(product) };
      const expression = updateExpression(attributes);
      return {
        item: {
          Update: {
            TableName: table.name,
            Key: productKey(product.id),
            ...expression,
            ConditionExpression: 'attribute_exists(pk) AND #expectedRevision = :expectedRevision',
            ExpressionAttributeNames: { ...expression.ExpressionAttributeNames, '#expectedRevision': 'revision' },
            ExpressionAttributeValues: { ...expression.ExpressionAttributeValues, ':expectedRevision': expectedRevision },
          },
        },
        onConditionFailed: staleRevision,
      };
    },

    claimSlug(slug: string, productId: string): TransactionStep {
      return {
        item: {
          Put: {
            TableName: table.name,
            Item: { ...slugKey(slug), entity: 'slug', productId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        onConditionFailed: () => new ConflictError(`Adressen «${slug}» er allerede i bruk`, [{ path: 'slug', message: 'Adressen er allerede i bruk' }]),
      };
    },

    releaseSlug(slug: string, productId: string): TransactionStep {
      return {
        item: {
          Delete: {
            TableName: table.name,
            Key: slugKey(slug),
            ConditionExpression: 'productId = :productId',
            ExpressionAttributeValues: { ':productId': productId },
          },
        },
      };
    },
  };
}
export type ProductRepository = ReturnType<typeof createProductRepository>;
