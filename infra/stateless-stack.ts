import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CfnOutput, Duration, Lazy, RemovalPolicy, SecretValue, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
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
import { lambdaEnvironment } from '../functions/lambda-environment';
import { headRoutes, lambdas, routeKey, routes } from '../functions/routes';
import type { LambdaName, LambdaNeeds } from '../functions/routes';
import { schedules } from '../functions/schedules';
import { DeadLetterQueue } from './constructs/dead-letter-queue';
import { JobSchedule } from './constructs/job-schedule';
import { NormenFunction } from './constructs/normen-function';
import type { BundlingMode } from './constructs/normen-function';
import { grantObjects, grantSendEmail, grantSendQuota, grantTableRead, grantTableWrite } from './grants';
import type { ObjectAction } from './grants';
import { assetBucketObjects, iam5Resource } from './nag';
import {
  cmsBucketName,
  filesBucketName,
  mailConfigurationSetArn,
  mailConfigurationSetName,
  mailEventsTopicArn,
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
  /** Receives every alarm; without it the alarms still show in CloudWatch. */
  readonly alarmEmail?: string;
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
    }

    // Resolved by CloudFormation at deploy time, by name: only the functions that declare `linkSecret`
    // (newsletter and event registration links share one signer) get it.
    const linkTokenSecret = SecretValue.secretsManager(linkTokenSecretName(props.resourcePrefix)).unsafeUnwrap();
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
      linkSecret: { LINK_TOKEN_SECRET: linkTokenSecret },
      publicApiUrl: Lazy.string({ produce: () => this.httpApi.apiEndpoint }),
      cmsUrl: `${cmsOrigin}/`,
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
    // What `linkSecret` grants: nothing at run time today, since CloudFormation resolves the key into
    // the environment (environmentValues.linkSecret).
    const signLinks = (_fn: NormenFunction): void => undefined;
    const grant = (fn: NormenFunction, needs: LambdaNeeds): void => {
      grantTableRead(fn.role, table);
      if (needs.table === 'read-count') grantTableWrite(fn.role, table, ['dynamodb:PutItem', 'dynamodb:UpdateItem']);
      if (needs.table === 'read-write') grantTableWrite(fn.role, table);
      if (needs.files) grantFiles(fn.role, needs.files === 'read-write' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject']);
      if (needs.mail) sendEmail(fn);
      if (needs.mail === 'dispatch') readSendQuota(fn);
      if (needs.linkSecret) signLinks(fn);
    };
    for (const name of Object.keys(functions) as LambdaName[]) grant(functions[name], lambdas[name].needs);

    this.httpApi = this.createHttpApi(functions, userPool, userPoolClient, cmsOrigin, props.websiteOrigins);

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

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.apiEndpoint, description: 'HTTP API base URL' });
    new CfnOutput(this, 'CmsUrl', { value: cmsOrigin, description: 'CMS UI' });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: userPoolClient.userPoolClientId });
  }

  /**
   * The feedback function on the SES events topic of the stateful stack (by its derived ARN). SNS
   * invokes Lambda asynchronously: a thrown error is retried by Lambda and then parked in the
   * failure queue; what SNS itself cannot deliver goes to the subscription's dead-letter queue.
   */
  private subscribeSesFeedback(
    feedback: NormenFunction,
    prefix: string,
  ): { deadLetterQueue: DeadLetterQueue; failureQueue: DeadLetterQueue } {
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

  private deployCms(
    props: StatelessStackProps,
    cmsBucket: s3.IBucket,
    cmsDistribution: StatefulStack['cmsDistribution'],
    clientId: string,
  ): void {
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
