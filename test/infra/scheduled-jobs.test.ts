import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobRun } from '../../content-model';
import { runRecordedJob } from '../../functions/jobs/runner';
import { lambdas } from '../../functions/routes';
import type { LambdaName } from '../../functions/routes';
import { schedules } from '../../functions/schedules';
import { fixedClock } from '../../functions/shared/clock';
import type { Store } from '../../functions/store';
import { JobSchedule } from '../../infra/constructs/job-schedule';
import { buildApp, synthesize } from './fixture';
import type { Synthesized } from './fixture';
import { expectMonitoredQueue as expectMonitoredQueueIn } from './queues';
import type { Resource } from './queues';

let synth: Synthesized;
let resources: Record<string, Resource>;
beforeAll(() => {
  synth = synthesize();
  resources = synth.statelessTemplate.toJSON().Resources as Record<string, Resource>;
}, 60_000);

function ofType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

function logicalId(construct: { node: { defaultChild?: unknown } }): string {
  return synth.stateless.getLogicalId(construct.node.defaultChild as never);
}

function jobsFunctionArn(): unknown {
  return { 'Fn::GetAtt': [logicalId(synth.stateless.functions.jobs.function), 'Arn'] };
}

function alarmTopic(): unknown {
  return { Ref: logicalId(synth.stateless.alarmTopic) };
}

/** Alarms on a metric of the jobs runner for one job. */
function jobAlarms(job: string, metricName: string): Resource[] {
  return ofType('AWS::CloudWatch::Alarm')
    .map(([, alarm]) => alarm)
    .filter(
      (alarm) =>
        alarm.Properties.Namespace === 'Normen/Jobs' &&
        alarm.Properties.MetricName === metricName &&
        JSON.stringify(alarm.Properties.Dimensions) === JSON.stringify([{ Name: 'Job', Value: job }]),
    );
}

/** CloudWatch's limits on an alarm's window (PutMetricAlarm): rejected at deploy, so checked here. */
function expectValidWindow(alarm: Resource): void {
  const { Period: period, EvaluationPeriods: periods } = alarm.Properties as { Period: number; EvaluationPeriods: number };
  expect(period % 60).toBe(0);
  expect(period * periods).toBeLessThanOrEqual(7 * 24 * 3600);
  if (period < 3600) expect(period * periods).toBeLessThanOrEqual(24 * 3600);
}

describe('job metrics', () => {
  it('are the ones the jobs runner emits (namespace, dimension, metric names), one data point per run', async () => {
    const written: string[] = [];
    // Powertools Metrics writes EMF to process.stdout (CloudWatch Logs extracts the metric from it).
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const store = { jobRuns: { save: async (_run: JobRun) => undefined } } as unknown as Store;
      const deps = { store, clock: fixedClock('2026-12-04T09:00:00Z') };
      await runRecordedJob(deps, 'review-check', { kind: 'schedule', by: null }, async () => ({ counts: { dueProducts: 0 }, errors: [] }));
      await runRecordedJob(deps, 'seat-holds', { kind: 'schedule', by: null }, async () => {
        throw new Error('the table is gone');
      });
    } finally {
      stdout.mockRestore();
    }
    const emf = written
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as { _aws: { CloudWatchMetrics: unknown[] } } & Record<string, unknown>);
    expect(emf).toHaveLength(2);
    for (const line of emf) {
      // Exactly what the alarms watch: the Job dimension alone.
      expect(line._aws.CloudWatchMetrics).toEqual([
        {
          Namespace: 'Normen/Jobs',
          Dimensions: [['Job']],
          Metrics: [
            { Name: 'JobSucceeded', Unit: 'Count' },
            { Name: 'JobFailed', Unit: 'Count' },
          ],
        },
      ]);
    }
    expect(emf[0]).toMatchObject({ Job: 'review-check', JobSucceeded: 1, JobFailed: 0 });
    expect(emf[1]).toMatchObject({ Job: 'seat-holds', JobSucceeded: 0, JobFailed: 1 });
  });
});

