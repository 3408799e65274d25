import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexes, tableKeys } from '../../functions/shared/db/table-definition';
import { projectRoot } from '../../infra/normen-app';
import { synthesize } from './fixture';
import type { Synthesized } from './fixture';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize();
}, 60_000);

describe('table', () => {
  it('is on-demand, point-in-time recoverable, deletion protected, encrypted and retained', () => {
    const tables = synth.statefulTemplate.findResources('AWS::DynamoDB::Table');
    expect(Object.keys(tables)).toHaveLength(1);
    const [table] = Object.values(tables);
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
    expect(table?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
      KeySchema: [
        { AttributeName: tableKeys.partitionKey, KeyType: 'HASH' },
        { AttributeName: tableKeys.sortKey, KeyType: 'RANGE' },
      ],
    });
  });

  it('expires items by their expiresAt attribute (the rate-limit counters)', () => {
    const [table] = Object.values(synth.statefulTemplate.findResources('AWS::DynamoDB::Table'));
    expect(table?.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    // The attribute the functions write; a rename there must show up here.
    const rateLimit = readFileSync(join(projectRoot, 'functions/shared/rate-limit.ts'), 'utf8');
    expect(rateLimit).toMatch(/SET expiresAt = :expiresAt/);
  });

  it('has exactly the GSIs from table-definition, with their keys and all attributes projected', () => {
    const [table] = Object.values(synth.statefulTemplate.findResources('AWS::DynamoDB::Table'));
    const gsis = (table?.Properties.GlobalSecondaryIndexes ?? []) as unknown[];
    const expected = Object.values(indexes).map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));
    expect(gsis).toHaveLength(3);
    expect(gsis).toEqual(expect.arrayContaining(expected.map((gsi) => expect.objectContaining(gsi))));
    expect(
      Object.values(indexes)
        .map((index) => index.name)
        .sort(),
    ).toEqual(['catalogue', 'delivery', 'evaluationDue']);
  });
});

describe('buckets', () => {
  it('are all encrypted, block public access and refuse plain HTTP', () => {
    const buckets = synth.statefulTemplate.findResources('AWS::S3::Bucket');
    expect(Object.keys(buckets).length).toBeGreaterThanOrEqual(3);
    for (const bucket of Object.values(buckets)) {
      expect(bucket.Properties).toMatchObject({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
      });
      expect(bucket.DeletionPolicy).toBe('Retain');
    }
    const policies = Object.values(synth.statefulTemplate.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(Object.keys(buckets).length);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
  });

  it('keeps files versioned, access-logged and open to presigned POST/GET from the CMS origin only', () => {
    const filesBucketId = synth.stateful.getLogicalId(synth.stateful.filesBucket.node.defaultChild as never);
    const files = synth.statefulTemplate.toJSON().Resources[filesBucketId];
    expect(files.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(files.Properties.LoggingConfiguration.DestinationBucketName).toBeDefined();
    const [rule] = files.Properties.CorsConfiguration.CorsRules;
    expect(rule.AllowedMethods).toEqual(expect.arrayContaining(['POST', 'GET']));
    expect(rule.AllowedMethods).not.toContain('PUT'); // uploads go through the POST policy (exact size, fixed type)
    const distributionId = synth.stateful.getLogicalId(synth.stateful.cmsDistribution.node.defaultChild as never);
    expect(rule.AllowedOrigins).toEqual([{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }]);
  });
});

describe('user pool', () => {
  it('is invitation-only with email sign-in and a strong password policy', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
      MfaConfiguration: 'OPTIONAL',
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      DeletionProtection: 'ACTIVE',
    });
  });

  it('sends its messages in Norwegian through SES from the one identity', () => {
    const [pool] = Object.values(synth.statefulTemplate.findResources('AWS::Cognito::UserPool'));
    const properties = pool?.Properties;
    expect(properties.EmailConfiguration).toMatchObject({ EmailSendingAccount: 'DEVELOPER', From: 'Normen <ikke-svar@normen.no>' });
    expect(JSON.stringify(properties.EmailConfiguration.SourceArn)).toContain('identity/normen.no');
    const invitation = properties.AdminCreateUserConfig.InviteMessageTemplate;
    expect(invitation.EmailSubject).toBe('Du er invitert til publiseringsløsningen for Normen');
    expect(JSON.stringify(invitation.EmailMessage)).toMatch(/Brukernavn.*\{username\}.*Midlertidig passord.*\{####\}/s);
    const verification = properties.VerificationMessageTemplate;
    expect(verification).toMatchObject({
      DefaultEmailOption: 'CONFIRM_WITH_CODE',
      EmailSubject: 'Kode for å lage nytt passord i publiseringsløsningen for Normen',
    });
    expect(JSON.stringify(verification.EmailMessage)).toContain('{####}');
    expect(JSON.stringify(verification.EmailMessage)).toContain('Har du ikke bedt om nytt passord');
  });

  it('makes two-step sign-in mandatory with normen:requireMfa, and then needs no COG2 acknowledgement', () => {
    const required = synthesize({ 'normen:requireMfa': 'true' });
    required.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] });
    const acknowledged = (stack: typeof synth.stateful) =>
      JSON.stringify(stack.node.findAll().flatMap((construct) => construct.node.metadata.map((entry) => entry.data))).includes('AwsSolutions-COG2');
    expect(acknowledged(synth.stateful)).toBe(true);
    expect(acknowledged(required.stateful)).toBe(false);
  }, 60_000);

  it('has the groups editor, committee and admin', () => {
    const groups = Object.values(synth.statefulTemplate.findResources('AWS::Cognito::UserPoolGroup'));
    expect(groups.map((group) => group.Properties.GroupName).sort()).toEqual(['admin', 'committee', 'editor']);
  });

  it('has a public app client with password, SRP and refresh flows', () => {
    synth.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
      PreventUserExistenceErrors: 'ENABLED',
    });
  });
});

