import { createAuditRepository } from '../shared/audit/audit-repository';
import { transact, type Table, type TransactionStep } from '../shared/db/client';
import { createDecisionRepository } from './repositories/decision-repository';
import { createDownloadRepository } from './repositories/download-repository';
import { createEvaluationRepository } from './repositories/evaluation-repository';
import { createProductRepository } from './repositories/product-repository';
import { createPublishedRepository } from './repositories/published-repository';
import { createVersionRepository } from './repositories/version-repository';

/** The repositories the product use cases work with, over one table, plus atomic multi-writes. */
export function createProductStore(table: Table) {
  return {
    products: createProductRepository(table),
    versions: createVersionRepository(table),
    published: createPublishedRepository(table),
    decisions: createDecisionRepository(table),
    evaluations: createEvaluationRepository(table),
    downloads: createDownloadRepository(table),
    audit: createAuditRepository(table),
    transact: (steps: TransactionStep[]) => transact(table, steps),
  };
}
export type ProductStore = ReturnType<typeof createProductStore>;