describe('schedules', () => {
  it('has exactly one EventBridge Scheduler schedule per declared schedule', () => {
    expect(schedules.length).toBeGreaterThan(0);
    const inputs = ofType('AWS::Scheduler::Schedule').map(([, schedule]) => JSON.parse(schedule.Properties.Target.Input as string));
    expect(inputs.map((input: { job: string }) => input.job).sort()).toEqual(schedules.map((schedule) => schedule.job).sort());
  });

  it.each(schedules.map((schedule) => [schedule.job, schedule] as const))(
    '%s: runs at its Oslo time or rate and invokes the jobs function with {"job": name}',
    (job, declaration) => {
      const [[, schedule]] = ofType('AWS::Scheduler::Schedule').filter(
        ([, candidate]) => JSON.parse(candidate.Properties.Target.Input as string).job === job,
      ) as [[string, Resource]];
      expect(schedule.Properties).toMatchObject({
        ScheduleExpression:
          'dailyAt' in declaration ? `cron(${declaration.dailyAt.minute} ${declaration.dailyAt.hour} * * ? *)` : rate(declaration.everyMinutes),
        ScheduleExpressionTimezone: 'Europe/Oslo',
        State: 'ENABLED',
        FlexibleTimeWindow: { Mode: 'OFF' },
      });
      expect(JSON.parse(schedule.Properties.Target.Input as string)).toEqual({ job });
      expect(schedule.Properties.Target.Arn).toEqual(jobsFunctionArn());
      expect(schedule.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBeGreaterThan(0);
      expect(schedule.Properties.Target.RetryPolicy.MaximumEventAgeInSeconds).toBeLessThanOrEqual(24 * 3600);
    },
  );

  it.each(schedules.map((schedule) => schedule.job))('%s: undeliverable invocations go to an encrypted, HTTPS-only queue that raises an alarm', (job) => {
    const [[, schedule]] = ofType('AWS::Scheduler::Schedule').filter(
      ([, candidate]) => JSON.parse(candidate.Properties.Target.Input as string).job === job,
    ) as [[string, Resource]];
    const queueId = (schedule.Properties.Target.DeadLetterConfig?.Arn as { 'Fn::GetAtt': [string, string] } | undefined)?.['Fn::GetAtt'][0];
    expect(queueId).toBeDefined();
    expectMonitoredQueue(queueId!);
  });

  it.each(schedules.map((schedule) => schedule.job))('%s: the scheduler role can invoke the jobs function and write to its queue, nothing else', (job) => {
    const [[, schedule]] = ofType('AWS::Scheduler::Schedule').filter(
      ([, candidate]) => JSON.parse(candidate.Properties.Target.Input as string).job === job,
    ) as [[string, Resource]];
    const roleId = (schedule.Properties.Target.RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    const role = resources[roleId]!;
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const [trust] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust.Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    expect(trust.Condition.StringEquals['aws:SourceAccount']).toBeDefined();

    const statements = ofType('AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);
    const actions = statements.flatMap((statement) => [statement.Action].flat()).sort();
    expect(actions).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    const invoke = statements.find((statement) => statement.Action === 'lambda:InvokeFunction')!;
    const invoked = JSON.stringify(invoke.Resource);
    for (const name of Object.keys(lambdas) as LambdaName[]) {
      if (name !== 'jobs') expect(invoked, name).not.toContain(`"${logicalId(synth.stateless.functions[name].function)}"`);
    }
    expect([invoke.Resource].flat()).toContainEqual(jobsFunctionArn());
  });
});

describe('job alarms', () => {
  it.each(schedules.map((schedule) => schedule.job))('%s: alarms on a failed run (JobFailed >= 1 within an hour)', (job) => {
    const alarms = jobAlarms(job, 'JobFailed');
    expect(alarms).toHaveLength(1);
    const [alarm] = alarms as [Resource];
    expect(alarm.Properties).toMatchObject({
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.Properties.Period * alarm.Properties.EvaluationPeriods).toBe(3600);
    expect(alarm.Properties.AlarmActions).toEqual([alarmTopic()]);
    expectValidWindow(alarm);
  });

  it.each(schedules.map((schedule) => [schedule.job, schedule.expectedEveryHours] as const))(
    '%s: alarms on a missed run (no JobSucceeded for %i hours, missing data breaching)',
    (job, hours) => {
      const alarms = jobAlarms(job, 'JobSucceeded');
      expect(alarms).toHaveLength(1);
      const [alarm] = alarms as [Resource];
      expect(alarm.Properties).toMatchObject({
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        TreatMissingData: 'breaching',
      });
      // Every period in the window must breach: together they span exactly expectedEveryHours.
      expect(alarm.Properties.DatapointsToAlarm ?? alarm.Properties.EvaluationPeriods).toBe(alarm.Properties.EvaluationPeriods);
      expect(alarm.Properties.Period * alarm.Properties.EvaluationPeriods).toBe(hours * 3600);
      expect(alarm.Properties.AlarmActions).toEqual([alarmTopic()]);
      expectValidWindow(alarm);
    },
  );

  it('refuses a missed-run window CloudWatch cannot evaluate', () => {
    const { stateless } = buildApp({}, { nagChecks: false });
    const [first] = schedules;
    const props = { target: stateless.functions.jobs.function, alarmTopic: stateless.alarmTopic };
    expect(() => new JobSchedule(stateless, 'TooLong', { ...props, schedule: { ...first, expectedEveryHours: 24 * 7 + 1 } })).toThrow(/expectedEveryHours/);
    expect(() => new JobSchedule(stateless, 'Fractional', { ...props, schedule: { ...first, expectedEveryHours: 1.5 } })).toThrow(/expectedEveryHours/);
  });
});

describe('newsletter-dispatch', () => {
  const declaration = schedules.find((schedule) => schedule.job === 'newsletter-dispatch');

  it('runs every minute and alarms when it has not succeeded for an hour', () => {
    expect(declaration).toMatchObject({ everyMinutes: 1, expectedEveryHours: 1 });
    const [[, schedule]] = ofType('AWS::Scheduler::Schedule').filter(
      ([, candidate]) => JSON.parse(candidate.Properties.Target.Input as string).job === 'newsletter-dispatch',
    ) as [[string, Resource]];
    expect(schedule.Properties.ScheduleExpression).toBe('rate(1 minute)');
    const [missed] = jobAlarms('newsletter-dispatch', 'JobSucceeded') as [Resource];
    expect(missed.Properties).toMatchObject({ Period: 3600, EvaluationPeriods: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching' });
  });

  it('may overlap itself: no concurrency cap below the runs a per-minute schedule keeps in flight', () => {
    const jobs = resources[logicalId(synth.stateless.functions.jobs.function)]!;
    const timeoutSeconds = jobs.Properties.Timeout as number;
    expect(timeoutSeconds).toBe(300);
    // A run started every minute lives up to the timeout; a lower cap throttles the scheduler's invocations.
    const inFlight = Math.ceil(timeoutSeconds / 60) + 1;
    expect(jobs.Properties.ReservedConcurrentExecutions ?? Number.POSITIVE_INFINITY).toBeGreaterThanOrEqual(inFlight);
  });
});

describe('event jobs', () => {
  it('event-notifications and seat-holds run every 5 minutes and event-retention daily at 03:30 Oslo time, all on the jobs function', () => {
    const byJob = new Map(
      ofType('AWS::Scheduler::Schedule').map(([, schedule]) => [JSON.parse(schedule.Properties.Target.Input as string).job as string, schedule]),
    );
    expect(byJob.get('event-notifications')?.Properties.ScheduleExpression).toBe('rate(5 minutes)');
    expect(byJob.get('event-retention')?.Properties.ScheduleExpression).toBe('cron(30 3 * * ? *)');
    expect(byJob.get('seat-holds')?.Properties.ScheduleExpression).toBe('rate(5 minutes)');
    for (const job of ['event-notifications', 'event-retention', 'seat-holds']) {
      expect(byJob.get(job)?.Properties.Target.Arn, job).toEqual(jobsFunctionArn());
      expect(jobAlarms(job, 'JobFailed'), job).toHaveLength(1);
      expect(jobAlarms(job, 'JobSucceeded'), job).toHaveLength(1);
    }
  });
});

describe('jobs function', () => {
  it('parks runs that still fail after Lambda retried them in a monitored queue', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(
      ([, config]) => JSON.stringify(config.Properties.FunctionName) === JSON.stringify({ Ref: logicalId(synth.stateless.functions.jobs.function) }),
    );
    expect(configs).toHaveLength(1);
    const [[, config]] = configs as [[string, Resource]];
    expect(config.Properties.MaximumRetryAttempts).toBeGreaterThan(0);
    const queueId = (config.Properties.DestinationConfig.OnFailure.Destination as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    expectMonitoredQueue(queueId);
  });

  it('every queue in the stack is encrypted, HTTPS-only and alarmed', () => {
    const queues = ofType('AWS::SQS::Queue');
    // One per schedule, the jobs failure queue, and the SES feedback's dead-letter and failure queues.
    expect(queues).toHaveLength(schedules.length + 1 + 2);
    for (const [id] of queues) expectMonitoredQueue(id);
  });
});

/** EventBridge Scheduler's rate syntax: singular unit for 1, plural otherwise (rate(1 minute), rate(5 minutes)). */
function rate(minutes: number): string {
  return `rate(${minutes} ${minutes === 1 ? 'minute' : 'minutes'})`;
}

function expectMonitoredQueue(queueId: string): void {
  expectMonitoredQueueIn(resources, queueId, alarmTopic());
}
