import { required, type Config } from './shared/config';
import { fileKeySource, secretsManagerKeySource, type LinkKeySource } from './shared/link-keys';
import { createTokenSigner } from './shared/link-tokens';
import { mailerFromConfig } from './shared/email/mailer';
import type { Platform } from './shared/platform';
import type { JobDependencies } from './jobs/jobs';
import type { createRuntime } from './shared/runtime';
import { createStore } from './store';

/** The link-signing keys: the secret in AWS, the key file locally (see LinkKeySource). */
export function linkKeySource(config: Pick<Config, 'LINK_KEYS_SECRET_ID' | 'LINK_KEYS_FILE'>): LinkKeySource {
  if (config.LINK_KEYS_SECRET_ID) return secretsManagerKeySource(config.LINK_KEYS_SECRET_ID);
  if (config.LINK_KEYS_FILE) return fileKeySource(config.LINK_KEYS_FILE);
  throw new Error('Missing configuration: LINK_KEYS_SECRET_ID (or LINK_KEYS_FILE locally)');
}

/**
 * What every function that emails people with signed links needs (newsletter, events, jobs), built
 * once per process from its runtime. Asynchronous because the link-signing keys are read before
 * the first invocation, so a function without access to them fails at load, not on a request.
 */
export async function emailingDependencies(
  runtime: ReturnType<typeof createRuntime>,
): Promise<Pick<Platform, 'store' | 'clock' | 'mailer' | 'tokens' | 'publicApiUrl' | 'from'>> {
  const { config } = runtime;
  const tokens = createTokenSigner(linkKeySource(config));
  await tokens.ready();
  return {
    store: createStore(runtime.table),
    clock: runtime.clock,
    mailer: mailerFromConfig(config),
    tokens,
    publicApiUrl: required(config.PUBLIC_API_URL, 'PUBLIC_API_URL'),
    from: required(config.MAIL_FROM, 'MAIL_FROM'),
  };
}

/** Everything the jobs use (the jobs function, and the demo seed), from one Lambda's runtime; built once per process. */
export async function jobDependencies(runtime: ReturnType<typeof createRuntime>): Promise<JobDependencies> {
  const { config } = runtime;
  return {
    ...(await emailingDependencies(runtime)),
    cmsUrl: required(config.CMS_URL, 'CMS_URL'),
    sendRate: config.NEWSLETTER_SEND_RATE > 0 ? config.NEWSLETTER_SEND_RATE : 'account',
    concurrency: 8,
    inDoubtAfterMs: 10 * 60_000,
    leaseMs: 60_000,
    // The jobs Lambda runs for at most 5 minutes; stop sending a minute before.
    dispatchBudgetMs: 4 * 60_000,
  };
}
