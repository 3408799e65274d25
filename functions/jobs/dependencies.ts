import { createTokenSigner } from '../shared/link-tokens';
import { required } from '../shared/config';
import { mailerFromConfig } from '../shared/mailer';
import type { createRuntime } from '../shared/runtime';
import { createStore } from '../store';
import type { JobDependencies } from './jobs';

/** Everything the scheduled jobs use, from one Lambda's runtime; built once per process. */
export function jobDependencies(runtime: ReturnType<typeof createRuntime>): JobDependencies {
  const { config } = runtime;
  return {
    store: createStore(runtime.table),
    clock: runtime.clock,
    mailer: mailerFromConfig(config),
    cmsUrl: config.CMS_URL,
    tokens: createTokenSigner(required(config.LINK_TOKEN_SECRET, 'LINK_TOKEN_SECRET')),
    publicApiUrl: config.PUBLIC_API_URL,
    from: config.MAIL_FROM,
    sendRate: config.NEWSLETTER_SEND_RATE > 0 ? config.NEWSLETTER_SEND_RATE : 'account',
    concurrency: 8,
    inDoubtAfterMs: 10 * 60_000,
    leaseMs: 60_000,
    // The jobs Lambda runs for at most 5 minutes; stop sending a minute before.
    dispatchBudgetMs: 4 * 60_000,
  };
}
