import type { Store } from '../store';
import type { Clock } from './clock';
import type { FileStore } from './files';
import type { TokenSigner } from './link-tokens';
import type { Mailer } from './email/mailer';
import type { RateLimiter } from './rate-limit';
import type { UserDirectory } from '../users/user-directory';

/**
 * Everything a use case may get from the platform, named once. A use case takes the parts it uses
 * (`Pick<Platform, 'store' | 'clock'>`); a handler builds them once per process from what its Lambda
 * declares in `lambdas` (functions/routes.ts), so a part its Lambda did not declare is not there.
 */
export interface Platform {
  store: Store;
  clock: Clock;
  mailer: Mailer;
  /** The sender (From) of every email, as configured for SES. */
  from: string;
  /** Presigned downloads and uploads in the files bucket. */
  files: FileStore;
  /** Signs and verifies the links in emails. */
  tokens: TokenSigner;
  /** Counts requests per client address (public forms). */
  rateLimiter: RateLimiter;
  /** Base URL of the public API, where the links in emails and forms land. */
  publicApiUrl: string;
  /** Address of the CMS UI (with its trailing slash), for links in emails to editors. */
  cmsUrl: string;
  /** The Cognito user pool, for the user administration. */
  directory: UserDirectory;
}
