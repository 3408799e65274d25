import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultConsultationDeadline, isConsultedLevel, osloDate, type GovernanceLevel, type Product } from '../content-model';
import { fixedClock } from '../functions/shared/clock';
import { fileStoreFromConfig, type FileStore } from '../functions/shared/files';
import type { Config } from '../functions/shared/config';
import { createRuntime } from '../functions/shared/runtime';
import { createStore, type Store } from '../functions/store';
import { createProduct } from '../functions/products/use-cases/create-product';
import { createUploadTicket } from '../functions/products/use-cases/create-upload-ticket';
import { transitionProduct } from '../functions/products/use-cases/transition-product';
import { updateProduct } from '../functions/products/use-cases/update-product';
import { minimalPdf } from './pdf';
import { seedCampaigns, seedEvents, seedInputs, seedProducts, seedSubscribers, type SeedProduct } from './seed-data';
import { createEvent, updateEvent } from '../functions/events/events-admin';
import { confirmByLink, register } from '../functions/events/registration';
import { addDays, eventInputSchema, osloWallClockInstant, registrationRequestSchema } from '../content-model';
import { jobDependencies } from '../functions/dependencies';
import { createCampaign, scheduleCampaign } from '../functions/newsletter/campaigns';
import { runDispatchSweep } from '../functions/newsletter/dispatch';
import { confirm, confirmToken, subscribe } from '../functions/newsletter/subscriptions';
import { subscriptionRequestSchema } from '../content-model';
import { recordEvaluation } from '../functions/review/record-evaluation';
import { submitInput, type InputDependencies } from '../functions/inputs/use-cases';
import { mailerFromConfig } from '../functions/shared/email/mailer';
import { createRateLimiter } from '../functions/shared/rate-limit';
import { GENERAL_INPUT } from '../content-model';
import { localUsers } from './users';
import { caseCreateSchema, formatOsloDate, groupCreateSchema, meetingCreateSchema, memberCreateSchema } from '../content-model';
import { createCase, getCase, updateCase } from '../functions/governance/cases';
import { addMember, createGroup } from '../functions/governance/groups';
import { createMeeting, updateMeeting } from '../functions/governance/meetings';
import { seedGroups, seedMeetings, upcomingMeeting, type SeedGroup } from './seed-governance';

const DAY = 86_400_000;
const actor = { username: localUsers.editor.username, groups: ['editor' as const] };
const committeeActor = { username: localUsers.committee.username, groups: ['committee' as const] };

function textToHtml(text: string): string {
  const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => (/^\d+(\.\d+)* [A-ZÆØÅ]/.test(block) ? `<h2>${escapeHtml(block)}</h2>` : `<p>${escapeHtml(block)}</p>`))
    .join('\n');
}

/**
 * Seeds the demo catalogue through the same use cases editors use, with the clock set back so
 * publication dates (and so evaluation due dates) spread around today. Runs only on an empty table.
 */
export async function seedDemoData(options: { config: Config; log?: (line: string) => void; now?: Date }): Promise<number> {
  const runtime = createRuntime(options.config);
  const store = createStore(runtime.table);
  const files = fileStoreFromConfig(runtime.config);
  if ((await store.products.listAll()).length > 0) return 0;

  const today = options.now ?? new Date();
  const governance = await seedGovernance(store, today);
  for (const seed of seedProducts) {
    await seedOne(seed, { store, files }, today, governance);
  }
  await seedProductGroups(store, today);
  await seedStakeholderInput({ store, clock: fixedClock(today), mailer: mailerFromConfig(runtime.config), rateLimiter: createRateLimiter(runtime.table) });
  await seedNewsletter(runtime, today);
  await seedEventsAndRegistrations(runtime, today);
  options.log?.(
    `La inn ${seedProducts.length} demoprodukter, ${seedMeetings.length + 1} styringsgruppemøter, ${seedInputs.length} innspill, ${seedSubscribers.length} abonnenter, ${seedCampaigns.length} nyhetsbrev og ${seedEvents.length} arrangementer`,
  );
  return seedProducts.length;
}

