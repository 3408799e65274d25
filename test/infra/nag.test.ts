import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { describe, expect, it } from 'vitest';
import { buildApp } from './fixture';

interface ValidationReport {
  pluginReports: { pluginName: string; violations: unknown[] }[];
}

/** Every acknowledgement in the app: rule id → reason, with the construct it sits on. */
function acknowledgements(app: ReturnType<typeof buildApp>['app']): { path: string; id: string; reason: string }[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        // CDK stores un-namespaced ids as `Annotation::<id>`; cdk-nag strips that prefix when matching.
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions checks', () => {
  it('pass: synthesis succeeds and the validation report has no open violations', () => {
    // With an alarm email: without one, synth reports a warning on purpose (operations.test.ts).
    const { app } = buildApp({ 'normen:alarmEmail': 'drift@normen.no' });
    const assembly = app.synth();
    const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as ValidationReport;
    expect(report.pluginReports.flatMap((plugin) => plugin.violations)).toEqual([]);
  }, 60_000);

  it('fail synthesis on an unacknowledged finding', () => {
    const { app, stateless } = buildApp();
    // No SSL enforcement, no access logs: AwsSolutions-S1 and -S10.
    new s3.Bucket(stateless, 'UncheckedBucket', { encryption: s3.BucketEncryption.S3_MANAGED });
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  }, 60_000);

  it('acknowledge only the reviewed rules, each with a written reason', () => {
    const { app } = buildApp();
    const acks = acknowledgements(app);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions-[A-Z]+\d+(\[.+\])?$/);
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThanOrEqual(40);
    }
    // A new kind of suppression must be reviewed here, not slip in.
    const rules = new Set(acks.map((ack) => ack.id.replace(/\[.*\]$/, '')));
    expect([...rules].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR2',
      'AwsSolutions-CFR4',
      'AwsSolutions-COG2',
      'AwsSolutions-IAM5',
      'AwsSolutions-L1',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
    // SQS3 (no DLQ of its own) only on queues that are dead-letter queues themselves.
    const sqs3 = acks.filter((ack) => ack.id.endsWith('AwsSolutions-SQS3'));
    expect(sqs3.length).toBeGreaterThan(0);
    expect(sqs3.every((ack) => /DeadLetterQueue\/Queue$|FailureQueue\/Queue$/.test(ack.path) && /itself a dead-letter queue/.test(ack.reason))).toBe(true);
    // APIG4 (no authorizer) only on routes declared public.
    const apig4 = acks.filter((ack) => ack.id.endsWith('AwsSolutions-APIG4'));
    expect(apig4.every((ack) => /is public by design/.test(ack.reason))).toBe(true);
  }, 60_000);
});
