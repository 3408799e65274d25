import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaEnvironment } from '../../functions/lambda-environment';
import { lambdas } from '../../functions/routes';
import type { LambdaName } from '../../functions/routes';
import { buildApp } from './fixture';

/** The real esbuild bundles, as `cdk synth` builds them, loaded the way Lambda loads them. */
describe('Lambda bundles', () => {
  const names = Object.keys(lambdas) as LambdaName[];
  const bundles = new Map<LambdaName, string>();
  const savedEnv = { ...process.env };
  /** Read at load, as the secret is in Lambda. */
  let keysFile = '';

  beforeAll(() => {
    keysFile = join(mkdtempSync(join(tmpdir(), 'normen-keys-')), 'link-keys');
    writeFileSync(keysFile, 'a-test-secret-that-is-long-enough-0123456789');
    const built = buildApp({ 'normen:bundling': 'esbuild' });
    const template = Template.fromStack(built.stateless).toJSON() as { Resources: Record<string, { Properties: any }> };
    for (const name of names) {
      const logicalId = built.stateless.getLogicalId(built.stateless.functions[name].function.node.defaultChild as never);
      const key = template.Resources[logicalId]!.Properties.Code.S3Key as string;
      bundles.set(name, join(built.app.outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs'));
    }
  }, 120_000);

  afterAll(() => {
    process.env = savedEnv;
  });

  it.each(names)('%s: is an ES module with the require shim and a source map', (name) => {
    const file = bundles.get(name)!;
    expect(existsSync(file), file).toBe(true);
    expect(existsSync(`${file}.map`)).toBe(true);
    expect(readFileSync(file, 'utf8').startsWith("import { createRequire as __normenCreateRequire } from 'node:module';")).toBe(true);
  });

  it.each(names)('%s: loads with its own environment and exports handler', async (name) => {
    // What the stack gives this function (functions/lambda-environment.ts); Lambda sets AWS_REGION itself.
    process.env = {
      ...savedEnv,
      AWS_REGION: 'eu-north-1',
      ...lambdaEnvironment(name, {
        tableName: 'normen-test',
        filesBucket: 'normen-files-test',
        fileUrlTtlSeconds: 300,
        mailFrom: 'Normen <ikke-svar@normen.no>',
        linkSecret: { LINK_KEYS_FILE: keysFile },
        publicApiUrl: 'https://api.example.org',
        cmsUrl: 'https://cms.example.org/',
        functionName: (target) => `normen-${target}`,
        userPoolId: 'eu-north-1_test',
      }),
    };
    const module = (await import(pathToFileURL(bundles.get(name)!).href)) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });
});
