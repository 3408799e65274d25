import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { lambdas, type LambdaName } from '../functions/routes';
import { lambdaBundling } from '../infra/bundling';
import { startLocalSystem } from '../local/system';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { fixedClock } from '../functions/shared/clock';
import { createTable } from '../functions/shared/db/client';
import { createSesMailer } from '../functions/shared/mailer';
import { createRuntime } from '../functions/shared/runtime';
import { runReviewCheck } from '../functions/review/review-check';
import { createStore } from '../functions/store';
import { ensureTable, localClientConfig, localRegion } from '../local/services';
import { seedPublishedProducts, seedReviewCatalogue, seedSubscribers } from './seed-catalogue';
import { createCampaign, scheduleCampaign } from '../functions/newsletter/campaigns';
import { dispatchCampaign, prepareCampaign } from '../functions/newsletter/dispatch';
import { createTokenSigner } from '../functions/shared/link-tokens';
import { buildRawEmail } from '../functions/shared/mime';

async function benchTable(endpoint: string, name: string) {
  await ensureTable(new DynamoDBClient(localClientConfig(endpoint)), name);
  return createTable({ name, region: localRegion, endpoint });
}

/**
 * `npm run bench`: figures, not pass/fail. Delivery list latency against the whole local stack
 * with 1,000 published products, and size and cold-load time of every Lambda bundle.
 */
const benchPorts = { api: 33000, dynamodb: 33001, ses: 33002, cognito: 33003, s3: 33004 };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

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
            { env: { ...process.env, TABLE_NAME: 'bench', FILES_BUCKET: 'bench', AWS_REGION: 'eu-north-1', LINK_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret-0123' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
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

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

console.log('Normen benchmark — node', process.version, '\n');
console.log('Lambda bundles (esbuild, as deployed; cold load = median of 5 fresh-process imports):');
for (const figure of await bundleFigures()) {
  console.log(`  ${figure.name.padEnd(14)} ${kib(figure.bytes).padStart(11)}  (gzip ${kib(figure.gzipBytes).padStart(10)})  cold load ${ms(figure.coldLoadMs)}`);
}

const dataDir = await mkdtemp(join(tmpdir(), 'normen-bench-'));
const system = await startLocalSystem({ ports: benchPorts, dataDir, ephemeral: true, tableName: 'normen-bench' });
try {
  const seeded = await seedPublishedProducts(createRuntime().table, 1000);
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

  console.log('\nNewsletter dispatch against SES local (claim, send, mark per recipient; concurrency 8):');
  const newsletterTable = await benchTable(system.dynamoDbEndpoint, 'normen-bench-newsletter');
  await seedSubscribers(newsletterTable, 10_000, 'privacy', 'fast');
  await seedSubscribers(newsletterTable, 500, 'events', 'paced');
  const mailer = createSesMailer({ region: localRegion, from: 'Normen <ikke-svar@normen.no>', endpoint: system.sesEndpoint });
  const dispatchDeps = {
    store: createStore(newsletterTable),
    clock: fixedClock(new Date()),
    mailer,
    tokens: createTokenSigner('bench-secret-bench-secret-bench-secret-0123'),
    publicApiUrl: system.apiUrl,
    from: 'Normen <ikke-svar@normen.no>',
    sendRate: 'unlimited' as 'unlimited' | number,
    concurrency: 8,
    inDoubtAfterMs: 600_000,
    leaseMs: 60_000,
  };
  const actor = { username: 'bench@normen.local', groups: ['editor' as const] };
  const sendTo = async (interest: 'privacy' | 'events', sendRate: number | 'unlimited') => {
    const draft = await createCampaign(dispatchDeps, actor, { subject: `Bench ${interest}`, body: '<p>Nyhetsbrev</p>'.repeat(20), interests: [interest], linkedProducts: [] });
    const prepared = await prepareCampaign(dispatchDeps, await scheduleCampaign(dispatchDeps, actor, draft.id, { expectedRevision: draft.revision }));
    const start = performance.now();
    const result = await dispatchCampaign({ ...dispatchDeps, sendRate }, prepared.id, Date.now() + 600_000);
    return { sent: result.sent, seconds: (performance.now() - start) / 1000 };
  };
  const ours = await sendTo('privacy', 'unlimited');
  // The ceiling: the same number of SendRawEmail calls, same concurrency, nothing else.
  const raw = buildRawEmail({ from: 'Normen <ikke-svar@normen.no>', to: 'raw@bench.local', subject: 'Raw', text: 'x', html: '<p>x</p>' });
  let next = 0;
  const rawStart = performance.now();
  await Promise.all(Array.from({ length: 8 }, async () => { while (next++ < 10_000) await mailer.sendRaw(raw); }));
  const rawSeconds = (performance.now() - rawStart) / 1000;
  const ourRate = ours.sent / ours.seconds;
  const rawRate = 10_000 / rawSeconds;
  console.log(`  10,000 recipients, throttle off: ${ourRate.toFixed(0)} emails/s (${ours.seconds.toFixed(1)} s); raw SendRawEmail loop: ${rawRate.toFixed(0)} emails/s; ratio ${(ourRate / rawRate).toFixed(2)}`);
  const paced = await sendTo('events', 50);
  console.log(`  500 recipients, throttle 50/s: ${(paced.sent / paced.seconds).toFixed(1)} emails/s achieved`);
} finally {
  await system.stop();
  await rm(dataDir, { recursive: true, force: true });
}
