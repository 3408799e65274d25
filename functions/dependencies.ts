import { required, type Config } from './shared/config';
import { fileKeySource, secretsManagerKeySource, type LinkKeySource } from './shared/link-keys';
import { createTokenSigner } from './shared/link-tokens';
import { mailerFromConfig } from './shared/email/mailer';
import type { createRuntime } from './shared/runtime';
import { createStore } from './store';

export type EmailingDependencies = Awaited<ReturnType<typeof emailingDependencies>>;

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
export async function emailingDependencies(runtime: ReturnType<typeof createRuntime>) {
  const { config } = runtime;
  const tokens = createTokenSigner(linkKeySource(config));
  await tokens.ready();
  return {
    store: createStore(runtime.table),
    clock: runtime.clock,
    mailer: mailerFromConfig(config),
    tokens,
    /** Base URL of the public API, where the links in emails land. */
    publicApiUrl: required(config.PUBLIC_API_URL, 'PUBLIC_API_URL'),
    /** The sender (From), as configured for SES. */
    from: required(config.MAIL_FROM, 'MAIL_FROM'),
  };
}
