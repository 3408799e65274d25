import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createNormenApp, projectRoot } from '../../infra/normen-app';
import type { NormenApp, NormenAppOptions } from '../../infra/normen-app';

/** The context `cdk synth` uses (feature flags included), so tests check what gets deployed. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(projectRoot, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}

/**
 * The real app with stub Lambda code unless told otherwise, in a fresh output directory. The CMS
 * build defaults to a folder that does not exist, so tests do not depend on whether someone ran
 * `npm run build:cms`. cdk-nag runs unless `nagChecks` is false (nag.test.ts covers it; template
 * tests turn it off so a broken rule shows as their own failing assertion, not a failed synth).
 */
export function buildApp(context: Record<string, unknown> = {}, options: NormenAppOptions = {}): NormenApp {
  const outdir = mkdtempSync(join(tmpdir(), 'normen-cdk-'));
  return createNormenApp(
    {
      outdir,
      context: {
        ...cdkJsonContext(),
        'normen:bundling': 'skip',
        'normen:cmsDistDir': join(outdir, 'no-cms-build'),
        ...context,
      },
    },
    options,
  );
}

export interface Synthesized extends NormenApp {
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
}

export function synthesize(context: Record<string, unknown> = {}): Synthesized {
  const built = buildApp(context, { nagChecks: false });
  return {
    ...built,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
  };
}
