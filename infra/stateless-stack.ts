import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, CfnOutput, Duration, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { corsConfiguration } from '../functions/cors';
import { invokedFunctions, lambdaEnvironment } from '../functions/lambda-environment';
import { headRoutes, lambdas, routeKey, routes } from '../functions/routes';
import type { LambdaName, LambdaNeeds } from '../functions/routes';
import { metricsNamespace, serverErrorMetric, serviceDimension } from '../functions/shared/metrics';
import { schedules } from '../functions/schedules';
import { DeadLetterQueue } from './constructs/dead-letter-queue';
import { JobSchedule } from './constructs/job-schedule';
import { NormenFunction } from './constructs/normen-function';
import type { BundlingMode } from './constructs/normen-function';
import { grantInvokeFunction, grantObjects, grantSecretValue, grantSendEmail, grantSendQuota, grantTableRead, grantTableWrite, grantUserAdmin } from './grants';
import type { ObjectAction } from './grants';
import { assetBucketObjects, iam5Resource } from './nag';
import {
  cmsBucketName,
  filesBucketName,
  mailConfigurationSetArn,
  mailConfigurationSetName,
  mailEventsTopicArn,
  linkTokenSecretArn,
  linkTokenSecretName,
  mailIdentityArn,
} from './names';
import type { StatefulStack } from './stateful-stack';

export interface StatelessStackProps extends StackProps {
  readonly stateful: StatefulStack;
  /** Same stage prefix as the stateful stack: the bucket names are derived from it. */
  readonly resourcePrefix: string;
  readonly projectRoot: string;
  readonly bundling: BundlingMode;
  /** Receives every alarm; without it the alarms still show in CloudWatch (and synth warns). */
  readonly alarmEmail?: string;
  /**
   * Custom domain of the public API (`normen:apiDomain` + `normen:apiCertificateArn`, an ACM
   * certificate in the stack's region). When set, every link in an email points at it.
   */
  readonly apiDomain?: { readonly name: string; readonly certificateArn: string };
  /** Built CMS UI (`npm run build:cms`); deployed only if it exists at synth time. */
  readonly cmsDistDir?: string;
  /** Domain of the SES identity (created by the stateful stack) the functions may send through. */
  readonly mailDomain: string;
  /** MAIL_FROM: the sender of every email, an address in `mailDomain`. */
  readonly mailFrom: string;
  /** Origins of the website whose JavaScript reads the API (context `normen:websiteOrigins`), allowed by CORS besides the CMS. */
  readonly websiteOrigins: readonly string[];
}

/** Lambdas an HTTP API route may integrate with: those declared with trigger 'http'. */
type HttpLambdaName = { [N in LambdaName]: (typeof lambdas)[N]['trigger'] extends 'http' ? N : never }[LambdaName];

/** Seconds a presigned download or upload URL stays valid (FILE_URL_TTL_SECONDS). */
const fileUrlTtlSeconds = 300;

/**
 * Everything that can be replaced on every deploy: the functions, the HTTP API built from
 * functions/routes.ts, the schedules from functions/schedules.ts, alarms, and the CMS UI's
 * content and runtime configuration.
 */
export class StatelessStack extends Stack {
  readonly functions: Readonly<Record<LambdaName, NormenFunction>>;
  readonly httpApi: apigwv2.HttpApi;
  readonly alarmTopic: sns.Topic;
  /** Per HTTP function: its handlers answered 5xx (the ServerErrors metric of functions/shared/metrics.ts). */
  readonly serverErrorAlarms: Readonly<Partial<Record<LambdaName, cloudwatch.Alarm>>>;
  /** API Gateway's own 5xx on the stage: integration failures and timeouts the functions never count. */
  readonly apiServerErrorsAlarm: cloudwatch.Alarm;
  /** The custom domain, when `apiDomain` is set. */
  readonly apiDomainName?: apigwv2.DomainName;
  /** Where the links in emails point: `https://<apiDomain>` or the execute-api endpoint. */
  readonly publicApiUrl: string;
  readonly jobSchedules: readonly JobSchedule[];
  /** Asynchronous invocations of the jobs function that failed after Lambda's retries. */
  readonly jobsFailureQueue: DeadLetterQueue;
  /** SES events SNS could not deliver to the feedback function. */
  readonly sesFeedbackDeadLetterQueue: DeadLetterQueue;
  /** SES events the feedback function still failed on after Lambda's retries. */
  readonly sesFeedbackFailureQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { table, userPool, userPoolClient, cmsDistribution, cmsOrigin } = props.stateful;
    // By name, not by reference: see infra/names.ts.
    const filesBucket = s3.Bucket.fromBucketName(this, 'FilesBucket', filesBucketName(this, props.resourcePrefix));
    const cmsBucket = s3.Bucket.fromBucketName(this, 'CmsBucket', cmsBucketName(this, props.resourcePrefix));
    this.addStackDependency(props.stateful, 'table, buckets and user pool must exist first');

    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', { displayName: 'Normen alarms', enforceSSL: true });
    if (props.alarmEmail) {
      this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    } else {
      // Shown by `cdk synth` and `npm run deploy`: without a subscriber an alarm reaches nobody.
      Annotations.of(this).addWarningV2(
        'normen:noAlarmEmail',
        'No one is subscribed to the alarm topic: deploy with -c normen:alarmEmail=you@example.org (or set it in cdk.json), then confirm the email SNS sends.',
      );
    }

