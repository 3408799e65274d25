import {
  applyEdits,
  caseId,
  caseIdOfReference,
  caseNumber,
  caseOutcomes,
  caseRuleIssues,
  osloDate,
  type CaseCreate,
  type CaseQuery,
  type CaseUpdate,
  type GovernanceCase,
  type RuleIssue,
} from '../../content-model';
import type { Actor } from '../shared/actor';
import { changedFields } from '../shared/audit/changes';
import { NotFoundError, StaleRevisionError, TransactionConflictError, ValidationError } from '../shared/errors';
import type { Platform } from '../shared/platform';
import type { Store } from '../store';
import { assertNoIssues, productIssues } from './references';

type Deps = Pick<Platform, 'store' | 'clock'>;

const caseFields = ['type', 'title', 'background', 'proposal', 'productIds', 'meetingId', 'outcome', 'decisionText', 'decidedOn'] as const;
type CaseFields = Pick<GovernanceCase, (typeof caseFields)[number]>;

/** The Oslo year a case created at `now` is numbered in: numbering starts again at 01 each 1 January. */
const numberingYear = (now: Date) => Number(osloDate(now).slice(0, 4));

/** Creations of one year contend for its counter; each try reads it afresh after a jittered wait. */
const MAX_NUMBERING_ATTEMPTS = 60;
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 4 * 2 ** Math.min(attempt, 6))));

/**
 * What recording an outcome brings with it: the decided-on date (the meeting's day once it has been
 * held, otherwise today) and, for an adopted case without its own wording, the proposal as adopted.
 * Taking the outcome away takes the date with it.
 */
async function settleOutcome(store: Pick<Store, 'meetings'>, fields: CaseFields, today: string, dateCarried: boolean): Promise<CaseFields> {
  if (!fields.outcome) return { ...fields, decidedOn: null };
  let { decidedOn, decisionText } = fields;
  if (!decidedOn && !dateCarried) {
    const meeting = fields.meetingId ? await store.meetings.get(fields.meetingId) : null;
    decidedOn = meeting && meeting.date <= today ? meeting.date : today;
  }
  if (fields.outcome === 'adopted' && !decisionText) decisionText = fields.proposal;
  return { ...fields, decidedOn, decisionText };
}

/** Every rule of a case as it would be stored, and that its products and meeting exist. */
async function caseIssues(store: Pick<Store, 'products' | 'meetings'>, fields: CaseFields, changed: readonly string[] = caseFields): Promise<RuleIssue[]> {
  const issues = caseRuleIssues(fields);
  if (changed.includes('productIds')) issues.push(...(await productIssues(store, fields.productIds)));
  if (changed.includes('meetingId') && fields.meetingId && !(await store.meetings.get(fields.meetingId))) {
    issues.push({ path: 'meetingId', message: 'Møtet finnes ikke' });
  }
  return issues;
}

export async function createCase({ store, clock }: Deps, actor: Actor, input: CaseCreate): Promise<GovernanceCase> {
  const fields = await settleOutcome(store, input, osloDate(clock.now()), input.decidedOn !== null);
  assertNoIssues(await caseIssues(store, fields));
  for (let attempt = 1; ; attempt++) {
    const now = clock.now();
    const at = now.toISOString();
    const year = numberingYear(now);
    const sequence = (await store.cases.lastNumber(year)) + 1;
    const record: GovernanceCase = {
      ...fields,
      id: caseId(year, sequence),
      number: caseNumber(year, sequence),
      year,
      sequence,
      revision: 1,
      createdAt: at,
      createdBy: actor.username,
      lastChangedAt: at,
      lastChangedBy: actor.username,
    };
    try {
      await store.transact([
        ...store.cases.insertNumbered(record),
        store.audit.insert({
          entityType: 'case',
          entityId: record.id,
          at,
          by: actor.username,
          action: 'created',
          changes: [],
          revision: 1,
          note: `Sak ${record.number}${record.outcome ? `: ${caseOutcomes.labels[record.outcome]}` : ''}`,
        }),
      ]);
      return record;
    } catch (error) {
      if (!(error instanceof TransactionConflictError) || attempt >= MAX_NUMBERING_ATTEMPTS) throw error;
      await pause(attempt);
    }
  }
}

