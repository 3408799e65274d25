import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { eventInputSchema, registrationRequestSchema, type RegistrationRequest } from '../content-model';
import { createEvent, updateEvent } from '../functions/events/events-admin';
import { register, seatsMoved, type RegistrationDependencies } from '../functions/events/registration';
import { systemClock } from '../functions/shared/clock';
import type { Table } from '../functions/shared/db/client';
import { TransactionConflictError } from '../functions/shared/errors';
import { fixedTokenSigner } from '../functions/shared/link-tokens';
import { createSesMailer } from '../functions/shared/email/mailer';
import { createRateLimiter } from '../functions/shared/rate-limit';
import { createStore, type Store } from '../functions/store';
import { localRegion, readSentEmails } from '../local/services';
import { inParallel, percentile, timedInParallel } from './figures';

/**
 * Registration throughput: 1,000 participants through the real `register` use case (rate limiter,
 * reads, one transaction, an email through SES local) at concurrency 50, next to the bare
 * TransactWriteItems rate of DynamoDB Local for transactions of the same shape in the same run.
 */

export const registrationBench = { participants: 1_000, concurrency: 50, inPersonSeats: 500 } as const;

const from = 'Normen <ikke-svar@normen.no>';
const editor = { username: 'bench@normen.local', groups: ['editor' as const] };
const participantDomain = 'bench-deltaker.normen.no';

export interface LatencyFigures {
  count: number;
  seconds: number;
  p50: number;
  p95: number;
  max: number;
}

export interface RegistrationFigures extends LatencyFigures {
  /** In-person seats given out; each is held until its participant confirms it. */
  held: number;
  waitlisted: number;
  emails: number;
  retries: { transactionConflicts: number; seatsMoved: number };
}

export interface RawTransactionFigures extends LatencyFigures {
  itemsPerTransaction: number;
  conflicts: number;
}

function latencyFigures(timed: { durations: number[]; seconds: number }): LatencyFigures {
  return {
    count: timed.durations.length,
    seconds: timed.seconds,
    p50: percentile(timed.durations, 50),
    p95: percentile(timed.durations, 95),
    max: timed.durations.at(-1) ?? NaN,
  };
}

/** Seats decided by the in-person capacity (so half take the waitlist path); streaming without limit. */
function benchEventInput(now: Date) {
  // A month ahead, so registration stays open (it closes when the event starts) for the whole run.
  const startsAt = new Date(now.getTime() + 30 * 86_400_000);
  return eventInputSchema.parse({
    type: 'conference',
    title: 'Benchmark-konferansen',
    description: '<p>Konferanse for ytelsesmåling av påmeldingen.</p>',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 7 * 3_600_000).toISOString(),
    venue: 'Oslo kongressenter',
    attendance: [
      { mode: 'in-person', capacity: registrationBench.inPersonSeats },
      { mode: 'online', capacity: null },
    ],
    streamingUrl: 'https://stream.normen.no/benchmark',
  });
}

/** Creates the event as a draft and opens it, as an editor would; returns its id. */
async function openBenchEvent(deps: RegistrationDependencies): Promise<string> {
  const input = benchEventInput(deps.clock.now());
  const created = await createEvent(deps, editor, input);
  const opened = await updateEvent(deps, editor, created.id, { ...input, status: 'open', expectedRevision: created.revision });
  return opened.id;
}

function participant(index: number): RegistrationRequest {
  const number = String(index).padStart(4, '0');
  return registrationRequestSchema.parse({
    name: `Deltaker ${number}`,
    email: `deltaker-${number}@${participantDomain}`,
    organisation: 'Helse Nord',
    mode: 'in-person',
  });
}

/**
 * One client address per participant (198.18.0.0/15 is set aside for benchmarks): the per-address
 * limit of 20 per 10 minutes is for colleagues behind one network, not what is measured here.
 */
const clientAddress = (index: number) => `198.18.${Math.floor(index / 256)}.${index % 256}`;

/** The use case's own class for "counters moved"; not exported, so recognised through an instance. */
const SeatsMoved = seatsMoved().constructor;

/**
 * The store with every transaction attempt classified. The use case retries only when its
 * transaction fails for one of these two reasons, so they add up to its retries — counted here
 * without touching functions/.
 */
function countingRetries(store: Store): { store: Store; retries: RegistrationFigures['retries'] } {
  const retries = { transactionConflicts: 0, seatsMoved: 0 };
  const transact: Store['transact'] = async (steps) => {
    try {
      await store.transact(steps);
    } catch (error) {
      if (error instanceof TransactionConflictError) retries.transactionConflicts += 1;
      else if (error instanceof SeatsMoved) retries.seatsMoved += 1;
      throw error;
    }
  };
  return { store: { ...store, transact }, retries };
}

