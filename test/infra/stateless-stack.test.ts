import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdaEnvironment } from '../../functions/lambda-environment';
import { headRoutes, lambdas, routeKey, routes } from '../../functions/routes';
import type { LambdaName } from '../../functions/routes';
import { userDirectoryActions } from '../../functions/users/user-directory';
import { synthesize } from './fixture';
import type { Synthesized } from './fixture';
import { expectMonitoredQueue } from './queues';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

/** The functions that send email: SES grants on identity and configuration set, and SES_CONFIGURATION_SET. */
const mailSenders: readonly LambdaName[] = ['events', 'eventsAdmin', 'inputs', 'jobs', 'newsletter', 'newsletterAdmin', 'userAdmin'];
/**
 * The functions that sign or verify links in emails (newsletter and event registration links share
 * one signer). Not review: its "run now" invokes the jobs function, which sends.
 */
const linkSigners: readonly LambdaName[] = ['events', 'eventsAdmin', 'jobs', 'newsletter', 'newsletterAdmin'];
/** The function that runs the newsletter dispatcher, which reads the account's send rate. */
const quotaReaders: readonly LambdaName[] = ['jobs'];
/** Derived in infra/names.ts from the stage prefix (Normen). */
const configurationSetArn = { 'Fn::Join': ['', ['arn:aws:ses:eu-north-1:', { Ref: 'AWS::AccountId' }, ':configuration-set/normen-mail']] };
const identityArn = { 'Fn::Join': ['', ['arn:aws:ses:eu-north-1:', { Ref: 'AWS::AccountId' }, ':identity/normen.no']] };
const mailEventsTopicArn = { 'Fn::Join': ['', ['arn:aws:sns:eu-north-1:', { Ref: 'AWS::AccountId' }, ':normen-mail-events']] };

/** Any values: the variable names a function gets depend only on what it declares. */
const placeholderValues = {
  tableName: 't',
  filesBucket: 'f',
  fileUrlTtlSeconds: 300,
  mailFrom: 'm',
  sesConfigurationSet: 'c',
  linkSecret: { LINK_KEYS_SECRET_ID: 's' },
  publicApiUrl: 'https://api',
  cmsUrl: 'https://cms/',
  functionName: (name: LambdaName) => name,
  userPoolId: 'eu-north-1_test',
};

let synth: Synthesized;
let resources: Resources;
beforeAll(() => {
  synth = synthesize();
  resources = synth.statelessTemplate.toJSON().Resources as Resources;
}, 60_000);

