import {
  addDays,
  addMonths,
  consultationState,
  DASHBOARD_HORIZON_DAYS,
  GENERAL_INPUT,
  governanceLevelSchema,
  osloDate,
  osloWallClockInstant,
  productStatuses,
  type Consultation,
  type Dashboard,
  type Product,
  type ProductStatus,
  type StakeholderInput,
} from '../../content-model';
import { eventCounts } from '../events/seats';
import { listJobHealth } from '../jobs/job-health';
import type { Actor } from '../shared/actor';
import { hasAccess } from '../shared/access';
import type { Platform } from '../shared/platform';

function lastDayOfMonth(date: string): string {
  return addDays(addMonths(`${date.slice(0, 7)}-01`, 1), -1);
}

function attentionReason(product: Product, today: string, monthEnd: string): Dashboard['attention'][number]['why'] | null {
  if (product.status === 'retired' || product.publishedVersion === null) return null;
  if (product.notCurrentReason === 'outdated') return 'outdated';
  if (product.nextEvaluationDue && product.nextEvaluationDue < today) return 'overdue';
  if (product.nextEvaluationDue && product.nextEvaluationDue <= monthEnd) return 'due-this-month';
  if (product.lastEvaluationOutcome === 'revision-needed') return 'revision-needed';
  return null;
}

const urgency: Record<Dashboard['attention'][number]['why'], number> = { overdue: 0, outdated: 1, 'due-this-month': 2, 'revision-needed': 3 };

/** Input still "Ny", one row per consultation (or the general input), the longest waiting first. */
function newInputsByPlace(inputs: StakeholderInput[], consultations: Consultation[]): Dashboard['newInputs'] {
  const titles = new Map(consultations.map((consultation) => [consultation.id, consultation.productTitle]));
  const places = new Map<string, Dashboard['newInputs'][number]>();
  // Oldest first from the index, so a place's first input is its oldest.
  for (const input of inputs) {
    const place = places.get(input.consultationId);
    if (place) place.count += 1;
    else
      places.set(input.consultationId, {
        consultationId: input.consultationId,
        productTitle: input.consultationId === GENERAL_INPUT ? null : (titles.get(input.consultationId) ?? null),
        count: 1,
        oldestSubmittedAt: input.submittedAt,
      });
  }
  return [...places.values()];
}

/** Newsletter drafts and scheduled issues, events in the next days and failed jobs: for editors and admins. */
async function secretariatWork({ store, clock }: Pick<Platform, 'store' | 'clock'>, today: string): Promise<NonNullable<Dashboard['secretariat']>> {
  const fromStartOfToday = osloWallClockInstant(today, 0).toISOString();
  const untilEndOfHorizon = osloWallClockInstant(addDays(today, DASHBOARD_HORIZON_DAYS + 1), 0).toISOString();
  const [campaigns, events, jobs] = await Promise.all([store.campaigns.list(), store.events.list(fromStartOfToday), listJobHealth({ store, clock })]);

  const scheduled = campaigns.filter((campaign) => campaign.status === 'scheduled').sort((a, b) => (a.scheduledAt ?? '').localeCompare(b.scheduledAt ?? ''));
  const drafts = campaigns.filter((campaign) => campaign.status === 'draft').sort((a, b) => b.lastChangedAt.localeCompare(a.lastChangedAt));
  const upcoming = events.filter((event) => event.startsAt < untilEndOfHorizon && event.status !== 'cancelled');

  return {
    campaigns: [...scheduled, ...drafts].map(({ id, subject, status, scheduledAt, lastChangedAt }) => ({ id, subject, status, scheduledAt, lastChangedAt })),
    events: await Promise.all(
      upcoming.map(async (event) => {
        const { id, title, status, startsAt, endsAt } = event;
        return { id, title, status, startsAt, endsAt, counts: eventCounts(event, await store.events.seats(id)) };
      }),
    ),
    failedJobs: jobs.items.flatMap(({ job, health, lastRun, failures }) =>
      health === 'failed' && lastRun
        ? [{ job, failedAt: lastRun.finishedAt ?? lastRun.startedAt, error: lastRun.errors[0] ?? null, recentFailures: failures.failedRuns }]
        : [],
    ),
  };
}

/**
 * The landing page of the CMS: counts by level and status, what needs attention this month, the
 * consultations closing soon and the input waiting for triage; for editors and admins also the
 * newsletter, the coming events and failed jobs. Every list is read from an index or a partition.
 */
export async function dashboard({ store, clock }: Pick<Platform, 'store' | 'clock'>, actor: Actor): Promise<Dashboard> {
  const today = osloDate(clock.now());
  const monthEnd = lastDayOfMonth(today);
  const in60Days = addDays(today, 60);
  const horizon = addDays(today, DASHBOARD_HORIZON_DAYS);
  // Every consultation, not only open ones: input to a closed consultation can still wait for triage.
  const [products, consultations, untriaged, secretariat] = await Promise.all([
    store.products.listAll(),
    store.consultations.list(),
    store.inputs.untriaged(),
    hasAccess('write', actor) ? secretariatWork({ store, clock }, today) : null,
  ]);

  const byLevel = governanceLevelSchema.options.map((literal) => {
    const level = literal.value;
    const ofLevel = products.filter((product) => product.level === level);
    const byStatus = Object.fromEntries(productStatuses.codes.map((status) => [status, 0])) as Record<ProductStatus, number>;
    for (const product of ofLevel) byStatus[product.status] += 1;
    const live = ofLevel.filter((product) => product.status !== 'retired' && product.publishedVersion !== null && product.nextEvaluationDue);
    return {
      level,
      total: ofLevel.length,
      byStatus,
      overdue: live.filter((product) => (product.nextEvaluationDue ?? '') < today).length,
      dueWithin60Days: live.filter((product) => (product.nextEvaluationDue ?? '') >= today && (product.nextEvaluationDue ?? '') <= in60Days).length,
    };
  });

  const attention = products
    .flatMap((product) => {
      const why = attentionReason(product, today, monthEnd);
      if (!why) return [];
      const { id, slug, title, level, status, owner, nextEvaluationDue, notCurrentReason, lastEvaluationOutcome } = product;
      return [{ product: { id, slug, title, level, status, owner, nextEvaluationDue, notCurrentReason, lastEvaluationOutcome }, why }];
    })
    .sort((a, b) => urgency[a.why] - urgency[b.why] || (a.product.nextEvaluationDue ?? '').localeCompare(b.product.nextEvaluationDue ?? ''));

  // The catalogue is sorted by deadline, so these are soonest first.
  const openConsultations = consultations.filter((consultation) => consultationState(consultation, today) === 'open');
  return {
    today,
    byLevel,
    attention,
    openConsultations,
    closingConsultations: openConsultations.filter((consultation) => consultation.closesOn <= horizon),
    newInputs: newInputsByPlace(untriaged, consultations),
    secretariat,
  };
}
