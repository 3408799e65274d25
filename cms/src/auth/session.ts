import { z } from 'zod';
import { userGroups, type UserGroup } from '../../../content-model';
import type { AuthenticationResult } from './cognito';

/**
 * The signed-in session, kept in sessionStorage: it survives a reload but not closing the tab,
 * and is not shared with other tabs.
 */
const sessionSchema = z.object({
  accessToken: z.string(),
  idToken: z.string(),
  refreshToken: z.string(),
  /** Epoch milliseconds when the access token expires. */
  expiresAt: z.number(),
});
export type Session = z.infer<typeof sessionSchema>;

const STORAGE_KEY = 'normen.cms.session';

export function readSession(): Session | null {
  const stored = sessionStorage.getItem(STORAGE_KEY);
  if (!stored) return null;
  try {
    return sessionSchema.parse(JSON.parse(stored));
  } catch {
    sessionStorage.removeItem(STORAGE_KEY);
    return null;
  }
}

/** Cognito's ExpiresIn when given, else the access token's exp claim, else a cautious hour. */
function expiryOf(result: AuthenticationResult): number {
  if (result.ExpiresIn !== undefined) return Date.now() + result.ExpiresIn * 1000;
  const exp = decodeJwtClaims(result.AccessToken).exp;
  return exp !== undefined ? exp * 1000 : Date.now() + 3_600_000;
}

export function saveSession(result: AuthenticationResult, previousRefreshToken?: string): Session {
  const refreshToken = result.RefreshToken ?? previousRefreshToken;
  if (!refreshToken) throw new Error('Cognito returned no refresh token');
  const session: Session = {
    accessToken: result.AccessToken,
    idToken: result.IdToken,
    refreshToken,
    expiresAt: expiryOf(result),
  };
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}

export function clearSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}

/** Refresh a little before expiry so a request never leaves with a token that dies in flight. */
const EXPIRY_MARGIN_MS = 30_000;

export function isAccessTokenFresh(session: Session, now = Date.now()): boolean {
  return session.expiresAt - EXPIRY_MARGIN_MS > now;
}

const jwtClaimsSchema = z.looseObject({
  sub: z.string().optional(),
  exp: z.number().optional(),
  email: z.string().optional(),
  name: z.string().optional(),
  'cognito:username': z.string().optional(),
  'cognito:groups': z.array(z.string()).optional(),
});
export type JwtClaims = z.infer<typeof jwtClaimsSchema>;

/** Reads a JWT's claims without verifying it: the API verifies; the UI only needs them for display and menus. */
export function decodeJwtClaims(token: string): JwtClaims {
  const payload = token.split('.')[1];
  if (!payload) return {};
  const base64 = payload
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(payload.length / 4) * 4, '=');
  try {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    return jwtClaimsSchema.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return {};
  }
}

export function groupsOf(session: Session | null): UserGroup[] {
  if (!session) return [];
  const claimed = decodeJwtClaims(session.accessToken)['cognito:groups'] ?? decodeJwtClaims(session.idToken)['cognito:groups'] ?? [];
  return claimed.filter((group): group is UserGroup => userGroups.schema.safeParse(group).success);
}
