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
import { seedPublishedProducts, seedReviewCatalogue } from './seed-catalogue';

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
            { env: { ...process.env, TABLE_NAME: 'bench', FILES_BUCKET: 'bench', AWS_REGION: 'eu-north-1' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
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
} finally {
  await system.stop();
  await rm(dataDir, { recursive: true, force: true });
}
