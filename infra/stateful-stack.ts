import { CfnOutput, Duration, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { passwordPolicy } from '../content-model';
import { indexes, tableKeys } from '../functions/shared/db/table-definition';
import { cognitoMessageTemplates } from '../functions/users/emails';
import { cmsBucketName, filesBucketName, mailConfigurationSetName, mailEventsTopicArn, mailEventsTopicName, linkTokenSecretName } from './names';

/** Cognito groups; the functions check membership (access 'read' | 'write' in functions/routes.ts). */
export const userGroups = [
  { name: 'admin', description: 'Administrators: users, roles and scheduled jobs', precedence: 0 },
  { name: 'editor', description: 'Secretariat editors: products, consultations, newsletters and events', precedence: 10 },
  { name: 'committee', description: 'Editorial committee: reads the overview and records evaluations', precedence: 20 },
] as const;

/**
 * The SES events the feedback function handles (functions/newsletter/feedback.ts): Send settles
 * deliveries left in doubt, Bounce and Complaint suppress addresses; Delivery and Reject are kept
 * for the campaign figures.
 */
export const mailEventTypes = [
  ses.EmailSendingEvent.SEND,
  ses.EmailSendingEvent.DELIVERY,
  ses.EmailSendingEvent.BOUNCE,
  ses.EmailSendingEvent.COMPLAINT,
  ses.EmailSendingEvent.REJECT,
] as const;

/** Epoch-seconds attribute after which DynamoDB deletes an item (rate-limit counters, functions/shared/rate-limit.ts). */
export const ttlAttribute = 'expiresAt';

/**
 * Everything that holds data or identity and must survive redeploys: the table, the files
 * bucket, the user pool, the SES sending identity with its configuration set and event topic,
 * and the CMS UI's bucket and distribution. The distribution lives here
 * because its domain is the CMS origin, which the files bucket's CORS rule needs; placing it in
 * the stateless stack would make the two stacks reference each other.
 */
export interface StatefulStackProps extends StackProps {
  /** Stage prefix (e.g. `Normen`), part of the bucket names. */
  readonly resourcePrefix: string;
  /** Domain of the SES identity every email is sent from. */
  readonly mailDomain: string;
  /** Custom domain of the CMS UI with its ACM certificate (us-east-1); CloudFront then enforces TLS 1.2. */
  readonly cmsDomain?: { readonly name: string; readonly certificateArn: string };
  /** Sender of the pool's emails (Cognito through SES): an address in `mailDomain`. */
  readonly mailFrom: { readonly address: string; readonly name?: string };
  /** Two-step sign-in for everyone (context `normen:requireMfa`). */
  readonly requireMfa?: boolean;
}

export class StatefulStack extends Stack {
  readonly table: dynamodb.Table;
  readonly filesBucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly cmsBucket: s3.Bucket;
  readonly cmsDistribution: cloudfront.Distribution;
  /** `https://<distribution domain>`: allowed by CORS on the API and the files bucket. */
  readonly cmsOrigin: string;
  readonly mailIdentity: ses.EmailIdentity;
  /** Every email is sent with this configuration set; its events go to `mailEventsTopic`. */
  readonly mailConfigurationSet: ses.ConfigurationSet;
  readonly mailEventsTopic: sns.Topic;
  /** Encrypts `mailEventsTopic`; a customer managed key, because SES must be allowed to use it. */
  readonly mailEventsKey: kms.Key;
  /** HMAC keys of the signed links in every email (functions/shared/link-keys.ts); the functions read it at run time. */
  readonly linkTokenSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: tableKeys.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: tableKeys.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: ttlAttribute,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of Object.values(indexes)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // Easy DKIM; the domain verifies once the CNAMEs in the outputs are published in its DNS zone.
    // Retained: a new identity gets new DKIM tokens, and mail stops until DNS is updated.
    this.mailIdentity = new ses.EmailIdentity(this, 'MailIdentity', { identity: ses.Identity.domain(props.mailDomain) });

    const mailEvents = this.createMailEvents(props.resourcePrefix);
    this.mailEventsKey = mailEvents.key;
    this.mailEventsTopic = mailEvents.topic;
    this.mailConfigurationSet = mailEvents.configurationSet;

    // One signer for every link in an email: newsletter confirmation, preferences and unsubscribe
    // links, and the cancel links of event registrations. Generated as a plain key, which the
    // functions read as key `k1`; a rotation (README) replaces it with the JSON key ring. Left as
    // generated on purpose: changing the generation settings could make CloudFormation replace the
    // value and break every link already sent.
    this.linkTokenSecret = new secretsmanager.Secret(this, 'LinkTokenSecret', {
      secretName: linkTokenSecretName(props.resourcePrefix),
      description: 'HMAC key for the signed links in emails (newsletter and event registration)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.linkTokenSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotated by hand (README, "Rotating the link-signing key"): the new key becomes current and the old one stays accepted as previous for a grace period, so links already in mailboxes keep working; an automatic rotation Lambda would have to reproduce that ring and adds nothing.',
    });
    this.mailIdentity.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.mailIdentity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `MailDkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: `DKIM record ${index + 1} of ${props.mailDomain} (publish in DNS to verify the SES identity)`,
      });
    });

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // CloudFront standard logging still delivers through bucket ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      // Access logs hold IP addresses: keep them no longer than the function logs.
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log destination itself; logging it into another bucket would only move the problem.',
    });

    // The CMS address is known once its distribution exists, further down.
    const templates = cognitoMessageTemplates(Lazy.string({ produce: () => `${this.cmsOrigin}/` }));
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // The policy the CMS shows and local cognito enforces (content-model/users.ts).
      passwordPolicy: {
        minLength: passwordPolicy.minLength,
        requireLowercase: passwordPolicy.requireLowercase,
        requireUppercase: passwordPolicy.requireUppercase,
        requireDigits: passwordPolicy.requireDigits,
        requireSymbols: passwordPolicy.requireSymbols,
        tempPasswordValidity: Duration.days(passwordPolicy.temporaryPasswordValidityDays),
      },
      mfa: props.requireMfa ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: compromised-credential checks and adaptive authentication for a handful of editors.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      // Through SES from the one identity, not Cognito's own low-volume sender; in Norwegian, in the
      // words of the CMS's own invitation (functions/users/emails.ts). The CMS invites with its own
      // message (MessageAction SUPPRESS); this one is for users created in the AWS console.
      email: cognito.UserPoolEmail.withSES({
        fromEmail: props.mailFrom.address,
        ...(props.mailFrom.name ? { fromName: props.mailFrom.name } : {}),
        sesVerifiedDomain: props.mailDomain,
        sesRegion: this.region,
      }),
      userInvitation: { emailSubject: templates.invitation.subject, emailBody: templates.invitation.html },
      userVerification: {
        emailStyle: cognito.VerificationEmailStyle.CODE,
        emailSubject: templates.verification.subject,
        emailBody: templates.verification.html,
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (!props.requireMfa) {
      Validations.of(this.userPool).acknowledge({
        id: 'AwsSolutions-COG2',
        reason:
          'Two-step sign-in (TOTP) is offered to every user from their profile page in the CMS, and Plus-tier adaptive authentication challenges risky sign-ins; deploy with -c normen:requireMfa=true to make it mandatory.',
      });
    }
    for (const group of userGroups) {
      this.userPool.addGroup(`Group-${group.name}`, {
        groupName: group.name,
        description: group.description,
        precedence: group.precedence,
      });
    }
    this.userPoolClient = this.userPool.addClient('CmsClient', {
      // A browser SPA cannot keep a secret.
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    this.cmsBucket = new s3.Bucket(this, 'CmsBucket', {
      bucketName: cmsBucketName(this, props.resourcePrefix),
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'cms-bucket/',
      // Only build output lives here; every deploy rewrites it.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.cmsDistribution = new cloudfront.Distribution(this, 'CmsDistribution', {
      comment: 'Normen CMS UI',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.cmsBucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.securityHeaders(),
      },
      // No SPA fallback to index.html: react-admin routes in the URL hash, and a fallback would turn
      // a missing config.json into an HTML page with status 200.
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      // TLS 1.2 at least. CloudFront honours a minimum only with a certificate of our own: the
      // default *.cloudfront.net certificate always accepts TLSv1 (hence the CFR4 note below).
      ...(props.cmsDomain
        ? {
            domainNames: [props.cmsDomain.name],
            certificate: acm.Certificate.fromCertificateArn(this, 'CmsCertificate', props.cmsDomain.certificateArn),
            minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.accessLogsBucket,
      logFilePrefix: 'cms-cdn/',
    });
    Validations.of(this.cmsDistribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'Editors and committee members travel; sign-in is required for every API call the UI makes, so country blocking adds nothing.',
    });
    Validations.of(this.cmsDistribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'The distribution serves only the static CMS build (no data, no forms); the API it calls is protected by the Cognito authorizer and stage throttling.',
    });
    if (!props.cmsDomain) {
      Validations.of(this.cmsDistribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without normen:cmsDomain the default *.cloudfront.net certificate is used, whose TLS minimum CloudFront fixes; with normen:cmsDomain the distribution enforces TLSv1.2_2021.',
      });
    }
    this.cmsOrigin = props.cmsDomain ? `https://${props.cmsDomain.name}` : `https://${this.cmsDistribution.distributionDomainName}`;

    this.filesBucket = new s3.Bucket(this, 'FilesBucket', {
      bucketName: filesBucketName(this, props.resourcePrefix),
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'files-bucket/',
      // Editors upload with presigned POSTs (form uploads) straight from the CMS UI; downloads are presigned GETs.
      cors: [
        {
          allowedOrigins: [this.cmsOrigin],
          allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(365), abortIncompleteMultipartUploadAfter: Duration.days(7) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * The configuration set every email is sent with, publishing its events to an encrypted SNS
   * topic (the stateless stack subscribes the feedback function by the topic's derived ARN).
   */
  private createMailEvents(prefix: string): { key: kms.Key; topic: sns.Topic; configurationSet: ses.ConfigurationSet } {
    const topicName = mailEventsTopicName(prefix);

    // SES publishes through SNS's server-side encryption, so it needs the data key: the AWS managed
    // key alias/aws/sns cannot grant that (its policy cannot be edited), hence a key of our own.
    const key = new kms.Key(this, 'MailEventsKey', {
      description: `Encrypts the SES events topic ${topicName}`,
      enableKeyRotation: true,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowSesToPublishToTheMailEventsTopic',
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        // Only for messages to this one topic (SNS names it in the encryption context; the ARN is
        // derived because the topic depends on the key); the topic's own policy admits only this
        // account's configuration set.
        conditions: { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': mailEventsTopicArn(this, prefix) } },
      }),
    );

    const topic = new sns.Topic(this, 'MailEventsTopic', {
      topicName,
      displayName: 'Normen SES events',
      masterKey: key,
      enforceSSL: true,
    });

    const configurationSet = new ses.ConfigurationSet(this, 'MailConfigurationSet', {
      configurationSetName: mailConfigurationSetName(prefix),
      reputationMetrics: true,
    });
    // Adds the topic policy for ses.amazonaws.com, conditioned on this account and configuration set.
    configurationSet.addEventDestination('MailEventsToSns', {
      destination: ses.EventDestination.snsTopic(topic),
      events: [...mailEventTypes],
    });
    return { key, topic, configurationSet };
  }

  private securityHeaders(): cloudfront.ResponseHeadersPolicy {
    return new cloudfront.ResponseHeadersPolicy(this, 'CmsSecurityHeaders', {
      comment: 'Security headers for the Normen CMS UI',
      securityHeadersBehavior: {
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN, override: true },
        contentSecurityPolicy: {
          // connect-src: the API (execute-api), Cognito and presigned S3 uploads, all under amazonaws.com.
          // style-src 'unsafe-inline': the UI library injects its styles at runtime.
          contentSecurityPolicy: [
            "default-src 'self'",
            "connect-src 'self' https://*.amazonaws.com",
            "img-src 'self' data: blob:",
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self' data:",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
          ].join('; '),
          override: true,
        },
      },
    });
  }
}
