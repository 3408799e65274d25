import { required } from './shared/config';
import { createTokenSigner } from './shared/link-tokens';
import { mailerFromConfig } from './shared/mailer';
import type { createRuntime } from './shared/runtime';
import { createStore } from './store';

export type EmailingDependencies = ReturnType<typeof emailingDependencies>;

/**
 * What every function that emails people with signed links needs (newsletter, events, jobs), built
 * once per process from its runtime.
 */
export function emailingDependencies(runtime: ReturnType<typeof createRuntime>) {
  const { config } = runtime;
  return {
    store: createStore(runtime.table),
    clock: runtime.clock,
    mailer: mailerFromConfig(config),
    tokens: createTokenSigner(required(config.LINK_TOKEN_SECRET, 'LINK_TOKEN_SECRET')),
    /** Base URL of the public API, where the links in emails land. */
    publicApiUrl: required(config.PUBLIC_API_URL, 'PUBLIC_API_URL'),
    /** The sender (From), as configured for SES. */
    from: required(config.MAIL_FROM, 'MAIL_FROM'),
  };
}
