import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { lambdaEnvironment } from '../functions/lambda-environment';
import { lambdas, type LambdaName } from '../functions/routes';
import { lambdaBundling } from '../infra/bundling';
import { startLocalSystem, type LocalSystem } from '../local/system';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fixedClock } from '../functions/shared/clock';
import { createTable } from '../functions/shared/db/client';
import { createSesMailer } from '../functions/shared/email/mailer';
import { runReviewCheck } from '../functions/review/review-check';
import { createStore } from '../functions/store';
import { ensureTable, localClientConfig, localRegion } from '../local/services';
import { seedPublishedProducts, seedReviewCatalogue, seedSubscribers } from './seed-catalogue';
import { createCampaign, scheduleCampaign } from '../functions/newsletter/campaigns';
import { dispatchCampaign, prepareCampaign } from '../functions/newsletter/dispatch';
import { fixedTokenSigner } from '../functions/shared/link-tokens';
import { composeEmail } from '../functions/shared/email/compose';
import { cmsSignInSection, ensureCmsBuilt } from './cms-sign-in';
import { kib, ms, percentile } from './figures';
import { benchRawTransactions, benchRegistrations, registrationBench, warmUpTransactions } from './registrations';

async function benchTable(endpoint: string, name: string) {
  await ensureTable(new DynamoDBClient(localClientConfig(endpoint)), name);
  return createTable({ name, region: localRegion, endpoint });
}

/**
 * `npm run bench`: figures, not pass/fail. Delivery list latency against the whole local stack
 * with 1,000 published products, and size and cold-load time of every Lambda bundle.
 * `npm run bench -- registrations review` runs only the named sections; without names, all of them.
 */
const benchPorts = { api: 33000, dynamodb: 33001, ses: 33002, cognito: 33003, s3: 33004 };

const sections = ['bundles', 'delivery', 'review', 'newsletter', 'registrations', 'cms'] as const;
type Section = (typeof sections)[number];
const isSection = (name: string): name is Section => (sections as readonly string[]).includes(name);

function selectedSections(args: readonly string[]): ReadonlySet<Section> {
  const unknown = args.filter((name) => !isSection(name));
  if (unknown.length) throw new Error(`Unknown bench section ${unknown.join(', ')}; choose from ${sections.join(', ')}`);
  return new Set(args.length ? args.filter(isSection) : sections);
}
const selected = selectedSections(process.argv.slice(2));
const runs = (section: Section) => selected.has(section);

async function timeRequests(url: string, count: number): Promise<{ p50: number; p95: number; bytes: number; status: number }> {
  for (let i = 0; i < 10; i += 1) await (await fetch(url)).arrayBuffer();
  const durations: number[] = [];
  let bytes = 0;
  let status = 0;
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    const response = await fetch(url);
    bytes = (await response.arrayBuffer()).byteLength;
    status = response.status;
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  return { p50: percentile(durations, 50), p95: percentile(durations, 95), bytes, status };
}