    // Each function's environment comes from what it declares in functions/routes.ts (the local server
    // derives its per-function environment the same way). The API's URL is known once the API exists,
    // below; the API does not depend on the functions (routes and integrations are separate
    // resources), so its endpoint can go into their configuration without a dependency cycle.
    const environmentValues = {
      tableName: table.tableName,
      filesBucket: filesBucket.bucketName,
      fileUrlTtlSeconds,
      mailFrom: props.mailFrom,
      sesConfigurationSet: mailConfigurationSetName(props.resourcePrefix),
      // The secret's name only: the functions read the keys at run time.
      linkSecret: { LINK_KEYS_SECRET_ID: linkTokenSecretName(props.resourcePrefix) },
      // The custom domain when there is one, else the API's own endpoint (both known only further down).
      publicApiUrl: Lazy.string({ produce: () => this.publicApiUrl }),
      cmsUrl: `${cmsOrigin}/`,
      // A function another one invokes may be created after it: its name is filled in at synth.
      functionName: (name: LambdaName) => Lazy.string({ produce: () => functions[name].function.functionName }),
      userPoolId: userPool.userPoolId,
    };
    const functions = {} as Record<LambdaName, NormenFunction>;
    for (const [name, declaration] of Object.entries(lambdas) as [LambdaName, (typeof lambdas)[LambdaName]][]) {
      functions[name] = new NormenFunction(this, `Fn-${name}`, {
        entry: declaration.entry,
        description: declaration.description,
        memoryMb: declaration.memoryMb,
        timeout: Duration.seconds(declaration.needs.timeoutSeconds),
        environment: lambdaEnvironment(name, environmentValues),
        projectRoot: props.projectRoot,
        bundling: props.bundling,
        alarmTopic: this.alarmTopic,
      });
    }
    this.functions = functions;

