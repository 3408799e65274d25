import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { lambdaBundling } from '../bundling';

/**
 * How the handler code is produced. `esbuild` bundles the entry locally (what `cdk synth` and deploys
 * use); `skip` puts a stub in place so infrastructure tests check the template without bundling.
 */
export type BundlingMode = 'esbuild' | 'skip';

export interface NormenFunctionProps {
  /** Entry file relative to `projectRoot`; it must export `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  /** HTTP API integrations give up after 30 s, so anything longer only wastes money. */
  readonly timeout?: Duration;
  readonly environment: Readonly<Record<string, string>>;
  /** Repository root: holds package-lock.json and the functions' sources. */
  readonly projectRoot: string;
  readonly bundling: BundlingMode;
  readonly alarmTopic?: sns.ITopic;
  readonly logRetention?: logs.RetentionDays;
}

/** Lambda runtime of the platform. One constant, so the tests and the nag reason agree. */
export const NORMEN_RUNTIME = lambda.Runtime.NODEJS_22_X;

/**
 * Our Lambda defaults in one place: Node.js 22 on arm64, an ESM bundle built locally by esbuild,
 * an explicit log group with retention, X-Ray tracing, a role without managed policies (data
 * access is granted by the stack, one statement at a time) and alarms on errors and throttles.
 */
export class NormenFunction extends Construct {
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly errorsAlarm: cloudwatch.Alarm;
  readonly throttlesAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: NormenFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      // Logs outlive a stack deletion: they are the record of what happened.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // An own role instead of AWSLambdaBasicExecutionRole: that managed policy lets the function
    // write to every log group in the account; this one can only write to its own.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.description}`,
    });
    this.logGroup.grantWrite(this.role);

    const common = {
      description: props.description,
      runtime: NORMEN_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memoryMb,
      timeout: props.timeout ?? Duration.seconds(10),
      // The bundle ships a source map; this makes stack traces in the logs point at our sources.
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      logGroup: this.logGroup,
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
    } satisfies Partial<lambda.FunctionProps>;

    if (props.bundling === 'skip') {
      this.function = new lambda.Function(this, 'Function', {
        ...common,
        handler: 'index.handler',
        code: lambda.Code.fromInline("exports.handler = async () => { throw new Error('built without bundling'); };"),
      });
    } else {
      const entry = isAbsolute(props.entry) ? props.entry : join(props.projectRoot, props.entry);
      if (!existsSync(entry)) {
        throw new Error(`Lambda entry ${props.entry} does not exist (declared in functions/routes.ts)`);
      }
      this.function = new NodejsFunction(this, 'Function', {
        ...common,
        entry,
        handler: 'handler',
        projectRoot: props.projectRoot,
        depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
        bundling: {
          forceDockerBundling: false,
          format: OutputFormat.ESM,
          target: lambdaBundling.target,
          mainFields: [...lambdaBundling.mainFields],
          minify: lambdaBundling.minify,
          sourceMap: true,
          sourcesContent: false,
          externalModules: [...lambdaBundling.externalModules],
          banner: lambdaBundling.banner,
        },
      });
    }

    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Node.js 22 is the platform runtime; moving to a newer one is a deliberate, tested upgrade.',
    });

    this.errorsAlarm = new cloudwatch.Alarm(this, 'ErrorsAlarm', {
      alarmDescription: `${props.description}: the function failed (uncaught error or timeout).`,
      metric: this.function.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.throttlesAlarm = new cloudwatch.Alarm(this, 'ThrottlesAlarm', {
      alarmDescription: `${props.description}: invocations were throttled (account concurrency exhausted).`,
      metric: this.function.metricThrottles({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopic) {
      const action = new cloudwatchActions.SnsAction(props.alarmTopic);
      for (const alarm of [this.errorsAlarm, this.throttlesAlarm]) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
    }
  }
}
