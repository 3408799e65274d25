import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { lambdas } from '../../functions/routes';
import type { LambdaName, LambdaNeeds } from '../../functions/routes';
import { synthesize } from './fixture';
import type { Synthesized } from './fixture';

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DependsOn?: string[] }>;

const apiCertificate = 'arn:aws:acm:eu-north-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const cmsCertificate = 'arn:aws:acm:us-east-1:123456789012:certificate/66666666-7777-8888-9999-000000000000';
const httpLambdas = (Object.keys(lambdas) as LambdaName[]).filter((name) => lambdas[name].trigger === 'http');

const resourcesOf = (template: Synthesized['statelessTemplate']) => template.toJSON().Resources as Resources;
const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
const logicalId = (synth: Synthesized, construct: { node: { defaultChild?: unknown } }) => synth.stateless.getLogicalId(construct.node.defaultChild as never);

let plain: Synthesized;
let custom: Synthesized;
beforeAll(() => {
  plain = synthesize();
  custom = synthesize({
    'normen:alarmEmail': 'drift@normen.no',
    'normen:apiDomain': 'api.normen.no',
    'normen:apiCertificateArn': apiCertificate,
    'normen:cmsDomain': 'cms.normen.no',
    'normen:cmsCertificateArn': cmsCertificate,
  });
}, 120_000);

describe('no failure is silent', () => {
  it.each(httpLambdas)('%s: alarms on the ServerErrors metric its handlers emit, to the alarm topic', (name) => {
    const alarm = plain.stateless.serverErrorAlarms[name];
    expect(alarm).toBeDefined();
    const resources = resourcesOf(plain.statelessTemplate);
    const properties = resources[plain.stateless.getLogicalId(alarm!.node.defaultChild as never)]!.Properties;
    const topic = { Ref: logicalId(plain, plain.stateless.alarmTopic) };
    expect(properties).toMatchObject({
      Namespace: 'Normen',
      MetricName: 'ServerErrors',
      Dimensions: [{ Name: 'service', Value: name }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic],
      OKActions: [topic],
    });
  });

  it('alarms on the HTTP API stage’s own 5xx', () => {
    const resources = resourcesOf(plain.statelessTemplate);
    const properties = resources[logicalId(plain, plain.stateless.apiServerErrorsAlarm)]!.Properties;
    expect(properties).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Statistic: 'Sum',
      Threshold: 1,
      AlarmActions: [{ Ref: logicalId(plain, plain.stateless.alarmTopic) }],
    });
    expect(properties.Dimensions).toEqual(
      expect.arrayContaining([
        { Name: 'ApiId', Value: { Ref: logicalId(plain, plain.stateless.httpApi) } },
        { Name: 'Stage', Value: '$default' },
      ]),
    );
  });

  it('subscribes the alarm email with -c normen:alarmEmail, and warns at synth without it', () => {
    custom.statelessTemplate.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'drift@normen.no',
      TopicArn: { Ref: logicalId(custom, custom.stateless.alarmTopic) },
    });
    custom.statelessTemplate.resourceCountIs('AWS::SNS::Subscription', ofType(resourcesOf(plain.statelessTemplate), 'AWS::SNS::Subscription').length + 1);
    Annotations.fromStack(plain.stateless).hasWarning('*', Match.stringLikeRegexp('normen:alarmEmail'));
    expect(Annotations.fromStack(custom.stateless).findWarning('*', Match.stringLikeRegexp('normen:alarmEmail'))).toEqual([]);
  });
});

