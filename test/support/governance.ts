import { caseCreateSchema, type GovernanceCase } from '../../content-model';
import { createCase } from '../../functions/governance/cases';
import type { Platform } from '../../functions/shared/platform';

const editor = { username: 'redaktor@normen.local', groups: ['editor' as const] };

/**
 * An adopted case in the decision register that names the products, decided on `decidedOn`: what
 * a product's approval refers to. Numbered in the year of the clock, like every case.
 */
export function adoptedCase(
  deps: Pick<Platform, 'store' | 'clock'>,
  productIds: string[],
  decidedOn: string,
  title = 'Godkjenning av produkt',
): Promise<GovernanceCase> {
  return createCase(
    deps,
    editor,
    caseCreateSchema.parse({ type: 'decision', title, proposal: 'Produktet godkjennes.', productIds, outcome: 'adopted', decidedOn }),
  );
}

/** The same through the API, as a signed-in editor would (`call` answers status and JSON). */
export async function adoptedCaseThroughApi(
  call: (method: string, path: string, body?: unknown) => Promise<{ status: number; json: Record<string, unknown> }>,
  productIds: string[],
  decidedOn: string,
): Promise<{ id: string; number: string }> {
  const response = await call('POST', '/admin/cases', {
    type: 'decision',
    title: 'Godkjenning av produkt',
    proposal: 'Produktet godkjennes.',
    productIds,
    outcome: 'adopted',
    decidedOn,
  });
  if (response.status !== 201) throw new Error(`POST /admin/cases: HTTP ${response.status} ${JSON.stringify(response.json)}`);
  return { id: String(response.json.id), number: String(response.json.number) };
}