async function bundleFigures(): Promise<{ name: LambdaName; bytes: number; gzipBytes: number; coldLoadMs: number }[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'normen-bench-bundles-'));
  const results = [];
  // The bundles read the link-signing keys at load, as in Lambda (there from Secrets Manager).
  const keysFile = join(outDir, 'link-keys');
  await writeFile(keysFile, 'bench-secret-bench-secret-bench-secret-0123');
  try {
    for (const [name, declaration] of Object.entries(lambdas) as [LambdaName, (typeof lambdas)[LambdaName]][]) {
      const outfile = join(outDir, `${name}.mjs`);
      await build({
        entryPoints: [declaration.entry],
        outfile,
        bundle: true,
        format: lambdaBundling.format,
        target: lambdaBundling.target,
        platform: lambdaBundling.platform,
        mainFields: [...lambdaBundling.mainFields],
        minify: lambdaBundling.minify,
        external: [...lambdaBundling.externalModules],
        banner: { js: lambdaBundling.banner },
        logLevel: 'silent',
      });
      const bytes = (await stat(outfile)).size;
      const gzipBytes = gzipSync(await readFile(outfile)).byteLength;
      // A fresh Node process per load, as a Lambda cold start: module evaluation plus client creation.
      const loads = Array.from({ length: 5 }, () =>
        Number(
          execFileSync(
            process.execPath,
            ['--input-type=module', '-e', `const t = performance.now(); await import(${JSON.stringify(outfile)}); console.log(performance.now() - t);`],
            { env: { ...process.env, AWS_REGION: 'eu-north-1', ...benchEnvironment(name, keysFile) }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
          ).trim(),
        ),
      ).sort((a, b) => a - b);
      results.push({ name, bytes, gzipBytes, coldLoadMs: loads[2] ?? NaN });
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  return results;
}

/** What the stack gives each function, with placeholder values (nothing is called at load). */
function benchEnvironment(name: LambdaName, keysFile: string): Record<string, string> {
  return lambdaEnvironment(name, {
    tableName: 'bench',
    filesBucket: 'bench',
    fileUrlTtlSeconds: 300,
    mailFrom: 'Normen <ikke-svar@normen.no>',
    linkSecret: { LINK_KEYS_FILE: keysFile },
    publicApiUrl: 'https://api.example.org',
    cmsUrl: 'https://cms.example.org/',
    functionName: (target) => `bench-${target}`,
    userPoolId: 'eu-north-1_bench',
  });
}

const perSecond = (count: number, seconds: number, unit: string) => `${(count / seconds).toFixed(0)} ${unit}/s`;

async function deliverySection(system: LocalSystem): Promise<void> {
  const seeded = await seedPublishedProducts(createTable({ name: system.tableName, region: localRegion, endpoint: system.dynamoDbEndpoint }), 1000);
  console.log(`\nDelivery API against the local stack with ${seeded} published products (200 sequential requests each):`);
  for (const [label, path] of [
    ['GET /content/products', '/content/products'],
    ['GET /content/products?type=fact-sheet', '/content/products?type=fact-sheet'],
    ['GET /content/products/{slug}', '/content/products/bench-product-00500'],
  ] as const) {
    const figures = await timeRequests(`${system.apiUrl}${path}`, 200);
    if (figures.status !== 200) throw new Error(`${label} answered ${figures.status}`);
    console.log(`  ${label.padEnd(40)} p50 ${ms(figures.p50).padStart(9)}  p95 ${ms(figures.p95).padStart(9)}  (${kib(figures.bytes)} per response)`);
  }
}

async function reviewSection(system: LocalSystem): Promise<void> {
  console.log('\nReview check (SES local, one digest per owner) — cost should follow the products due, not the catalogue:');
  const figures = [];
  for (const count of [1_000, 10_000]) {
    const table = await benchTable(system.dynamoDbEndpoint, `normen-bench-review-${count}`);
    await seedReviewCatalogue(table, { count, due: 100, today: '2026-11-22' });
    const deps = {
      store: createStore(table),
      clock: fixedClock('2026-11-22T05:00:00Z'),
      mailer: createSesMailer({ region: localRegion, from: 'Normen <ikke-svar@normen.no>', endpoint: system.sesEndpoint }),
      cmsUrl: system.cmsUrl,
    };
    const start = performance.now();
    const outcome = await runReviewCheck(deps);
    figures.push({ count, ms: performance.now() - start, outcome });
  }
  for (const { count, ms: elapsed, outcome } of figures) {
    console.log(
      `  ${String(count).padStart(6)} products, 100 due: ${ms(elapsed).padStart(10)}  (read ${outcome.counts.dueProducts}, reminders ${outcome.counts.remindersSent}, emails ${outcome.counts.emailsSent}, marked not current ${outcome.counts.markedNotCurrent})`,
    );
  }
  const [small, large] = figures;
  if (small && large) console.log(`  ratio 10,000 / 1,000: ${(large.ms / small.ms).toFixed(2)}`);
}

async function newsletterSection(system: LocalSystem): Promise<void> {
  console.log('\nNewsletter dispatch against SES local (claim, send, mark per recipient; concurrency 8):');
  const newsletterTable = await benchTable(system.dynamoDbEndpoint, 'normen-bench-newsletter');
  await seedSubscribers(newsletterTable, 10_000, 'privacy', 'fast');
  await seedSubscribers(newsletterTable, 500, 'events', 'paced');
  const mailer = createSesMailer({ region: localRegion, from: 'Normen <ikke-svar@normen.no>', endpoint: system.sesEndpoint });
  const dispatchDeps = {
    store: createStore(newsletterTable),
    clock: fixedClock(new Date()),
    mailer,
    tokens: fixedTokenSigner('bench-secret-bench-secret-bench-secret-0123'),
    publicApiUrl: system.apiUrl,
    from: 'Normen <ikke-svar@normen.no>',
    sendRate: 'unlimited' as 'unlimited' | number,
    concurrency: 8,
    inDoubtAfterMs: 600_000,
    leaseMs: 60_000,
  };
  const actor = { username: 'bench@normen.local', groups: ['editor' as const] };
  const sendTo = async (interest: 'privacy' | 'events', sendRate: number | 'unlimited') => {
    const draft = await createCampaign(dispatchDeps, actor, {
      subject: `Bench ${interest}`,
      body: '<p>Nyhetsbrev</p>'.repeat(20),
      interests: [interest],
      linkedProducts: [],
    });
    const prepared = await prepareCampaign(dispatchDeps, await scheduleCampaign(dispatchDeps, actor, draft.id, { expectedRevision: draft.revision }));
    const start = performance.now();
    const result = await dispatchCampaign({ ...dispatchDeps, sendRate }, prepared.id, Date.now() + 600_000);
    return { sent: result.sent, seconds: (performance.now() - start) / 1000 };
  };
  const ours = await sendTo('privacy', 'unlimited');
  // The ceiling: the same number of SendRawEmail calls, same concurrency, nothing else.
  const raw = await composeEmail('Normen <ikke-svar@normen.no>', { to: 'raw@bench.local', subject: 'Raw', blocks: [{ kind: 'paragraph', text: 'x' }] });
  let next = 0;
  const rawStart = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next++ < 10_000) await mailer.sendRaw(raw);
    }),
  );
  const rawSeconds = (performance.now() - rawStart) / 1000;
  const ourRate = ours.sent / ours.seconds;
  const rawRate = 10_000 / rawSeconds;
  console.log(
    `  10,000 recipients, throttle off: ${ourRate.toFixed(0)} emails/s (${ours.seconds.toFixed(1)} s); raw SendRawEmail loop: ${rawRate.toFixed(0)} emails/s; ratio ${(ourRate / rawRate).toFixed(2)}`,
  );
  const paced = await sendTo('events', 50);
  console.log(`  500 recipients, throttle 50/s: ${(paced.sent / paced.seconds).toFixed(1)} emails/s achieved`);
}

