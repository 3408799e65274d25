import { refreshTokens, type CognitoSettings } from './cognito';
import type { BearerTokenSource } from '../data/apiClient';
import { clearSession, isAccessTokenFresh, readSession, saveSession, type Session } from './session';

/** Signals that the session is gone (expired refresh token, or never logged in): the user must log in again. */
export class SessionExpiredError extends Error {
  readonly status = 401;
  constructor() {
    super('Økten er utløpt – logg inn på nytt');
    this.name = 'SessionExpiredError';
  }
}

// Requests fired together while the tokens are stale share one refresh call.
let pendingRefresh: Promise<Session> | null = null;

async function refresh(cognito: CognitoSettings, refreshToken: string): Promise<Session> {
  try {
    return saveSession(await refreshTokens(cognito, refreshToken), refreshToken);
  } catch {
    clearSession();
    throw new SessionExpiredError();
  }
}

/** The session with tokens that are still valid, refreshed first if they are about to expire. */
export async function freshSession(cognito: CognitoSettings): Promise<Session> {
  const session = readSession();
  if (!session) throw new SessionExpiredError();
  if (isAccessTokenFresh(session)) return session;
  pendingRefresh ??= refresh(cognito, session.refreshToken).finally(() => {
    pendingRefresh = null;
  });
  return pendingRefresh;
}

/**
 * The API is called with the id token: API Gateway's JWT authorizer accepts it for our app client,
 * and unlike the access token it carries the user's email, which the version history records.
 * (The access token is for Cognito's own calls about the user: password, authenticator app.)
 */
export function createBearerTokenSource(cognito: CognitoSettings): BearerTokenSource {
  return {
    async getBearerToken() {
      return (await freshSession(cognito)).idToken;
    },
  };
}
