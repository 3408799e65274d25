import { refreshTokens, type CognitoSettings } from './cognito';
import type { BearerTokenSource } from '../data/apiClient';
import { clearSession, isAccessTokenFresh, readSession, saveSession } from './session';

/** Signals that the session is gone (expired refresh token, or never logged in): the user must log in again. */
export class SessionExpiredError extends Error {
  readonly status = 401;
  constructor() {
    super('Økten er utløpt – logg inn på nytt');
    this.name = 'SessionExpiredError';
  }
}

/**
 * The API is called with the id token: API Gateway's JWT authorizer accepts it for our app client,
 * and unlike the access token it carries the user's email, which the version history records.
 */
export function createBearerTokenSource(cognito: CognitoSettings): BearerTokenSource {
  // Requests fired together while the token is stale share one refresh call.
  let pendingRefresh: Promise<string> | null = null;

  async function refresh(refreshToken: string): Promise<string> {
    try {
      const result = await refreshTokens(cognito, refreshToken);
      return saveSession(result, refreshToken).idToken;
    } catch {
      clearSession();
      throw new SessionExpiredError();
    }
  }

  return {
    async getBearerToken() {
      const session = readSession();
      if (!session) throw new SessionExpiredError();
      if (isAccessTokenFresh(session)) return session.idToken;
      pendingRefresh ??= refresh(session.refreshToken).finally(() => {
        pendingRefresh = null;
      });
      return pendingRefresh;
    },
  };
}