async function registrationsSection(system: LocalSystem): Promise<void> {
  const { participants, concurrency, inPersonSeats } = registrationBench;
  console.log(
    `\nEvent registration against the local stack (${participants.toLocaleString('en')} participants, concurrency ${concurrency}, ${inPersonSeats} in-person seats):`,
  );
  const rawTable = await benchTable(system.dynamoDbEndpoint, 'normen-bench-raw-transactions');
  await warmUpTransactions(rawTable);
  // The ceiling first, on its own table, so the registrations' items do not share its partitions.
  const raw = await benchRawTransactions(rawTable);
  const ours = await benchRegistrations({
    table: await benchTable(system.dynamoDbEndpoint, 'normen-bench-registrations'),
    sesEndpoint: system.sesEndpoint,
    publicApiUrl: system.apiUrl,
  });
  const ourRate = ours.count / ours.seconds;
  const rawRate = raw.count / raw.seconds;
  const latency = (figures: { p50: number; p95: number; max: number }) =>
    `p50 ${ms(figures.p50).padStart(9)}  p95 ${ms(figures.p95).padStart(9)}  max ${ms(figures.max).padStart(9)}`;
  console.log(
    `  register (rate limit, reads, transaction, SES email): ${perSecond(ours.count, ours.seconds, 'registrations')} (${ours.seconds.toFixed(1)} s)  ${latency(ours)}`,
  );
  console.log(
    `    stored ${ours.held} held + ${ours.waitlisted} waitlisted, ${ours.emails} emails; transaction retries ${ours.retries.transactionConflicts + ours.retries.seatsMoved} (${ours.retries.transactionConflicts} TransactionConflict, ${ours.retries.seatsMoved} seats moved)`,
  );
  console.log(
    `  raw TransactWriteItems (ADD on one counter + 2 conditional Puts): ${perSecond(raw.count, raw.seconds, 'transactions')} = ${perSecond(raw.count * raw.itemsPerTransaction, raw.seconds, 'items')} (${raw.seconds.toFixed(1)} s)  ${latency(raw)}; ${raw.conflicts} TransactionConflict retried`,
  );
  console.log(`  ratio registration / raw transaction: ${(ourRate / rawRate).toFixed(2)}`);
}

async function localStackSections(): Promise<void> {
  // The CMS is served only if cms/dist exists when the local API server starts.
  if (runs('cms')) ensureCmsBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'normen-bench-'));
  const system = await startLocalSystem({ ports: benchPorts, dataDir, ephemeral: true, tableName: 'normen-bench' });
  try {
    if (runs('delivery')) await deliverySection(system);
    if (runs('review')) await reviewSection(system);
    if (runs('newsletter')) await newsletterSection(system);
    if (runs('registrations')) await registrationsSection(system);
    if (runs('cms')) await cmsSignInSection(system);
  } finally {
    await system.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

console.log('Normen benchmark — node', process.version, '\n');
if (runs('bundles')) {
  console.log('Lambda bundles (esbuild, as deployed; cold load = median of 5 fresh-process imports):');
  for (const figure of await bundleFigures()) {
    console.log(
      `  ${figure.name.padEnd(14)} ${kib(figure.bytes).padStart(11)}  (gzip ${kib(figure.gzipBytes).padStart(10)})  cold load ${ms(figure.coldLoadMs)}`,
    );
  }
}
// Every other section runs against the local stack; start it only when one of them is wanted.
if (sections.some((section) => section !== 'bundles' && runs(section))) await localStackSections();
