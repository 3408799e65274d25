/**
 * The single table's keys and indexes, shared by the CDK stack, the local system and the tests so
 * that every environment has exactly the same access patterns. Pure data.
 */
export const tableKeys = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const indexes = {
  /** Every item of a kind in one sorted partition: product heads (the document overview), consultations by deadline. */
  catalogue: { name: 'catalogue', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /** Published (DELIVERY) and retired (ARCHIVE) products, sorted by type then title. */
  delivery: { name: 'delivery', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /** Published products by next evaluation date: the review check reads only what is due. */
  evaluationDue: { name: 'evaluationDue', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
} as const;

export type IndexName = (typeof indexes)[keyof typeof indexes]['name'];
