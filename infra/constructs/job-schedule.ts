import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { scheduleExpression } from '../../functions/schedules';
import { jobMetrics } from '../../functions/shared/metrics';
import type { ScheduleDeclaration } from '../../functions/schedules';
import { iam5Resource } from '../nag';
import { DeadLetterQueue } from './dead-letter-queue';

/** The time zone of every schedule in functions/schedules.ts (`dailyAt` is Oslo time). */
export const SCHEDULE_TIME_ZONE = TimeZone.of('Europe/Oslo');

/** CloudWatch evaluates at most 7 days of hourly periods. */
const maxMissedRunHours = 7 * 24;

export interface JobScheduleProps {
  readonly schedule: ScheduleDeclaration;
  /** The jobs Lambda; it reads `{"job": name}` and throws when the run fails. */
  readonly target: lambda.IFunction;
  readonly alarmTopic: sns.ITopic;
}

/**
 * One scheduled job: an EventBridge Scheduler schedule in Europe/Oslo invoking the jobs Lambda
 * with `{"job": name}`, a dead-letter queue for invocations the scheduler could not deliver, and
 * alarms on a failed run and on a missed run, so that a job never fails silently.
 */
export class JobSchedule extends Construct {
  readonly schedule: scheduler.Schedule;
  readonly role: iam.Role;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly failedAlarm: cloudwatch.Alarm;
  readonly missedAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: JobScheduleProps) {
    super(scope, id);
    const { job, description, expectedEveryHours } = props.schedule;
    if (!Number.isInteger(expectedEveryHours) || expectedEveryHours < 1 || expectedEveryHours > maxMissedRunHours) {
      throw new Error(`Schedule ${job}: expectedEveryHours must be a whole number of hours from 1 to ${maxMissedRunHours}`);
    }
    const stack = Stack.of(this);

    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      purpose: `Schedule ${job}: invocations EventBridge Scheduler could not deliver to the jobs function`,
      alarmTopic: props.alarmTopic,
    });

    // An own role per schedule (the target construct would share one and name it by hash), so
    // that it can only invoke the jobs function and write to this schedule's dead-letter queue.
    this.role = new iam.Role(this, 'Role', {
      description: `EventBridge Scheduler: runs the ${job} job`,
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
          },
        },
      }),
    });

    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      description: `${job}: ${description}`,
      schedule: scheduler.ScheduleExpression.expression(scheduleExpression(props.schedule), SCHEDULE_TIME_ZONE),
      target: new targets.LambdaInvoke(props.target, {
        role: this.role,
        input: scheduler.ScheduleTargetInput.fromObject({ job }),
        deadLetterQueue: this.deadLetterQueue.queue,
        // Only delivery failures (throttling, service errors) are retried here; a failing run is
        // retried by Lambda's asynchronous invocation and ends in the function's failure queue.
        retryAttempts: 10,
        maxEventAge: Duration.hours(2),
      }),
    });
    Validations.of(this.role).acknowledge({
      id: iam5Resource(this, `${props.target.functionArn}:*`),
      reason: 'Added by lambda grantInvoke: invoking versions and aliases of the one jobs function; no other function is reachable.',
    });

    const metric = (metricName: string): cloudwatch.Metric =>
      new cloudwatch.Metric({
        namespace: jobMetrics.namespace,
        metricName,
        dimensionsMap: { [jobMetrics.dimension]: job },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.hours(1),
      });

    this.failedAlarm = new cloudwatch.Alarm(this, 'FailedAlarm', {
      alarmDescription: `Job ${job} failed (see the job runs in the CMS UI and the jobs function's log).`,
      metric: metric(jobMetrics.failed),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    // Hourly periods, all of them breaching: no successful run for expectedEveryHours hours. An hour
    // without any run has no data point, which counts as breaching, so a run that never starts alarms too.
    this.missedAlarm = new cloudwatch.Alarm(this, 'MissedAlarm', {
      alarmDescription: `Job ${job} has not succeeded for ${expectedEveryHours} hours (missed or failing runs).`,
      metric: metric(jobMetrics.succeeded),
      threshold: 1,
      evaluationPeriods: expectedEveryHours,
      datapointsToAlarm: expectedEveryHours,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
    const action = new cloudwatchActions.SnsAction(props.alarmTopic);
    for (const alarm of [this.failedAlarm, this.missedAlarm]) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