async function seedOne(seed: SeedProduct, deps: { store: Store; files: FileStore }, today: Date, governance: SeededGovernance) {
  const publishAt = seed.publishedMonthsAgo === undefined ? today : new Date(today.getTime() - seed.publishedMonthsAgo * 30.44 * DAY);
  const clock = fixedClock(new Date(publishAt.getTime() - 45 * DAY));
  const use = { ...deps, clock };
  const body = seed.bodyFile ? textToHtml(await readFile(join(import.meta.dirname, 'seed-content', seed.bodyFile), 'utf8')) : seed.product.body;

  let product: Product = await createProduct(use, actor, {
    summary: '',
    attachments: [],
    legalReferences: [],
    relatedProducts: [],
    riskOrTechnology: false,
    themes: [],
    targetGroups: [],
    currentNeed: false,
    status: 'draft',
    ...seed.product,
    body: body ?? `<p>${seed.product.summary ?? ''}</p>`,
  });
  await governance.linkProduct(product, clock);

  if (seed.pdf) {
    const pdf = minimalPdf(product.title, [seed.product.summary ?? '', `Utgitt av ${product.owner.name}.`]);
    const ticket = await createUploadTicket(use, product.id, { fileName: `${product.slug}.pdf`, contentType: 'application/pdf', size: pdf.length });
    const form = new FormData();
    for (const [name, value] of Object.entries(ticket.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), `${product.slug}.pdf`);
    const upload = await fetch(ticket.url, { method: 'POST', body: form });
    if (!upload.ok) throw new Error(`Seed upload failed: HTTP ${upload.status}`);
    product = await updateProduct(use, actor, product.id, { expectedRevision: product.revision, attachments: [ticket.attachment] });
  }
  if (seed.publishedMonthsAgo === undefined && !seed.inConsultation) return;

  const step = async (transition: Parameters<typeof transitionProduct>[3]['action'], at: Date) => {
    clock.set(at);
    const base = { expectedRevision: product.revision };
    product = await transitionProduct(
      use,
      actor,
      product.id,
      transition === 'approve'
        ? {
            action: 'approve',
            ...base,
            case: requiredReference(seed),
            closeConsultation: { reason: 'Styringsgruppen behandlet saken' },
          }
        : { action: transition, ...base },
    );
  };

  if (product.level !== 4) {
    // The open consultation started long enough ago to close within the dashboard's horizon, so the
    // demo shows it under "Høringer som lukkes innen 14 dager"; the others ran their four weeks before approval.
    const consultationOpens = seed.inConsultation
      ? openedToCloseIn(product.level, today, SEED_CONSULTATION_CLOSES_IN_DAYS)
      : new Date(publishAt.getTime() - 40 * DAY);
    await step('send-to-consultation', consultationOpens);
    if (seed.inConsultation) return;
    await step('approve', new Date(publishAt.getTime() - 10 * DAY));
  }
  await step('publish', publishAt);

  if (seed.retire) await step('retire', new Date(Math.min(today.getTime(), publishAt.getTime() + 400 * DAY)));
  if (seed.evaluation) {
    clock.set(new Date(today.getTime() - seed.evaluation.monthsAgo * 30.44 * DAY));
    const { product: evaluated } = await recordEvaluation(use, committeeActor, product.id, {
      evaluatedOn: osloDate(clock.now()),
      outcome: seed.evaluation.outcome,
      note: seed.evaluation.note,
      expectedRevision: product.revision,
    });
    product = evaluated;
  }
  if (seed.nextDraft) {
    clock.set(new Date(today.getTime() - 3 * DAY));
    product = await updateProduct(use, actor, product.id, { expectedRevision: product.revision, summary: seed.nextDraft.summary });
  }
}

function requiredReference(seed: SeedProduct): string {
  if (!seed.decisionReference) throw new Error(`Seed product ${seed.product.title} is approved by the steering group but names no case`);
  return seed.decisionReference;
}

/** Addresses for the invented people: first.last@example.no, without Norwegian letters. */
function exampleAddress(name: string): string {
  const ascii = name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  return `${ascii.split(/\s+/).join('.')}@example.no`;
}