/** What the table and SES local hold afterwards; the bench fails unless it is exactly what was asked. */
async function verifyRegistrations(deps: RegistrationDependencies, eventId: string, sesEndpoint: string, sinceEpochSeconds: number) {
  const registrations = await deps.store.registrations.list(eventId);
  // In-person seats are held until confirmed by link; nobody confirms during the bench.
  const held = registrations.filter((registration) => registration.status === 'held').length;
  const waitlisted = registrations.filter((registration) => registration.status === 'waitlisted').length;
  const counters = (await deps.store.events.seats(eventId)).modes['in-person'];
  const expected = { held: registrationBench.inPersonSeats, waitlisted: registrationBench.participants - registrationBench.inPersonSeats };
  if (
    registrations.length !== registrationBench.participants ||
    held !== expected.held ||
    waitlisted !== expected.waitlisted ||
    counters?.held !== expected.held ||
    counters.confirmed !== 0 ||
    counters.waitlisted !== expected.waitlisted
  ) {
    throw new Error(
      `Registration bench: expected ${expected.held} held + ${expected.waitlisted} waitlisted, ` +
        `stored ${registrations.length} registrations (${held} held, ${waitlisted} waitlisted), counters ${JSON.stringify(counters)}`,
    );
  }
  // The use case logs and swallows a failed email; a lost one would make the rate look better than it is.
  const emails = (await readSentEmails(sesEndpoint, sinceEpochSeconds)).filter((email) =>
    email.destination.to.some((to) => to.endsWith(`@${participantDomain}`)),
  ).length;
  if (emails !== registrationBench.participants)
    throw new Error(`Registration bench: SES local received ${emails} emails for ${registrationBench.participants} registrations`);
  return { held, waitlisted, emails };
}

/** 1,000 registrations for one event at concurrency 50, each through the real use case. */
export async function benchRegistrations(options: { table: Table; sesEndpoint: string; publicApiUrl: string }): Promise<RegistrationFigures> {
  const setup: RegistrationDependencies = {
    store: createStore(options.table),
    clock: systemClock,
    mailer: createSesMailer({ region: localRegion, from, endpoint: options.sesEndpoint }),
    rateLimiter: createRateLimiter(options.table),
    tokens: fixedTokenSigner('bench-secret-bench-secret-bench-secret-0123'),
    publicApiUrl: options.publicApiUrl,
    from,
  };
  const eventId = await openBenchEvent(setup);
  const counting = countingRetries(setup.store);
  const deps = { ...setup, store: counting.store };
  const requests = Array.from({ length: registrationBench.participants }, (_, index) => participant(index));
  // SES local filters by whole seconds (inclusive), so back off one to be sure to include the first.
  const sinceEpochSeconds = Math.floor(Date.now() / 1000) - 1;
  const timed = await timedInParallel(registrationBench.participants, registrationBench.concurrency, async (index) => {
    const request = requests[index];
    if (!request) throw new Error(`No participant ${index}`);
    const outcome = await register(deps, eventId, request, clientAddress(index));
    if (outcome.kind !== 'registered') throw new Error(`Registration bench: participant ${index} was ${outcome.kind}`);
  });
  const stored = await verifyRegistrations(setup, eventId, options.sesEndpoint, sinceEpochSeconds);
  return { ...latencyFigures(timed), ...stored, retries: counting.retries };
}

function isTransactionConflict(error: unknown): boolean {
  return error instanceof TransactionCanceledException && (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');
}

/**
 * The registration transaction's write shape without the use case around it: an ADD on one counter
 * item every transaction shares, and two conditional Puts of new items. A TransactionConflict is
 * counted and retried at once; anything else fails the bench.
 */
async function rawTransaction(table: Table, run: string, index: number, counts: { conflicts: number }): Promise<void> {
  for (;;) {
    try {
      await table.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: table.name,
                Key: { pk: `RAW#${run}`, sk: 'COUNTER' },
                UpdateExpression: 'ADD #count :one',
                ExpressionAttributeNames: { '#count': 'count' },
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
            { Put: { TableName: table.name, Item: { pk: `RAW#${run}`, sk: `ITEM#${index}#A`, index }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName: table.name, Item: { pk: `RAW#${run}`, sk: `ITEM#${index}#B`, index }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ],
        }),
      );
      return;
    } catch (error) {
      if (!isTransactionConflict(error)) throw error;
      counts.conflicts += 1;
    }
  }
}

async function counterValue(table: Table, run: string): Promise<unknown> {
  const { Item } = await table.client.send(new GetCommand({ TableName: table.name, Key: { pk: `RAW#${run}`, sk: 'COUNTER' }, ConsistentRead: true }));
  return Item?.count;
}

/**
 * DynamoDB Local is a JVM: its first requests pay for class loading and JIT. When only this section
 * runs, that cost would land on whichever measurement comes first, so pay it up front.
 */
export async function warmUpTransactions(table: Table): Promise<void> {
  await inParallel(200, registrationBench.concurrency, (index) => rawTransaction(table, 'warm-up', index, { conflicts: 0 }));
}

/** 1,000 raw transactions at concurrency 50 against one shared counter. */
export async function benchRawTransactions(table: Table): Promise<RawTransactionFigures> {
  const counts = { conflicts: 0 };
  const timed = await timedInParallel(registrationBench.participants, registrationBench.concurrency, (index) =>
    rawTransaction(table, 'measured', index, counts),
  );
  const counted = await counterValue(table, 'measured');
  if (counted !== registrationBench.participants)
    throw new Error(`Raw transaction bench: the counter reads ${String(counted)}, expected ${registrationBench.participants}`);
  return { ...latencyFigures(timed), itemsPerTransaction: 3, conflicts: counts.conflicts };
}
