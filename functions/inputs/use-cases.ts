import {
  applyEdits,
  consultationState,
  formatOsloDate,
  GENERAL_INPUT,
  inputStatuses,
  notTakenNeedsReason,
  osloDate,
  stakeholderGroupLabel,
  stakeholderGroups,
  type Consultation,
  type InputSubmission,
  type InputTriage,
  type StakeholderInput,
} from '../../content-model';
import { osloTimeColumn, toCsv } from '../shared/csv';
import { NotFoundError, ValidationError } from '../shared/errors';
import { paragraph, signature, type Email } from '../shared/email/blocks';
import type { Actor } from '../shared/actor';
import { timeOrderedId } from '../shared/ids';
import { logger } from '../shared/logger';
import type { RateLimit } from '../shared/rate-limit';
import type { Store } from '../store';
import type { Platform } from '../shared/platform';

export type InputDependencies = Pick<Platform, 'store' | 'clock' | 'mailer' | 'rateLimiter'>;

/** Public submissions per client address: enough for a person, too few for a script. */
export const inputRateLimit: RateLimit = { limit: 5, windowSeconds: 600 };

export type SubmissionResult = { kind: 'received'; input: StakeholderInput; consultation: Consultation | null } | { kind: 'discarded' };

/** The consultation input is for, if it is open today; a clear field error otherwise. */
async function openConsultation(store: Store, consultationId: string, today: string): Promise<Consultation | null> {
  if (consultationId === GENERAL_INPUT) return null;
  const consultation = await store.consultations.get(consultationId);
  if (!consultation) throw ValidationError.field('consultationId', 'Ukjent høring');
  const closed = closedMessage(consultation, today);
  if (closed) throw ValidationError.field('consultationId', closed);
  if (consultationState(consultation, today) === 'upcoming')
    throw ValidationError.field('consultationId', `Høringen åpner ${formatOsloDate(consultation.opensOn)}`);
  return consultation;
}

/** Why a consultation takes no more input, in the words the public form shows; null while it does. */
export function closedMessage(consultation: Consultation, today: string): string | null {
  if (consultation.closedAt) {
    return `Høringen om «${consultation.productTitle}» ble avsluttet ${formatOsloDate(consultation.closedAt)}. Innspill kan ikke lenger sendes inn.`;
  }
  if (consultationState(consultation, today) === 'closed') {
    return `Høringsfristen for «${consultation.productTitle}» gikk ut ${formatOsloDate(consultation.closesOn)}. Innspill kan ikke lenger sendes inn.`;
  }
  return null;
}

/** The notice the form shows when it is opened for a consultation that takes no more input. */
export async function closedConsultationNotice(
  { store, clock }: Pick<Platform, 'store' | 'clock'>,
  consultationId: string | undefined,
): Promise<string | null> {
  if (!consultationId || consultationId === GENERAL_INPUT) return null;
  const consultation = await store.consultations.get(consultationId);
  return consultation ? closedMessage(consultation, osloDate(clock.now())) : null;
}

/**
 * Stakeholder input on a product in consultation, or a general need. Filled honeypots are accepted
 * silently and thrown away, so a bot learns nothing. The deadline is checked again in the write.
 */
export async function submitInput(
  { store, clock, mailer, rateLimiter }: InputDependencies,
  submission: InputSubmission,
  clientAddress: string,
): Promise<SubmissionResult> {
  const now = clock.now();
  await rateLimiter.hit('inputs', clientAddress, inputRateLimit, now);
  if (submission.website) {
    logger.info('Discarded input caught by the honeypot', { clientAddress });
    return { kind: 'discarded' };
  }
  const today = osloDate(now);
  const consultation = await openConsultation(store, submission.consultationId, today);
  const { website: _honeypot, ...fields } = submission;
  const input: StakeholderInput = {
    ...fields,
    id: timeOrderedId(now),
    submittedAt: now.toISOString(),
    status: 'new',
    reason: null,
    triagedAt: null,
    triagedBy: null,
  };
  await store.transact([store.inputs.insert(input), ...(consultation ? [store.consultations.countInputWhileOpen(consultation.id, today)] : [])]);
  try {
    await mailer.send({ to: input.email, ...receipt(input, consultation) });
  } catch (error) {
    // The input is stored; a lost receipt must not lose it or make the sender submit twice.
    logger.error('Could not send input receipt', { error, inputId: input.id });
  }
  return { kind: 'received', input, consultation };
}