async function seedGroup(store: Store, group: SeedGroup, clock: ReturnType<typeof fixedClock>, productIds: string[] = []): Promise<string> {
  const deps = { store, clock };
  const created = await createGroup(deps, actor, groupCreateSchema.parse({ name: group.name, kind: group.kind, description: group.description, productIds }));
  for (const { to, ...member } of group.members) {
    await addMember(deps, actor, created.id, memberCreateSchema.parse({ ...member, email: exampleAddress(member.name), to: to ?? null }));
  }
  return created.id;
}

interface SeededGovernance {
  /** Links a product just created to the seeded cases about it, so its approval can refer to one. */
  linkProduct(product: Product, clock: ReturnType<typeof fixedClock>): Promise<void>;
}

/**
 * The standing groups, and the meetings with their cases in the order they are numbered: the
 * number each case gets must be the one the seed data says (the minutes' numbers).
 */
async function seedGovernance(store: Store, today: Date): Promise<SeededGovernance> {
  const groups = new Map<string, string>();
  const standing = seedGroups.filter((group) => !group.products);
  for (const group of standing) groups.set(group.key, await seedGroup(store, group, fixedClock('2023-01-02T09:00:00Z')));
  const casesBySlug = new Map<string, string[]>();

  for (const seed of [...seedMeetings, upcomingMeeting]) {
    const date = typeof seed.date === 'string' ? seed.date : addDays(osloDate(today), seed.date.inDays);
    const upcoming = typeof seed.date !== 'string';
    // Planned a month ahead, the cases written three weeks ahead: their numbers are of the meeting's year.
    const clock = fixedClock(upcoming ? new Date(today.getTime() - 2 * DAY) : osloWallClockInstant(addDays(date, -30), 9));
    const deps = { store, clock };
    const groupId = groups.get(seed.group);
    if (!groupId) throw new Error(`Seed meeting ${seed.title}: no group ${seed.group}`);
    const title = upcoming ? `Styringsgruppemøte ${formatOsloDate(date)}` : seed.title;
    const meeting = await createMeeting(
      deps,
      actor,
      meetingCreateSchema.parse({
        title,
        groupId,
        date,
        startTime: seed.startTime,
        endTime: seed.endTime,
        format: seed.format,
        place: seed.place ?? null,
        videoUrl: seed.videoUrl ?? null,
      }),
    );
    if (!upcoming) clock.set(osloWallClockInstant(addDays(date, -21), 9));
    const agenda = [];
    for (const { number, startTime, endTime, products, ...fields } of seed.cases) {
      const created = await createCase(
        deps,
        actor,
        caseCreateSchema.parse({ ...fields, meetingId: meeting.id, outcome: fields.outcome ?? null, decidedOn: fields.outcome ? date : null }),
      );
      if (number && created.number !== number) throw new Error(`Seed case «${fields.title}» got number ${created.number}, not ${number}`);
      for (const slug of products ?? []) casesBySlug.set(slug, [...(casesBySlug.get(slug) ?? []), created.id]);
      agenda.push({ caseId: created.id, ...(startTime ? { startTime } : {}), ...(endTime ? { endTime } : {}) });
    }
    await updateMeeting(deps, actor, meeting.id, { expectedRevision: meeting.revision, agenda });
  }

  return {
    async linkProduct(product, clock) {
      for (const id of casesBySlug.get(product.slug) ?? []) {
        const current = await getCase({ store }, id);
        await updateCase({ store, clock }, actor, id, { expectedRevision: current.revision, productIds: [...current.productIds, product.id] });
      }
    },
  };
}

/** Reference and working groups belong to products, so they come after them. */
async function seedProductGroups(store: Store, today: Date): Promise<void> {
  const products = await store.products.listAll();
  for (const group of seedGroups.filter((candidate) => candidate.products)) {
    const ids = (group.products ?? []).map((slug) => {
      const found = products.find((product) => product.slug === slug);
      if (!found) throw new Error(`Seed group ${group.name}: no product ${slug}`);
      return found.id;
    });
    await seedGroup(store, group, fixedClock(new Date(today.getTime() - 60 * DAY)), ids);
  }
}

/** Days from the seed date to the open consultation's deadline: within DASHBOARD_HORIZON_DAYS. */
const SEED_CONSULTATION_CLOSES_IN_DAYS = 10;

/**
 * The instant, at today's time of day, a consultation with the level's default window must open to
 * close `days` from today: stepped back a day at a time, because a window over July is longer.
 */
