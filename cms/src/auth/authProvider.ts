import type { AuthProvider } from 'react-admin';
import { userGroups } from '../../../content-model';
import { answerChallenge, type ChallengeAnswer, logInWithPassword, type CognitoSettings } from './cognito';
import { mayPerform } from './permissions';
import { clearSession, decodeJwtClaims, groupsOf, readSession, saveSession } from './session';

/** The HTTP status an API error carries (HttpError), if any. */
export function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number') {
    return error.status;
  }
  return undefined;
}

/**
 * What the login page passes to login(): the username and password, or the answer to the step
 * Cognito asked for (a SignInChallenge thrown by an earlier call).
 */
export type LoginParams = { username?: string; password?: string } | { answer: ChallengeAnswer };

export function createAuthProvider(cognito: CognitoSettings): AuthProvider {
  return {
    async login(params: LoginParams) {
      if ('answer' in params) {
        saveSession(await answerChallenge(cognito, params.answer));
        return;
      }
      const username = params.username?.trim() ?? '';
      const password = params.password ?? '';
      if (!username || !password) throw new Error('Skriv inn brukernavn og passord');
      saveSession(await logInWithPassword(cognito, username, password));
    },

    async logout() {
      // Tokens simply expire; the CMS does not call GlobalSignOut so other sessions of the user survive.
      clearSession();
    },

    async checkAuth() {
      // A stale access token is fine here: the data provider refreshes it before the next request.
      if (!readSession()) throw new Error('Ikke innlogget');
    },

    async checkError(error: unknown) {
      const status = statusOf(error);
      if (status === 401) {
        clearSession();
        throw new Error('Økten er utløpt – logg inn på nytt');
      }
      if (status === 403) {
        // Keep the user signed in, show why, and stay on the page.
        throw { logoutUser: false, redirectTo: undefined, message: 'Du har ikke tilgang til å gjøre dette' };
      }
    },

    async getIdentity() {
      const session = readSession();
      if (!session) throw new Error('Ikke innlogget');
      const claims = decodeJwtClaims(session.idToken);
      const groups = groupsOf(session);
      const roles = groups.map((group) => userGroups.labels[group]).join(', ');
      const name = claims.name ?? claims.email ?? claims['cognito:username'] ?? 'Ukjent bruker';
      return {
        id: claims.sub ?? name,
        fullName: roles ? `${name} · ${roles}` : name,
        ...(claims.email ? { email: claims.email } : {}),
      };
    },

    async getPermissions() {
      return groupsOf(readSession());
    },

    async canAccess({ action, resource }) {
      const session = readSession();
      // Signed out: checkAuth sends the user to the login page. Answering "no" here instead makes
      // react-admin bounce between its access-denied handling and the logout redirect.
      if (!session) return true;
      return mayPerform(groupsOf(session), action, resource);
    },
  };
}