describe('the link-signing keys stay in Secrets Manager', () => {
  it('no function has LINK_TOKEN_SECRET or a resolved secret in its environment', () => {
    const functions = ofType(resourcesOf(plain.statelessTemplate), 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const [, fn] of functions) {
      const variables = (fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
      expect(Object.keys(variables)).not.toContain('LINK_TOKEN_SECRET');
      expect(JSON.stringify(variables)).not.toContain('resolve:secretsmanager');
    }
  });

  it('grants secretsmanager:GetSecretValue on that one secret only, to the functions that sign links', () => {
    const resources = resourcesOf(plain.statelessTemplate);
    const statements = ofType(resources, 'AWS::IAM::Policy').flatMap(([, policy]) =>
      (policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]).map((statement) => ({
        roles: policy.Properties.Roles as unknown[],
        actions: [statement.Action].flat(),
        resources: [statement.Resource].flat(),
      })),
    );
    const secretStatements = statements.filter((statement) => statement.actions.some((action) => action.startsWith('secretsmanager:')));
    const secretArn = { 'Fn::Join': ['', ['arn:aws:secretsmanager:eu-north-1:', { Ref: 'AWS::AccountId' }, ':secret:normen/link-token-secret-??????']] };
    for (const statement of secretStatements) {
      expect(statement.actions).toEqual(['secretsmanager:GetSecretValue']);
      expect(statement.resources).toEqual([secretArn]);
    }
    const signers = (Object.keys(lambdas) as LambdaName[]).filter((name) => {
      const variables = resources[logicalId(plain, plain.stateless.functions[name].function)]!.Properties.Environment.Variables as Record<string, unknown>;
      return variables.LINK_KEYS_SECRET_ID !== undefined;
    });
    expect(signers.sort()).toEqual(['events', 'eventsAdmin', 'jobs', 'newsletter', 'newsletterAdmin']);
    for (const name of Object.keys(lambdas) as LambdaName[]) {
      const role = { Ref: plain.stateless.getLogicalId(plain.stateless.functions[name].role.node.defaultChild as never) };
      const granted = secretStatements.some((statement) => statement.roles.some((r) => JSON.stringify(r) === JSON.stringify(role)));
      expect(granted, name).toBe(signers.includes(name));
    }
  });

  it('the stateful stack keeps creating the secret under the name the functions read', () => {
    plain.statefulTemplate.hasResourceProperties('AWS::SecretsManager::Secret', { Name: 'normen/link-token-secret' });
  });
});

describe('links in emails outlive the API', () => {
  it('without normen:apiDomain: links point at the execute-api endpoint, and there is no domain', () => {
    plain.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    plain.statelessTemplate.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 0);
    const resources = resourcesOf(plain.statelessTemplate);
    const variables = resources[logicalId(plain, plain.stateless.functions.jobs.function)]!.Properties.Environment.Variables as Record<string, unknown>;
    expect(variables.PUBLIC_API_URL).toEqual({ 'Fn::GetAtt': [logicalId(plain, plain.stateless.httpApi), 'ApiEndpoint'] });
  });

  it('with normen:apiDomain: a regional TLS 1.2 domain mapped to the stage, in every function’s PUBLIC_API_URL, and output', () => {
    custom.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.normen.no',
      DomainNameConfigurations: [{ CertificateArn: apiCertificate, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    const resources = resourcesOf(custom.statelessTemplate);
    const [[, mapping]] = ofType(resources, 'AWS::ApiGatewayV2::ApiMapping') as [[string, Resources[string]]];
    expect(mapping.Properties).toMatchObject({ ApiId: { Ref: logicalId(custom, custom.stateless.httpApi) }, Stage: '$default' });
    // Every function that puts the API's address into links or pages (it declares the `publicApi` url).
    const linking = (Object.keys(lambdas) as LambdaName[]).filter((name) => (lambdas[name].needs as LambdaNeeds).urls?.includes('publicApi'));
    expect(linking).toEqual(expect.arrayContaining(['newsletter', 'events', 'jobs']));
    for (const name of Object.keys(lambdas) as LambdaName[]) {
      const variables = resources[logicalId(custom, custom.stateless.functions[name].function)]!.Properties.Environment.Variables as Record<string, unknown>;
      expect(variables.PUBLIC_API_URL, name).toBe(linking.includes(name) ? 'https://api.normen.no' : undefined);
    }
    const outputs = custom.statelessTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.ApiUrl?.Value).toBe('https://api.normen.no');
    expect(JSON.stringify(outputs.ApiDomainTarget?.Value)).toContain('RegionalDomainName');
  });

  it('refuses half a domain and a certificate in the wrong region', () => {
    expect(() => synthesize({ 'normen:apiDomain': 'api.normen.no' })).toThrow(/normen:apiCertificateArn/);
    expect(() => synthesize({ 'normen:apiDomain': 'api.normen.no', 'normen:apiCertificateArn': cmsCertificate })).toThrow(/eu-north-1/);
    expect(() => synthesize({ 'normen:cmsDomain': 'cms.normen.no', 'normen:cmsCertificateArn': apiCertificate })).toThrow(/us-east-1/);
  });

  it('CloudFront enforces TLS 1.2 (TLSv1.2_2021) once the CMS has its own certificate', () => {
    custom.statefulTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: ['cms.normen.no'],
        ViewerCertificate: { AcmCertificateArn: cmsCertificate, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
      }),
    });
    // The CMS origin (CORS, CMS_URL in emails to editors) follows the domain.
    expect(custom.stateful.cmsOrigin).toBe('https://cms.normen.no');
  });
});