function openedToCloseIn(level: GovernanceLevel, today: Date, days: number): Date {
  if (!isConsultedLevel(level)) throw new Error('Level 4 has no consultation');
  const deadline = addDays(osloDate(today), days);
  let opens = today;
  while (defaultConsultationDeadline(level, osloDate(opens)) > deadline) opens = new Date(opens.getTime() - DAY);
  return opens;
}

async function seedStakeholderInput(deps: InputDependencies): Promise<void> {
  const consultations = await deps.store.consultations.list();
  for (const [index, { toConsultationOf, ...input }] of seedInputs.entries()) {
    const consultation = consultations.find((candidate) => candidate.productSlug === toConsultationOf);
    await submitInput(deps, { ...input, consultationId: consultation?.id ?? GENERAL_INPUT }, `seed-${index}`);
  }
}

/** Subscribers through the real double opt-in, one issue sent (the archive) and one draft. */
async function seedNewsletter(runtime: ReturnType<typeof createRuntime>, today: Date): Promise<void> {
  const deps = { ...(await jobDependencies(runtime)), clock: fixedClock(today), rateLimiter: createRateLimiter(runtime.table) };
  for (const [index, { email, interests }] of seedSubscribers.entries()) {
    await subscribe(deps, subscriptionRequestSchema.parse({ email, interests }), `seed-newsletter-${index}`);
    const subscriber = await deps.store.subscribers.findByEmail(email);
    if (subscriber) await confirm(deps, confirmToken(deps, subscriber, today));
  }
  for (const { send, ...campaign } of seedCampaigns) {
    const draft = await createCampaign(deps, actor, { ...campaign, linkedProducts: [] });
    if (send) await scheduleCampaign(deps, actor, draft.id, { expectedRevision: draft.revision });
  }
  await runDispatchSweep(deps, 60_000);
}

/** Open events with registrations through the public use case: a full course with confirmed and held seats and a waitlist, a conference with a program. */
async function seedEventsAndRegistrations(runtime: ReturnType<typeof createRuntime>, today: Date): Promise<void> {
  const deps = { ...(await jobDependencies(runtime)), clock: fixedClock(today), rateLimiter: createRateLimiter(runtime.table) };
  for (const seed of seedEvents) {
    const day = addDays(osloDate(today), seed.inDays);
    // Hours like 9.5 are half past nine, Oslo time.
    const osloInstant = (hours: number) => osloWallClockInstant(day, Math.floor(hours), Math.round((hours % 1) * 60)).toISOString();
    const input = eventInputSchema.parse({
      ...seed.input,
      startsAt: osloInstant(seed.hours[0]),
      endsAt: osloInstant(seed.hours[1]),
      sessions: (seed.sessions ?? []).map(({ hours, ...session }) => ({ ...session, startsAt: osloInstant(hours[0]), endsAt: osloInstant(hours[1]) })),
    });
    // Opened two hours ago, the registrations a few minutes apart (not all in one millisecond), so
    // the list and the waitlist have one clear order and times that differ to the second.
    const openedAt = today.getTime() - 2 * 3_600_000;
    deps.clock.set(new Date(openedAt));
    const draft = await createEvent(deps, actor, input);
    await updateEvent(deps, actor, draft.id, { ...input, status: 'open', expectedRevision: draft.revision });
    for (const [index, { confirms, ...participant }] of seed.participants.entries()) {
      deps.clock.set(new Date(openedAt + (index + 1) * SEED_REGISTRATIONS_APART_MS));
      const outcome = await register(deps, draft.id, registrationRequestSchema.parse({ answers: {}, ...participant }), `seed-event-${index}`);
      // Through the same link and button a participant uses; the rest keep a held seat to show in the CMS.
      if (confirms && outcome.kind === 'registered' && outcome.registration.status === 'held') {
        await confirmByLink(deps, deps.tokens.issue(`${draft.id}:${outcome.registration.id}`, 'registration', deps.clock.now()));
      }
    }
  }
  deps.clock.set(today);
}

/** 5 min 17 s: a dozen registrations fit in the two hours since an event opened. */
const SEED_REGISTRATIONS_APART_MS = 317_000;