    // Least privilege, per function (see infra/grants.ts), from what each declares in functions/routes.ts.
    const grantFiles = (role: iam.Role, actions: readonly ObjectAction[]): void => {
      grantObjects(role, filesBucket, actions);
      Validations.of(role).acknowledge({
        id: iam5Resource(this, filesBucket.arnForObjects('*')),
        reason: 'Object keys are chosen at runtime per product and attachment; access is object-level only (no list or delete) in the one files bucket.',
      });
    };
    // The one SES identity and the one configuration set, by ARN (see infra/names.ts): no function
    // can send as another sender, and every email it sends publishes its events to the feedback function
    // (SES_CONFIGURATION_SET is in the environment of every function that declares `mail`).
    const sendEmail = (fn: NormenFunction): void => {
      grantSendEmail(fn.role, mailIdentityArn(this, props.mailDomain), mailConfigurationSetArn(this, props.resourcePrefix));
    };
    // The newsletter dispatcher paces itself by the account's maximum send rate.
    const readSendQuota = (fn: NormenFunction): void => {
      grantSendQuota(fn.role);
      Validations.of(fn.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'ses:GetSendQuota (the newsletter dispatcher reads the account send rate) supports no resource-level permissions; so do the X-Ray actions.',
      });
    };
    // The functions that sign or verify links (newsletter and event registration links share one
    // signer) read the keys from Secrets Manager at run time (functions/shared/link-keys.ts): the
    // environment names the secret (environmentValues.linkSecret), never holds it, so
    // lambda:GetFunctionConfiguration reveals nothing.
    const signLinks = (fn: NormenFunction): void => {
      grantSecretValue(fn.role, linkTokenSecretArn(this, props.resourcePrefix));
    };
    const grant = (fn: NormenFunction, needs: LambdaNeeds): void => {
      grantTableRead(fn.role, table);
      if (needs.table === 'read-count') grantTableWrite(fn.role, table, ['dynamodb:PutItem', 'dynamodb:UpdateItem']);
      if (needs.table === 'read-write') grantTableWrite(fn.role, table);
      if (needs.files) grantFiles(fn.role, needs.files === 'read-write' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject']);
      if (needs.mail) sendEmail(fn);
      if (needs.mail === 'dispatch') readSendQuota(fn);
      if (needs.linkSecret) signLinks(fn);
      if (needs.userPool === 'admin') grantUserAdmin(fn.role, userPool.userPoolArn);
    };
    for (const name of Object.keys(functions) as LambdaName[]) {
      grant(functions[name], lambdas[name].needs);
      // Exactly the functions it declares in `invokes` ("run now" invokes the jobs function).
      for (const target of invokedFunctions(name)) grantInvokeFunction(functions[name].role, functions[target].function.functionArn);
    }

    this.httpApi = this.createHttpApi(functions, userPool, userPoolClient, cmsOrigin, props.websiteOrigins);
    // The one stage, created by createHttpApi under this id (the API has no default stage object).
    const apiStage = this.node.findChild('DefaultStage') as apigwv2.HttpStage;
    this.apiDomainName = props.apiDomain ? this.mapApiDomain(props.apiDomain, apiStage) : undefined;
    this.publicApiUrl = props.apiDomain ? `https://${props.apiDomain.name}` : this.httpApi.apiEndpoint;
    const alarms = this.alarmOnServerErrors(functions, apiStage);
    this.serverErrorAlarms = alarms.functions;
    this.apiServerErrorsAlarm = alarms.api;

    // Scheduled jobs: EventBridge Scheduler invokes the jobs function asynchronously. A failed run
    // throws; Lambda retries it twice (the jobs are idempotent) and then parks the event here.
    this.jobsFailureQueue = new DeadLetterQueue(this, 'JobsFailureQueue', {
      purpose: 'Jobs function: scheduled runs that still failed after Lambda retried them',
      alarmTopic: this.alarmTopic,
    });
    functions.jobs.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(2),
      onFailure: new destinations.SqsDestination(this.jobsFailureQueue.queue),
    });
    // newsletter-dispatch runs every minute for up to 4 of the function's 5 minutes, so up to five runs
    // overlap; that is safe (each delivery is claimed with a conditional write). No reserved concurrency:
    // a cap below the overlap would throttle the scheduler's invocations (the throttle alarm, and events
    // queued until they expire into the failure queue), and reserving any can fail the deploy on an
    // account with the minimum concurrency quota.
    this.jobSchedules = schedules.map(
      (schedule) => new JobSchedule(this, `Job-${schedule.job}`, { schedule, target: functions.jobs.function, alarmTopic: this.alarmTopic }),
    );

    const feedback = this.subscribeSesFeedback(functions.sesFeedback, props.resourcePrefix);
    this.sesFeedbackDeadLetterQueue = feedback.deadLetterQueue;
    this.sesFeedbackFailureQueue = feedback.failureQueue;

    this.deployCms(props, cmsBucket, cmsDistribution, userPoolClient.userPoolClientId);

    new CfnOutput(this, 'ApiUrl', { value: this.publicApiUrl, description: 'HTTP API base URL (the links in emails point here)' });
    if (this.apiDomainName) {
      new CfnOutput(this, 'ApiDomainTarget', {
        value: this.apiDomainName.regionalDomainName,
        description: `DNS: point ${props.apiDomain?.name} here (CNAME, or an alias record on hosted zone ${this.apiDomainName.regionalHostedZoneId})`,
      });
      new CfnOutput(this, 'ApiExecuteUrl', { value: this.httpApi.apiEndpoint, description: 'The execute-api URL behind the custom domain' });
    }
    new CfnOutput(this, 'CmsUrl', { value: cmsOrigin, description: 'CMS UI' });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
  }

  /**
   * The public API under its own domain, so links in emails outlive this (replaceable) stack's
   * execute-api URL: a regional domain with TLS 1.2 at least, mapped to the one stage.
   */
  private mapApiDomain(domain: { name: string; certificateArn: string }, stage: apigwv2.HttpStage): apigwv2.DomainName {
    const domainName = new apigwv2.DomainName(this, 'ApiDomain', {
      domainName: domain.name,
      certificate: acm.Certificate.fromCertificateArn(this, 'ApiCertificate', domain.certificateArn),
      endpointType: apigwv2.EndpointType.REGIONAL,
      securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
    });
    const mapping = new apigwv2.ApiMapping(this, 'ApiMapping', { api: this.httpApi, domainName, stage });
    // The stage name is a literal ('$default'), so CloudFormation would not know to create it first.
    mapping.node.addDependency(stage);
    return domainName;
  }

  /**
   * No failure is silent: a handler's 5xx (an error mapped to a response, which Lambda counts as a
   * success) raises its function's alarm; API Gateway's own 5xx (a function that timed out or
   * crashed before answering) raises the API's.
   */
  private alarmOnServerErrors(
    functions: Readonly<Record<LambdaName, NormenFunction>>,
    stage: apigwv2.HttpStage,
  ): { functions: Partial<Record<LambdaName, cloudwatch.Alarm>>; api: cloudwatch.Alarm } {
    const action = new cloudwatchActions.SnsAction(this.alarmTopic);
    const withActions = (alarm: cloudwatch.Alarm): cloudwatch.Alarm => {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      return alarm;
    };
    const alarmProps = {
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    } as const;
    const perFunction: Partial<Record<LambdaName, cloudwatch.Alarm>> = {};
    for (const name of Object.keys(lambdas) as LambdaName[]) {
      if (lambdas[name].trigger !== 'http') continue;
      perFunction[name] = withActions(
        new cloudwatch.Alarm(functions[name], 'ServerErrorsAlarm', {
          ...alarmProps,
          alarmDescription: `${lambdas[name].description}: answered with a 5xx (see the function's log for the error and operation).`,
          metric: new cloudwatch.Metric({
            namespace: metricsNamespace,
            metricName: serverErrorMetric,
            dimensionsMap: { [serviceDimension]: name },
            period: Duration.minutes(5),
            statistic: cloudwatch.Stats.SUM,
          }),
        }),
      );
    }
    const api = withActions(
      new cloudwatch.Alarm(this, 'ApiServerErrorsAlarm', {
        ...alarmProps,
        alarmDescription: 'HTTP API: answered with a 5xx (a function timed out, crashed or returned an invalid response).',
        metric: stage.metricServerError({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }),
      }),
    );
    return { functions: perFunction, api };
  }

  /**
   * The feedback function on the SES events topic of the stateful stack (by its derived ARN). SNS
   * invokes Lambda asynchronously: a thrown error is retried by Lambda and then parked in the
   * failure queue; what SNS itself cannot deliver goes to the subscription's dead-letter queue.
   */
  private subscribeSesFeedback(feedback: NormenFunction, prefix: string): { deadLetterQueue: DeadLetterQueue; failureQueue: DeadLetterQueue } {
    const topic = sns.Topic.fromTopicArn(this, 'MailEventsTopic', mailEventsTopicArn(this, prefix));
    const deadLetterQueue = new DeadLetterQueue(this, 'SesFeedbackDeadLetterQueue', {
      purpose: 'SES feedback: events SNS could not deliver to the feedback function',
      alarmTopic: this.alarmTopic,
    });
    const failureQueue = new DeadLetterQueue(this, 'SesFeedbackFailureQueue', {
      purpose: 'SES feedback: events the feedback function still failed on after Lambda retried them',
      alarmTopic: this.alarmTopic,
    });
    feedback.function.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(failureQueue.queue),
    });
    topic.addSubscription(new subscriptions.LambdaSubscription(feedback.function, { deadLetterQueue: deadLetterQueue.queue }));
    return { deadLetterQueue, failureQueue };
  }

  private createHttpApi(
    functions: Readonly<Record<LambdaName, NormenFunction>>,
    userPool: StatefulStack['userPool'],
    userPoolClient: StatefulStack['userPoolClient'],
    cmsOrigin: string,
    websiteOrigins: readonly string[],
  ): apigwv2.HttpApi {
    // Declared once in functions/cors.ts; the local server applies the same configuration.
    const cors = corsConfiguration({ cms: cmsOrigin, websites: websiteOrigins });
    const api = new apigwv2.HttpApi(this, 'HttpApi', {
      description: 'Normen platform API (routes from functions/routes.ts)',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...cors.allowOrigins],
        allowMethods: cors.allowMethods.map((method) => apigwv2.CorsHttpMethod[method]),
        allowHeaders: [...cors.allowHeaders],
        exposeHeaders: [...cors.exposeHeaders],
        maxAge: Duration.seconds(cors.maxAgeSeconds),
      },
    });

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      // Public forms are the abuse surface; this caps cost and load, and callers get 429.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            sub: '$context.authorizer.claims.sub',
          }),
        ),
      },
    });

    const authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', userPool, {
      userPoolClients: [userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    // Only functions triggered over HTTP get integrations; scheduled ones are not reachable from the API.
    const httpLambdas = (Object.keys(lambdas) as LambdaName[]).filter((name): name is HttpLambdaName => lambdas[name].trigger === 'http');
    const integrations = Object.fromEntries(
      httpLambdas.map((name) => [name, new HttpLambdaIntegration(`Integration-${name}`, functions[name].function)]),
    ) as Record<HttpLambdaName, HttpLambdaIntegration>;

    for (const route of routes) {
      const isPublic = route.access === 'public';
      const httpRoute = new apigwv2.HttpRoute(this, `Route-${route.operationId}`, {
        httpApi: api,
        routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod[route.method]),
        integration: integrations[route.lambda],
        authorizer: isPublic ? undefined : authorizer,
      });
      if (isPublic) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${routeKey(route)} is public by design (access 'public' in functions/routes.ts).`,
        });
      }
    }
    // HTTP API does not answer HEAD on a GET route: each public GET gets a HEAD route of its own.
    for (const route of headRoutes(routes)) {
      const headRoute = new apigwv2.HttpRoute(this, `Route-${route.operationId}-head`, {
        httpApi: api,
        routeKey: apigwv2.HttpRouteKey.with(route.path, apigwv2.HttpMethod.HEAD),
        integration: integrations[route.lambda],
      });
      Validations.of(headRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${routeKey(route)} is public by design: it answers like the public GET of the same path (functions/routes.ts).`,
      });
    }
    return api;
  }

  private deployCms(props: StatelessStackProps, cmsBucket: s3.IBucket, cmsDistribution: StatefulStack['cmsDistribution'], clientId: string): void {
    // The deployment handler gets its own role and log group for the same reason as NormenFunction.
    const logGroup = new logs.LogGroup(this, 'CmsDeploymentLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new iam.Role(this, 'CmsDeploymentRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the CMS UI build and config.json into the CMS bucket',
    });
    logGroup.grantWrite(role);

    const common = {
      destinationBucket: cmsBucket,
      distribution: cmsDistribution,
      role,
      logGroup,
      memoryLimit: 512,
    } satisfies Partial<s3deploy.BucketDeploymentProps>;

    const cmsDistDir = props.cmsDistDir ?? join(props.projectRoot, 'cms', 'dist');
    if (existsSync(cmsDistDir)) {
      new s3deploy.BucketDeployment(this, 'CmsAssets', {
        ...common,
        sources: [s3deploy.Source.asset(cmsDistDir)],
        // config.json belongs to the other deployment; excluding it also keeps pruning off it.
        exclude: ['config.json'],
        distributionPaths: ['/*'],
      });
    }
    new s3deploy.BucketDeployment(this, 'CmsConfig', {
      ...common,
      sources: [
        s3deploy.Source.jsonData('config.json', {
          // The execute-api URL even with a custom domain: the CMS's CSP (connect-src) allows *.amazonaws.com.
          apiUrl: this.httpApi.apiEndpoint,
          cognito: { endpoint: `https://cognito-idp.${this.region}.amazonaws.com/`, clientId },
        }),
      ],
      prune: false,
      cacheControl: [s3deploy.CacheControl.noCache()],
      distributionPaths: ['/config.json'],
    });

    const bucketDeploymentReason =
      'Granted by the CDK BucketDeployment construct, which syncs (list, get, put, delete) the CDK asset bucket into the CMS bucket; limited to those two buckets.';
    for (const action of ['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*']) {
      Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Action::${action}]`, reason: bucketDeploymentReason });
    }
    Validations.of(role).acknowledge({ id: assetBucketObjects(this), reason: bucketDeploymentReason });
    Validations.of(role).acknowledge({ id: iam5Resource(this, cmsBucket.arnForObjects('*')), reason: bucketDeploymentReason });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'cloudfront:CreateInvalidation/GetInvalidation, added by BucketDeployment to refresh the CMS distribution after a deploy.',
    });
    // The handler is a stack-level singleton shared by every BucketDeployment, not a child of one.
    for (const child of this.node.children) {
      if (child instanceof lambda.SingletonFunction || child.node.id.startsWith('Custom::CDKBucketDeployment')) {
        Validations.of(child).acknowledge({
          id: 'AwsSolutions-L1',
          reason: 'The BucketDeployment handler is CDK-managed (Python); its runtime moves with aws-cdk-lib upgrades.',
        });
      }
    }
  }
}