export async function getCase({ store }: Pick<Deps, 'store'>, id: string): Promise<GovernanceCase> {
  const record = await store.cases.get(id);
  if (!record) throw new NotFoundError('Saken finnes ikke');
  return record;
}

export async function listCases({ store }: Pick<Deps, 'store'>, query: CaseQuery): Promise<{ items: GovernanceCase[] }> {
  const cases = await store.cases.list(query.year);
  return {
    items: cases.filter(
      (record) => (!query.meetingId || record.meetingId === query.meetingId) && (!query.productId || record.productIds.includes(query.productId)),
    ),
  };
}

export async function updateCase({ store, clock }: Deps, actor: Actor, id: string, update: CaseUpdate): Promise<GovernanceCase> {
  const current = await getCase({ store }, id);
  if (current.revision !== update.expectedRevision) throw new StaleRevisionError('Saken');
  const { expectedRevision, ...edits } = update;
  const outcomeMoved = edits.outcome !== undefined && edits.outcome !== current.outcome;
  let merged: GovernanceCase = applyEdits(current, edits);
  // A new outcome is decided anew (its own date unless one is carried); an unchanged one keeps its date.
  if (outcomeMoved)
    merged = {
      ...merged,
      ...(await settleOutcome(store, { ...merged, decidedOn: edits.decidedOn ?? null }, osloDate(clock.now()), edits.decidedOn !== undefined)),
    };
  else if (merged.outcome === 'adopted' && !merged.decisionText) merged = { ...merged, decisionText: merged.proposal };
  const changes = changedFields(current, merged, caseFields);
  if (changes.length === 0) return current;
  assertNoIssues(await caseIssues(store, merged, changes));
  const at = clock.now().toISOString();
  const next: GovernanceCase = { ...merged, revision: current.revision + 1, lastChangedAt: at, lastChangedBy: actor.username };
  await store.transact([
    store.cases.update(next, expectedRevision),
    store.audit.insert({
      entityType: 'case',
      entityId: id,
      at,
      by: actor.username,
      action: outcomeMoved ? 'outcome-recorded' : 'updated',
      changes,
      revision: next.revision,
      ...(outcomeMoved ? { note: next.outcome ? `${caseOutcomes.labels[next.outcome]} ${next.decidedOn ?? ''}`.trim() : 'Utfallet er fjernet' } : {}),
    }),
  ]);
  return next;
}

/**
 * The case a product's approval refers to, by number or id: it must be in the register as adopted
 * and name the product. Anything else is a 400 on `case`, in the words the editor reads.
 */
export async function adoptedCaseFor({ store }: Pick<Deps, 'store'>, reference: string, product: { id: string; title: string }): Promise<GovernanceCase> {
  const id = caseIdOfReference(reference);
  if (!id) throw ValidationError.field('case', 'Oppgi saksnummeret på formen 06/25');
  const record = await store.cases.get(id);
  if (!record) throw ValidationError.field('case', `Sak ${reference.trim()} finnes ikke i vedtaksregisteret`);
  if (!record.outcome || !record.decidedOn) throw ValidationError.field('case', `Sak ${record.number} er ikke avgjort ennå`);
  if (record.outcome !== 'adopted') {
    throw ValidationError.field('case', `Sak ${record.number} ble ikke vedtatt (${caseOutcomes.labels[record.outcome].toLowerCase()})`);
  }
  if (!record.productIds.includes(product.id)) {
    throw ValidationError.field('case', `Sak ${record.number} gjelder ikke «${product.title}». Knytt produktet til saken først.`);
  }
  return record;
}