function receipt(input: StakeholderInput, consultation: Consultation | null): Email {
  const about = consultation
    ? `høringen om «${consultation.productTitle}» (frist ${formatOsloDate(consultation.closesOn)})`
    : 'behov for nye eller endrede produkter';
  return {
    subject: 'Kvittering: innspill til Normen',
    blocks: [
      paragraph(`Hei ${input.name},`),
      paragraph(`Takk for innspillet ditt til ${about}. Sekretariatet for Normen behandler alle innspill og tar dem med i arbeidet.`),
      paragraph('Dette sendte du inn:'),
      { kind: 'quote', text: input.text },
      signature,
    ],
  };
}

async function consultationOrGeneral(store: Store, consultationId: string): Promise<void> {
  if (consultationId === GENERAL_INPUT) return;
  if (!(await store.consultations.get(consultationId))) throw new NotFoundError('Høringen finnes ikke');
}

/** Consultations open for input today, for the form's choice list. */
export async function openConsultations({ store, clock }: Pick<Platform, 'store' | 'clock'>): Promise<Consultation[]> {
  const today = osloDate(clock.now());
  return (await store.consultations.list(today)).filter((consultation) => consultationState(consultation, today) === 'open');
}

export async function listInputs({ store }: Pick<Platform, 'store'>, consultationId: string) {
  await consultationOrGeneral(store, consultationId);
  return { items: await store.inputs.list(consultationId) };
}

/** The secretariat's triage: new · considered · taken into the action plan · not taken (with reason). */
export async function triageInput(
  { store, clock }: Pick<Platform, 'store' | 'clock'>,
  actor: Actor,
  consultationId: string,
  inputId: string,
  triage: InputTriage,
): Promise<StakeholderInput> {
  const input = await store.inputs.get(consultationId, inputId);
  if (!input) throw new NotFoundError('Innspillet finnes ikke');
  const triaged = applyEdits(input, { status: triage.status, reason: triage.reason === '' ? null : triage.reason });
  if (triaged.status === 'not-taken' && !triaged.reason) throw ValidationError.field('reason', notTakenNeedsReason);
  const changes = (['status', 'reason'] as const).filter((key) => triaged[key] !== input[key]);
  if (changes.length === 0) return input;
  const at = clock.now().toISOString();
  const next: StakeholderInput = { ...triaged, triagedAt: at, triagedBy: actor.username };
  await store.transact([
    store.inputs.update(next),
    store.audit.insert({
      entityType: 'consultation',
      entityId: consultationId,
      at,
      by: actor.username,
      action: 'input-triaged',
      changes: [...changes],
      revision: 1,
      note: `${input.id}: ${inputStatuses.labels[next.status]}${next.reason ? ` – ${next.reason}` : ''}`,
    }),
  ]);
  return next;
}

export async function inputsCsv(deps: Pick<Platform, 'store'>, consultationId: string): Promise<string> {
  const { items } = await listInputs(deps, consultationId);
  return toCsv(items, [
    osloTimeColumn('Mottatt', (input) => input.submittedAt),
    ['Navn', (input) => input.name],
    ['E-post', (input) => input.email],
    ['Organisasjon', (input) => input.organisation],
    [stakeholderGroupLabel, (input) => stakeholderGroups.labels[input.stakeholderGroup]],
    ['Innspill', (input) => input.text],
    ['Status', (input) => inputStatuses.labels[input.status]],
    ['Begrunnelse', (input) => input.reason ?? ''],
    ['Behandlet av', (input) => input.triagedBy ?? ''],
  ]);
}