describe('mail identity', () => {
  it('is the SES domain identity of the mail domain with Easy DKIM, retained, and its DKIM records are output', () => {
    const identities = synth.statefulTemplate.findResources('AWS::SES::EmailIdentity');
    expect(Object.values(identities)).toHaveLength(1);
    const [identity] = Object.values(identities);
    expect(identity?.Properties.EmailIdentity).toBe('normen.no');
    expect(identity?.DeletionPolicy).toBe('Retain');
    const outputs = Object.keys(synth.statefulTemplate.toJSON().Outputs as Record<string, unknown>);
    expect(outputs.filter((name) => name.startsWith('MailDkimRecord'))).toHaveLength(3);
  });
});

describe('mail events', () => {
  type Resource = { Type: string; Properties: Record<string, any>; DeletionPolicy?: string };
  const resources = (): Record<string, Resource> => synth.statefulTemplate.toJSON().Resources as Record<string, Resource>;
  const only = (type: string): [string, Resource] => {
    const found = Object.entries(resources()).filter(([, resource]) => resource.Type === type);
    expect(found, type).toHaveLength(1);
    return found[0]!;
  };
  const topicArn = { 'Fn::Join': ['', ['arn:aws:sns:eu-north-1:', { Ref: 'AWS::AccountId' }, ':normen-mail-events']] };

  it('has one configuration set, named from the stage prefix', () => {
    const [, configurationSet] = only('AWS::SES::ConfigurationSet');
    expect(configurationSet.Properties.Name).toBe('normen-mail');
  });

  it('publishes send, delivery, bounce, complaint and reject events of the configuration set to the SNS topic', () => {
    const [configurationSetId] = only('AWS::SES::ConfigurationSet');
    const [topicId] = only('AWS::SNS::Topic');
    const [, destination] = only('AWS::SES::ConfigurationSetEventDestination');
    expect(destination.Properties.ConfigurationSetName).toEqual({ Ref: configurationSetId });
    expect(destination.Properties.EventDestination.Enabled).toBe(true);
    expect([...destination.Properties.EventDestination.MatchingEventTypes].sort()).toEqual(['bounce', 'complaint', 'delivery', 'reject', 'send']);
    expect(destination.Properties.EventDestination.SnsDestination).toEqual({ TopicARN: { Ref: topicId } });
    // Only the SNS destination: no CloudWatch, EventBridge or Firehose copy of the events.
    expect(Object.keys(destination.Properties.EventDestination).sort()).toEqual(['Enabled', 'MatchingEventTypes', 'SnsDestination']);
  });

  it('encrypts the topic with a rotated customer managed key that SES may use for this topic only', () => {
    const [keyId, key] = only('AWS::KMS::Key');
    const [, topic] = only('AWS::SNS::Topic');
    expect(topic.Properties.TopicName).toBe('normen-mail-events');
    // A key of our own: the AWS managed alias/aws/sns cannot let SES publish.
    expect(topic.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const forSes = (key.Properties.KeyPolicy.Statement as Record<string, any>[]).filter(
      (statement) => JSON.stringify(statement.Principal) === JSON.stringify({ Service: 'ses.amazonaws.com' }),
    );
    expect(forSes).toHaveLength(1);
    expect(forSes[0]!.Effect).toBe('Allow');
    expect([forSes[0]!.Action].flat().sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);
    expect(forSes[0]!.Condition).toEqual({ StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': topicArn } });
  });

  it('refuses plain HTTP on the topic and lets only SES publish, for this account and configuration set', () => {
    const [topicId] = only('AWS::SNS::Topic');
    const [configurationSetId] = only('AWS::SES::ConfigurationSet');
    const [, policy] = only('AWS::SNS::TopicPolicy');
    expect(policy.Properties.Topics).toEqual([{ Ref: topicId }]);
    const statements = policy.Properties.PolicyDocument.Statement as Record<string, any>[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({ Principal: { Service: 'ses.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: topicId } });
    expect(allows[0]!.Condition.StringEquals['AWS:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(JSON.stringify(allows[0]!.Condition.StringEquals['AWS:SourceArn'])).toContain(`":configuration-set/",{"Ref":"${configurationSetId}"}`);
  });

  it('derives the names the stateless stack refers to from the stage prefix, in both stacks alike', () => {
    const other = synthesize({ 'normen:stackPrefix': 'NormenTest' });
    const stateful = other.statefulTemplate.toJSON().Resources as Record<string, Resource>;
    const stateless = JSON.stringify(other.statelessTemplate.toJSON());
    const configurationSet = Object.values(stateful).find((resource) => resource.Type === 'AWS::SES::ConfigurationSet')!;
    const topic = Object.values(stateful).find((resource) => resource.Type === 'AWS::SNS::Topic')!;
    expect(configurationSet.Properties.Name).toBe('normentest-mail');
    expect(topic.Properties.TopicName).toBe('normentest-mail-events');
    expect(stateless).toContain('"SES_CONFIGURATION_SET":"normentest-mail"');
    expect(stateless).toContain(':configuration-set/normentest-mail"');
    expect(stateless).toContain(':normentest-mail-events"');
    expect(stateless).not.toContain('normen-mail');
  }, 60_000);
});

describe('link token secret', () => {
  it('is the one generated, retained secret, named from the stage prefix, that signs every email link', () => {
    const secrets = synth.statefulTemplate.findResources('AWS::SecretsManager::Secret');
    expect(Object.values(secrets)).toHaveLength(1);
    const [secret] = Object.values(secrets);
    expect(secret?.Properties.Name).toBe('normen/link-token-secret');
    expect(secret?.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret?.DeletionPolicy).toBe('Retain');
    expect(synth.stateful.getLogicalId(synth.stateful.linkTokenSecret.node.defaultChild as never)).toMatch(/^LinkTokenSecret/);
  });
});

describe('CMS hosting', () => {
  it('serves the private CMS bucket over HTTPS through origin access control, with security headers', () => {
    synth.statefulTemplate.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    synth.statefulTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https',
          ResponseHeadersPolicyId: Match.anyValue(),
        }),
        Origins: [Match.objectLike({ OriginAccessControlId: Match.anyValue() })],
        Logging: Match.objectLike({ Bucket: Match.anyValue() }),
      }),
    });
    synth.statefulTemplate.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ Override: true }),
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentSecurityPolicy: Match.objectLike({ ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'") }),
        }),
      }),
    });
  });
});