function ofType(type: string): [string, Resources[string]][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

function functionLogicalId(name: LambdaName): string {
  return synth.stateless.getLogicalId(synth.stateless.functions[name].function.node.defaultChild as never);
}

/** Statements of the role policy attached to a function's role. */
function statementsOf(name: LambdaName): { Action: string | string[]; Resource: unknown }[] {
  const roleId = synth.stateless.getLogicalId(synth.stateless.functions[name].role.node.defaultChild as never);
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
}

function actionsOf(name: LambdaName): string[] {
  return statementsOf(name).flatMap((statement) => [statement.Action].flat());
}

describe('HTTP API routes', () => {
  it('has exactly one route per declared route, plus a HEAD route per public GET, with the declared route key', () => {
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey as string);
    expect(keys.sort()).toEqual([...routes.map(routeKey), ...headRoutes(routes).map(routeKey)].sort());
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('answers HEAD on every public GET path and nowhere else, public and integrated like the GET', () => {
    const byKey = new Map(ofType('AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties.RouteKey as string, route.Properties]));
    const heads = [...byKey.keys()].filter((key) => key.startsWith('HEAD '));
    const publicGets = routes.filter((route) => route.method === 'GET' && route.access === 'public');
    expect(publicGets.length).toBeGreaterThan(5);
    expect(heads.sort()).toEqual(publicGets.map((route) => `HEAD ${route.path}`).sort());
    for (const route of publicGets) {
      const head = byKey.get(`HEAD ${route.path}`);
      expect(head?.AuthorizationType, route.path).toBe('NONE');
      expect(head?.Target, route.path).toEqual(byKey.get(routeKey(route))?.Target);
    }
    // No HEAD on a route behind the authorizer.
    expect(byKey.has('HEAD /admin/products')).toBe(false);
  });

  it('puts the Cognito JWT authorizer on every non-public route and none on public ones', () => {
    const [authorizers] = [ofType('AWS::ApiGatewayV2::Authorizer')];
    expect(authorizers).toHaveLength(1);
    const [authorizerId, authorizer] = authorizers[0]!;
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(JSON.stringify(authorizer.Properties.JwtConfiguration.Issuer)).toContain('https://cognito-idp.');
    expect(authorizer.Properties.JwtConfiguration.Audience).toHaveLength(1);

    const byKey = new Map(ofType('AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties.RouteKey as string, route.Properties]));
    for (const route of routes) {
      const props = byKey.get(routeKey(route));
      expect(props, routeKey(route)).toBeDefined();
      if (route.access === 'public') {
        expect(props?.AuthorizationType, routeKey(route)).toBe('NONE');
        expect(props?.AuthorizerId, routeKey(route)).toBeUndefined();
      } else {
        expect(props?.AuthorizationType, routeKey(route)).toBe('JWT');
        expect(props?.AuthorizerId, routeKey(route)).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('leaves the registration form and cancel links public and puts the event editor API behind the authorizer', () => {
    const byKey = new Map(ofType('AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties.RouteKey as string, route.Properties]));
    const eventRoutes = routes.filter((route) => route.lambda === 'events');
    const adminRoutes = routes.filter((route) => route.lambda === 'eventsAdmin');
    expect(eventRoutes.length).toBeGreaterThan(0);
    expect(adminRoutes.length).toBeGreaterThan(0);
    for (const route of eventRoutes) {
      expect(route.path, routeKey(route)).toMatch(/^\/events\//);
      expect(byKey.get(routeKey(route))?.AuthorizationType, routeKey(route)).toBe('NONE');
    }
    for (const route of adminRoutes) {
      expect(route.path, routeKey(route)).toMatch(/^\/admin\/events(\/|$)/);
      expect(byKey.get(routeKey(route))?.AuthorizationType, routeKey(route)).toBe('JWT');
    }
    // Every /admin route is behind the authorizer, whatever Lambda serves it.
    for (const [key, props] of byKey) if (key.split(' ')[1]!.startsWith('/admin/')) expect(props.AuthorizationType, key).toBe('JWT');
    // The public event list is served by the delivery function, without an authorizer.
    for (const path of ['/content/events', '/content/events/{id}']) {
      const route = routes.find((candidate) => candidate.path === path && candidate.method === 'GET');
      expect(route?.lambda, path).toBe('delivery');
      expect(byKey.get(`GET ${path}`)?.AuthorizationType, path).toBe('NONE');
    }
  });

  it('routes to every HTTP-triggered Lambda and never to a scheduled or SNS-triggered one', () => {
    const integrated = new Set(ofType('AWS::ApiGatewayV2::Integration').map(([, integration]) => JSON.stringify(integration.Properties.IntegrationUri)));
    const invokedByApi = new Set(
      ofType('AWS::Lambda::Permission')
        .filter(([, permission]) => permission.Properties.Principal === 'apigateway.amazonaws.com')
        .map(([, permission]) => JSON.stringify(permission.Properties.FunctionName)),
    );
    const names = Object.keys(lambdas) as LambdaName[];
    expect(names.filter((name) => lambdas[name].trigger === 'schedule')).toContain('jobs');
    expect(names.filter((name) => lambdas[name].trigger === 'sns')).toContain('sesFeedback');
    for (const name of names) {
      const arn = JSON.stringify({ 'Fn::GetAtt': [functionLogicalId(name), 'Arn'] });
      const http = lambdas[name].trigger === 'http';
      expect(integrated.has(arn), name).toBe(http);
      expect(invokedByApi.has(arn), name).toBe(http);
      expect(
        routes.some((route) => route.lambda === name),
        name,
      ).toBe(http);
    }
  });

  it('integrates each route with the Lambda it declares', () => {
    const integrations = new Map(ofType('AWS::ApiGatewayV2::Integration'));
    const byKey = new Map(ofType('AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties.RouteKey as string, route.Properties]));
    for (const route of routes) {
      const target = byKey.get(routeKey(route))?.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integration = integrations.get(target['Fn::Join'][1][1].Ref);
      expect(integration?.Properties.IntegrationUri, routeKey(route)).toEqual({ 'Fn::GetAtt': [functionLogicalId(route.lambda), 'Arn'] });
      expect(integration?.Properties.PayloadFormatVersion).toBe('2.0');
    }
  });

  it('logs access on the auto-deployed default stage, throttles, and allows CORS from the CMS origin', () => {
    synth.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context.requestId') },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
    const [[, api]] = ofType('AWS::ApiGatewayV2::Api') as [[string, Resources[string]]];
    expect(api.Properties.ProtocolType).toBe('HTTP');
    expect(JSON.stringify(api.Properties.CorsConfiguration.AllowOrigins)).toContain('CmsDistribution');
    expect(api.Properties.CorsConfiguration.AllowHeaders).toEqual(expect.arrayContaining(['authorization', 'content-type']));
    // By default the CMS and https://www.normen.no.
    expect(api.Properties.CorsConfiguration.AllowOrigins).toHaveLength(2);
    expect(api.Properties.CorsConfiguration.AllowOrigins).toContain('https://www.normen.no');
  });

  it('allows the website origins from the context normen:websiteOrigins besides the CMS, and refuses a wildcard', () => {
    const other = synthesize({ 'normen:websiteOrigins': '["https://www.normen.no","https://normen.no"]' });
    const [[, api]] = Object.entries(other.statelessTemplate.findResources('AWS::ApiGatewayV2::Api')) as [[string, { Properties: Record<string, any> }]];
    const origins = api.Properties.CorsConfiguration.AllowOrigins as unknown[];
    expect(origins).toHaveLength(3);
    expect(origins).toEqual(expect.arrayContaining(['https://www.normen.no', 'https://normen.no']));
    expect(JSON.stringify(origins.filter((origin) => typeof origin !== 'string'))).toContain('CmsDistribution');
    expect(() => synthesize({ 'normen:websiteOrigins': '["*"]' })).toThrow(/normen:websiteOrigins/);
    expect(() => synthesize({ 'normen:websiteOrigins': '["https://www.normen.no/"]' })).toThrow(/normen:websiteOrigins/);
  }, 60_000);
});

describe('functions', () => {
  const names = Object.keys(lambdas) as LambdaName[];

  it('creates one function per declared Lambda (plus the CDK deployment handler)', () => {
    const functions = ofType('AWS::Lambda::Function').filter(([, fn]) => String(fn.Properties.Runtime).startsWith('nodejs'));
    expect(functions).toHaveLength(names.length);
  });

  it.each(names)('%s: Node.js 22 on arm64, traced, with its memory and the runtime configuration', (name) => {
    const fn = resources[functionLogicalId(name)]!;
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: lambdas[name].memoryMb,
      // The timeout it declares in functions/routes.ts (the local server enforces the same).
      Timeout: lambdas[name].needs.timeoutSeconds,
      TracingConfig: { Mode: 'Active' },
      Description: lambdas[name].description,
    });
    const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
    // Exactly what it declares in functions/routes.ts (the local server gives it the same names).
    expect(Object.keys(variables).sort()).toEqual(['NODE_OPTIONS', ...Object.keys(lambdaEnvironment(name, placeholderValues))].sort());
    // Only the functions that sign or verify links get the signing key's secret name (never the key);
    // only senders the mail settings.
    expect('LINK_TOKEN_SECRET' in variables, name).toBe(false);
    expect('LINK_KEYS_SECRET_ID' in variables, name).toBe(linkSigners.includes(name));
    expect('SES_CONFIGURATION_SET' in variables, name).toBe(mailSenders.includes(name));
    expect('MAIL_FROM' in variables, name).toBe(mailSenders.includes(name));
    if (linkSigners.includes(name)) {
      expect(variables.LINK_KEYS_SECRET_ID).toBe('normen/link-token-secret');
    }
    if (mailSenders.includes(name)) {
      expect(variables.SES_CONFIGURATION_SET).toBe('normen-mail');
      expect(variables.MAIL_FROM).toBe('Normen <ikke-svar@normen.no>');
    }
    // Only the functions with presigned URLs know the files bucket.
    expect('FILES_BUCKET' in variables, name).toBe(name === 'delivery' || name === 'products');
    // CORS is the API's, not the functions': no CMS_ORIGIN anywhere.
    expect(variables.CMS_ORIGIN).toBeUndefined();
    // The Lambda service sets AWS_REGION itself and rejects it as a configured variable.
    expect(variables.AWS_REGION).toBeUndefined();
    // CMS_URL is the CMS origin (the distribution's https URL) with the trailing slash links need.
    if ('CMS_URL' in variables) {
      const url = variables.CMS_URL as { 'Fn::Join': [string, unknown[]] };
      expect(url['Fn::Join'][1][0]).toBe('https://');
      expect(JSON.stringify(url)).toContain('CmsDistribution');
      expect(url['Fn::Join'][1].at(-1)).toBe('/');
    }
    if ('PUBLIC_API_URL' in variables) {
      const apiId = synth.stateless.getLogicalId(synth.stateless.httpApi.node.defaultChild as never);
      expect(variables.PUBLIC_API_URL).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
    }
  });

  it('gives the platform function its table and nothing else: no mail settings, no signing key, no files', () => {
    const variables = resources[functionLogicalId('platform')]!.Properties.Environment.Variables as Record<string, unknown>;
    // Besides its table, only the service name its log lines carry (Powertools Logger).
    expect(Object.keys(variables).sort()).toEqual(['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME']);
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe('platform');
  });

  it('keeps every function behind the API below the HTTP API integration timeout of 30 s', () => {
    for (const name of names.filter((candidate) => lambdas[candidate].trigger === 'http')) {
      expect(resources[functionLogicalId(name)]!.Properties.Timeout, name).toBeLessThan(30);
    }
  });

  it.each(names)('%s: logs to its own log group with retention', (name) => {
    const fn = resources[functionLogicalId(name)]!;
    const logGroupId = (fn.Properties.LoggingConfig.LogGroup as { Ref: string }).Ref;
    expect(resources[logGroupId]?.Type).toBe('AWS::Logs::LogGroup');
    expect(resources[logGroupId]?.Properties.RetentionInDays).toBe(90);
  });

  it.each(names)('%s: has alarms on Errors and Throttles that notify the alarm topic', (name) => {
    const alarms = ofType('AWS::CloudWatch::Alarm').filter(
      ([, alarm]) => JSON.stringify(alarm.Properties.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: functionLogicalId(name) } }]),
    );
    expect(alarms.map(([, alarm]) => alarm.Properties.MetricName).sort()).toEqual(['Errors', 'Throttles']);
    for (const [, alarm] of alarms) {
      expect(alarm.Properties).toMatchObject({ Namespace: 'AWS/Lambda', Threshold: 1, Statistic: 'Sum' });
      expect(alarm.Properties.AlarmActions).toHaveLength(1);
    }
  });

  it('uses roles without managed policies', () => {
    for (const name of names) {
      const roleId = synth.stateless.getLogicalId(synth.stateless.functions[name].role.node.defaultChild as never);
      expect(resources[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('least-privilege grants', () => {
  const tableReads = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];

  it('never allows Scan or wildcard actions to any function', () => {
    for (const name of Object.keys(lambdas) as LambdaName[]) {
      const actions = actionsOf(name);
      expect(
        actions.filter((action) => action.includes('Scan') || action.includes('*')),
        name,
      ).toEqual([]);
    }
  });

  it('platform reads the table and nothing else', () => {
    const actions = actionsOf('platform');
    expect(actions).toEqual(expect.arrayContaining(tableReads));
    expect(actions.filter((action) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(action) || action.startsWith('s3:'))).toEqual([]);
  });

  it('delivery reads the table, counts downloads (markers put and counters updated in one transaction) and reads files', () => {
    const actions = actionsOf('delivery');
    expect(actions).toEqual(expect.arrayContaining([...tableReads, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 's3:GetObject']));
    expect(actions.filter((action) => /^dynamodb:(Delete|BatchWrite)/.test(action) || action === 's3:PutObject')).toEqual([]);
  });

  it('products reads and writes the table and reads and writes files', () => {
    expect(actionsOf('products')).toEqual(
      expect.arrayContaining([...tableReads, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 's3:GetObject', 's3:PutObject']),
    );
    expect(actionsOf('products').filter((action) => action.startsWith('s3:Delete') || action.startsWith('s3:List'))).toEqual([]);
  });

  it.each(['review', 'consultations', 'inputs', 'jobs', 'newsletter', 'newsletterAdmin', 'events', 'eventsAdmin'] as const)(
    '%s reads and writes the table and touches no files',
    (name) => {
      const actions = actionsOf(name);
      expect(actions).toEqual(expect.arrayContaining([...tableReads, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']));
      expect(actions.filter((action) => action.startsWith('s3:'))).toEqual([]);
      const indexResources = JSON.stringify(statementsOf(name).map((statement) => statement.Resource));
      for (const index of ['catalogue', 'delivery', 'evaluationDue']) expect(indexResources, name).toContain(`/index/${index}`);
    },
  );

  it('lets only the email-sending functions send, through the SES identity of the mail domain and the configuration set', () => {
    // Every email is a raw MIME message (functions/shared/email/compose.ts): SendRawEmail only.
    const sendActions = ['ses:SendRawEmail'];
    const senders = (Object.keys(lambdas) as LambdaName[]).filter((name) => actionsOf(name).some((action) => action.startsWith('ses:Send')));
    expect(senders.sort()).toEqual([...mailSenders].sort());
    for (const name of senders) {
      const statements = statementsOf(name).filter((statement) => [statement.Action].flat().some((action) => sendActions.includes(action)));
      expect(statements, name).toHaveLength(1);
      expect([statements[0]!.Action].flat().sort()).toEqual(sendActions);
      // SES authorizes a send against both; exactly these two, no wildcard.
      const resources = [statements[0]!.Resource].flat();
      expect(resources, name).toHaveLength(2);
      expect(resources, name).toEqual(expect.arrayContaining([identityArn, configurationSetArn]));
    }
    // No other role in the stack (scheduler, CMS deployment, SES feedback) may use SES.
    const sesPolicies = ofType('AWS::IAM::Policy').filter(([, policy]) => JSON.stringify(policy.Properties.PolicyDocument).includes('"ses:'));
    expect(sesPolicies).toHaveLength(senders.length);
    expect(actionsOf('sesFeedback').filter((action) => action.startsWith('ses:'))).toEqual([]);
  });

  it('lets only the functions that run the newsletter dispatcher read the send quota, and nothing else on *', () => {
    const readers = (Object.keys(lambdas) as LambdaName[]).filter((name) => actionsOf(name).includes('ses:GetSendQuota'));
    expect(readers.sort()).toEqual([...quotaReaders].sort());
    for (const name of readers) {
      const statements = statementsOf(name).filter((statement) => [statement.Action].flat().includes('ses:GetSendQuota'));
      expect(statements, name).toHaveLength(1);
      // GetSendQuota has no resource-level permissions; it shares Resource "*" with the X-Ray actions only.
      expect(statements[0]!.Resource).toBe('*');
      expect([statements[0]!.Action].flat().sort()).toEqual(['ses:GetSendQuota', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    }
  });

  it('grants sending through the identity of the configured mail domain', () => {
    const other = synthesize({ 'normen:mailDomain': 'example.org', 'normen:mailFrom': 'Normen <post@example.org>' });
    const text = JSON.stringify(other.statelessTemplate.toJSON());
    expect(text).toContain(':identity/example.org');
    expect(text).not.toContain(':identity/normen.no');
    other.statefulTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'example.org' });
  }, 60_000);

  it('refuses a sender outside the mail domain', () => {
    expect(() => synthesize({ 'normen:mailFrom': 'Normen <post@example.org>' })).toThrow(/normen:mailFrom/);
  });

  it.each(['events', 'eventsAdmin'] as const)('%s: registrations in transactions, email through the one identity, signed links, no files', (name) => {
    const actions = actionsOf(name);
    // TransactWriteItems is authorized per item: Put/Update/Delete plus ConditionCheckItem; UpdateItem for rate limits.
    expect(actions).toEqual(
      expect.arrayContaining([...tableReads, 'dynamodb:ConditionCheckItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
    );
    // Neither reads nor writes the files bucket, nor reads the send quota (mailings go out through the jobs function).
    expect(
      actions.filter((action) => action.startsWith('s3:')),
      name,
    ).toEqual([]);
    expect(actions, name).not.toContain('ses:GetSendQuota');
    const send = statementsOf(name).filter((statement) => [statement.Action].flat().includes('ses:SendRawEmail'));
    expect(send, name).toHaveLength(1);
    expect([send[0]!.Resource].flat()).toEqual(expect.arrayContaining([identityArn, configurationSetArn]));
    const variables = resources[functionLogicalId(name)]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(variables.LINK_KEYS_SECRET_ID).toBe('normen/link-token-secret');
    expect(variables.SES_CONFIGURATION_SET).toBe('normen-mail');
  });

  it('review runs jobs now by invoking the jobs function: it may invoke that one function only, and sends no email and reads no secret', () => {
    const jobsArn = { 'Fn::GetAtt': [functionLogicalId('jobs'), 'Arn'] };
    const invokes = statementsOf('review').filter((statement) => [statement.Action].flat().some((action) => action.startsWith('lambda:')));
    expect(invokes).toHaveLength(1);
    expect([invokes[0]!.Action].flat()).toEqual(['lambda:InvokeFunction']);
    expect([invokes[0]!.Resource].flat()).toEqual([jobsArn]);
    const actions = actionsOf('review');
    expect(actions.filter((action) => action.startsWith('ses:') || action.startsWith('secretsmanager:'))).toEqual([]);
    // The function's name, from the template, and no mail or link settings.
    const variables = resources[functionLogicalId('review')]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(variables.JOBS_FUNCTION_NAME).toEqual({ Ref: functionLogicalId('jobs') });
    for (const name of ['MAIL_FROM', 'SES_CONFIGURATION_SET', 'LINK_KEYS_SECRET_ID', 'CMS_URL', 'PUBLIC_API_URL'])
      expect(variables[name], name).toBeUndefined();
  });

  it('lets no other function invoke a function', () => {
    for (const name of (Object.keys(lambdas) as LambdaName[]).filter((candidate) => candidate !== 'review')) {
      expect(
        actionsOf(name).filter((action) => action.startsWith('lambda:')),
        name,
      ).toEqual([]);
    }
  });

  it('names each GSI instead of granting index/*', () => {
    const resourcesText = JSON.stringify(statementsOf('products').map((statement) => statement.Resource));
    for (const index of ['catalogue', 'delivery', 'evaluationDue']) expect(resourcesText).toContain(`/index/${index}`);
    expect(resourcesText).not.toContain('/index/*');
  });
});

describe('SES feedback', () => {
  const feedbackArn = (): unknown => ({ 'Fn::GetAtt': [functionLogicalId('sesFeedback'), 'Arn'] });
  const alarmTopic = (): unknown => ({ Ref: synth.stateless.getLogicalId(synth.stateless.alarmTopic.node.defaultChild as never) });

  it('subscribes the feedback function to the SES events topic of the stateful stack, by its derived ARN', () => {
    const subscriptions = ofType('AWS::SNS::Subscription').filter(([, subscription]) => subscription.Properties.Protocol === 'lambda');
    expect(subscriptions).toHaveLength(1);
    const [[, subscription]] = subscriptions as [[string, Resources[string]]];
    expect(subscription.Properties.Endpoint).toEqual(feedbackArn());
    expect(subscription.Properties.TopicArn).toEqual(mailEventsTopicArn);
    const permissions = ofType('AWS::Lambda::Permission').filter(([, permission]) => permission.Properties.Principal === 'sns.amazonaws.com');
    expect(permissions).toHaveLength(1);
    expect(permissions[0]![1].Properties).toMatchObject({ Action: 'lambda:InvokeFunction', FunctionName: feedbackArn(), SourceArn: mailEventsTopicArn });
  });

  it('sends what SNS cannot deliver to a monitored dead-letter queue that only this topic may write to', () => {
    const [[, subscription]] = ofType('AWS::SNS::Subscription').filter(([, candidate]) => candidate.Properties.Protocol === 'lambda') as [
      [string, Resources[string]],
    ];
    const queueId = (subscription.Properties.RedrivePolicy?.deadLetterTargetArn as { 'Fn::GetAtt': [string, string] } | undefined)?.['Fn::GetAtt'][0];
    expect(queueId).toBeDefined();
    expectMonitoredQueue(resources, queueId!, alarmTopic());
    const [[, policy]] = ofType('AWS::SQS::QueuePolicy').filter(
      ([, candidate]) => JSON.stringify(candidate.Properties.Queues) === JSON.stringify([{ Ref: queueId }]),
    ) as [[string, Resources[string]]];
    const allows = (policy.Properties.PolicyDocument.Statement as Record<string, any>[]).filter((statement) => statement.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'sns.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Condition: { ArnEquals: { 'aws:SourceArn': mailEventsTopicArn } },
      }),
    ]);
  });

  it('retries an event the function failed on and then parks it in a monitored failure queue', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig').filter(
      ([, config]) => JSON.stringify(config.Properties.FunctionName) === JSON.stringify({ Ref: functionLogicalId('sesFeedback') }),
    );
    expect(configs).toHaveLength(1);
    const [[, config]] = configs as [[string, Resources[string]]];
    expect(config.Properties.MaximumRetryAttempts).toBeGreaterThan(0);
    const queueId = (config.Properties.DestinationConfig.OnFailure.Destination as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
    expectMonitoredQueue(resources, queueId, alarmTopic());
  });

  it('reads and writes the table, and touches no files', () => {
    const actions = actionsOf('sesFeedback');
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem']));
    expect(actions.filter((action) => action.startsWith('s3:'))).toEqual([]);
  });
});

describe('CMS UI deployment', () => {
  function deployments(template: Template): Record<string, any>[] {
    return Object.values(template.findResources('Custom::CDKBucketDeployment')).map((resource) => resource.Properties);
  }

  it('always writes config.json with the API URL and the Cognito client', () => {
    const all = deployments(synth.statelessTemplate);
    expect(all).toHaveLength(1);
    const deployment = all[0]!;
    expect(deployment.Prune).toBe(false);
    expect(deployment.DistributionPaths).toEqual(['/config.json']);

    // Source.jsonData stages the file with markers that the deployment replaces by deploy-time values.
    const [objectKey] = deployment.SourceObjectKeys as [string];
    const assetDir = join(synth.app.outdir, `asset.${objectKey.replace(/\.zip$/, '')}`);
    const raw = readFileSync(join(assetDir, 'config.json'), 'utf8');
    const markers = (deployment.SourceMarkers as Record<string, unknown>[])[0]!;
    const config = JSON.parse(raw) as { apiUrl: string; cognito: { endpoint: string; clientId: string } };
    const apiId = synth.stateless.getLogicalId(synth.stateless.httpApi.node.defaultChild as never);
    expect(markers[config.apiUrl]).toEqual({ 'Fn::GetAtt': [apiId, 'ApiEndpoint'] });
    expect(config.cognito.endpoint).toBe('https://cognito-idp.eu-north-1.amazonaws.com/');
    expect(JSON.stringify(markers[config.cognito.clientId])).toContain('CmsClient');
  });

  it('deploys the CMS build when it exists at synth time', () => {
    const withBuild = synthesize({ 'normen:cmsDistDir': fakeCmsBuild() });
    const all = deployments(withBuild.statelessTemplate);
    expect(all).toHaveLength(2);
    expect(all.find((deployment) => deployment.Prune !== false)?.Exclude).toEqual(['config.json']);
  }, 60_000);
});

function fakeCmsBuild(): string {
  const dir = join(synth.app.outdir, 'fake-cms-dist');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>CMS</title>');
  return dir;
}

describe('outputs', () => {
  it('exports the API URL, CMS URL, user pool id and client id', () => {
    const outputs = synth.statelessTemplate.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'CmsUrl', 'UserPoolId', 'UserPoolClientId']));
  });
});

describe('the user administration', () => {
  it('may call only the Cognito admin actions it uses, on the one user pool; no other function may call Cognito', () => {
    const cognitoStatements = statementsOf('userAdmin').filter((statement) => [statement.Action].flat().some((action) => action.startsWith('cognito-idp:')));
    expect(cognitoStatements).toHaveLength(1);
    expect([cognitoStatements[0]?.Action].flat().sort()).toEqual([...userDirectoryActions].sort());
    // The pool's ARN, imported from the stateful stack: one resource, no wildcard.
    expect(JSON.stringify(cognitoStatements[0]?.Resource)).toMatch(/UserPool/);
    expect(JSON.stringify(cognitoStatements[0]?.Resource)).not.toContain('*');
    for (const name of Object.keys(lambdas) as LambdaName[]) {
      if (name === 'userAdmin') continue;
      expect(
        actionsOf(name).filter((action) => action.startsWith('cognito-idp:')),
        name,
      ).toEqual([]);
    }
  });
});
