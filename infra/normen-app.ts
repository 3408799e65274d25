import { fileURLToPath } from 'node:url';
import { App, Tags, Validations } from 'aws-cdk-lib';
import type { AppProps, Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseWebsiteOrigins } from '../functions/cors';
import type { BundlingMode } from './constructs/normen-function';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

/** Repository root, independent of the working directory the CLI or the tests run in. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export interface NormenApp {
  readonly app: App;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

export interface NormenAppOptions {
  /** Run the cdk-nag AwsSolutions checks at synth (default). Template tests turn them off to fail on their own assertions. */
  readonly nagChecks?: boolean;
}

/**
 * Builds the whole CDK app. Shared by infra/app.ts (the CLI entry) and the infrastructure tests,
 * so the tests check exactly what gets deployed, cdk-nag included.
 *
 * Context (cdk.json or `-c key=value`):
 * - `normen:bundling`: `esbuild` (default) or `skip` (stub code, for fast template tests)
 * - `normen:stackPrefix`: stack name and bucket name prefix, default `Normen` (one per stage: `NormenTest`, …)
 * - `normen:region`: target region (cdk.json pins eu-north-1); falls back to the CLI's region
 * - `normen:alarmEmail`: address subscribed to every alarm (synth warns without it)
 * - `normen:apiDomain` + `normen:apiCertificateArn`: optional custom domain of the API (certificate in
 *   the stack's region); every link in an email then points at it
 * - `normen:cmsDomain` + `normen:cmsCertificateArn`: optional custom domain of the CMS UI (certificate
 *   in us-east-1, as CloudFront requires); only with one can CloudFront enforce TLS 1.2
 * - `normen:cmsDistDir`: optional path of the built CMS UI, default `cms/dist`
 * - `normen:mailDomain`: domain of the SES identity that sends every email, default `normen.no`
 * - `normen:mailFrom`: sender of every email (MAIL_FROM), default `Normen <ikke-svar@normen.no>`;
 *   its address must be in `normen:mailDomain`, the only identity the functions may send through
 * - `normen:requireMfa`: `true` makes two-step sign-in (TOTP) mandatory for everyone in the user pool
 * - `normen:websiteOrigins`: JSON list of the website's origins whose JavaScript may read the API
 *   (CORS, besides the CMS), default `["https://www.normen.no"]`
 * The account comes from the CLI's credentials; without any the stacks are account-agnostic,
 * so `cdk synth` works offline.
 */
export function createNormenApp(props: AppProps = {}, options: NormenAppOptions = {}): NormenApp {
  const app = new App(props);
  const bundling = readBundling(app);
  const prefix = contextString(app, 'normen:stackPrefix') ?? 'Normen';
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(prefix)) {
    throw new Error(`normen:stackPrefix must be alphanumeric, got '${prefix}'`);
  }
  // The region is pinned in cdk.json (data stays in the EU/EEA); the account comes from the CLI's
  // credentials. Weak cross-stack references (Fn::GetStackOutput) name the producer's region, so it must be known.
  const region = contextString(app, 'normen:region') ?? process.env.CDK_DEFAULT_REGION;
  if (!region) throw new Error('Set the target region: context normen:region (cdk.json) or CDK_DEFAULT_REGION');
  const env: Environment = { account: process.env.CDK_DEFAULT_ACCOUNT, region };
  const mail = readMail(app);

  const stateful = new StatefulStack(app, `${prefix}Stateful`, {
    env,
    description: 'Normen platform: table, files, user pool and CMS hosting (retained on delete)',
    terminationProtection: true,
    resourcePrefix: prefix,
    mailDomain: mail.domain,
    mailFrom: mail.sender,
    requireMfa: contextFlag(app, 'normen:requireMfa'),
    cmsDomain: readDomain(app, 'normen:cmsDomain', 'normen:cmsCertificateArn', 'us-east-1'),
  });
  const stateless = new StatelessStack(app, `${prefix}Stateless`, {
    env,
    description: 'Normen platform: functions, HTTP API, alarms and CMS UI content',
    stateful,
    resourcePrefix: prefix,
    projectRoot,
    bundling,
    alarmEmail: contextString(app, 'normen:alarmEmail'),
    cmsDistDir: contextString(app, 'normen:cmsDistDir'),
    mailDomain: mail.domain,
    mailFrom: mail.from,
    websiteOrigins: parseWebsiteOrigins(app.node.tryGetContext('normen:websiteOrigins')),
    apiDomain: readDomain(app, 'normen:apiDomain', 'normen:apiCertificateArn', region),
  });
  Tags.of(app).add('project', 'normen');

  if (options.nagChecks ?? true) {
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
  return { app, stateful, stateless };
}

function contextString(app: App, key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * A custom domain and its ACM certificate, both or neither. API Gateway needs the certificate in the
 * stack's region, CloudFront in us-east-1: a certificate elsewhere fails the deploy late, so refuse it here.
 */
function readDomain(app: App, domainKey: string, certificateKey: string, certificateRegion: string): { name: string; certificateArn: string } | undefined {
  const name = contextString(app, domainKey)?.toLowerCase();
  const certificateArn = contextString(app, certificateKey);
  if (!name && !certificateArn) return undefined;
  if (!name || !certificateArn) throw new Error(`Set both ${domainKey} and ${certificateKey}, or neither`);
  if (!/^([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/.test(name)) throw new Error(`${domainKey} must be a domain name, got '${name}'`);
  const arn = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/.exec(certificateArn);
  if (!arn) throw new Error(`${certificateKey} must be an ACM certificate ARN, got '${certificateArn}'`);
  if (arn[1] !== certificateRegion) throw new Error(`${certificateKey} must be a certificate in ${certificateRegion} (got ${arn[1]})`);
  return { name, certificateArn };
}

/** A flag set in cdk.json or with `-c key=true`; anything but true or "true" is off. */
function contextFlag(app: App, key: string): boolean {
  const value: unknown = app.node.tryGetContext(key);
  return value === true || value === 'true';
}

function readMail(app: App): { domain: string; from: string; sender: { address: string; name?: string } } {
  const domain = (contextString(app, 'normen:mailDomain') ?? 'normen.no').toLowerCase();
  const from = contextString(app, 'normen:mailFrom') ?? 'Normen <ikke-svar@normen.no>';
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) {
    throw new Error(`normen:mailDomain must be a domain name, got '${domain}'`);
  }
  // 'Name <address>' or a bare address; SES refuses a sender outside the verified identity.
  const address = (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim().toLowerCase();
  if (!address.endsWith(`@${domain}`)) {
    throw new Error(`normen:mailFrom (${from}) must be an address in normen:mailDomain (${domain})`);
  }
  const name = /^\s*"?([^"<]*?)"?\s*</.exec(from)?.[1]?.trim();
  return { domain, from, sender: { address, ...(name ? { name } : {}) } };
}

function readBundling(app: App): BundlingMode {
  const value = contextString(app, 'normen:bundling') ?? 'esbuild';
  if (value !== 'esbuild' && value !== 'skip') {
    throw new Error(`normen:bundling must be 'esbuild' or 'skip', got '${value}'`);
  }
  return value;
}
