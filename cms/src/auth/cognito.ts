import { z } from 'zod';

/**
 * The Cognito user-pool calls the CMS makes, as plain JSON-over-HTTP calls: signing in (with the
 * challenges for a first sign-in and for two-step sign-in), a forgotten password, and what a
 * signed-in user changes about themself (password, authenticator app). Using fetch instead of the
 * AWS SDK keeps the bundle small and works the same against cognito-local.
 */
export interface CognitoSettings {
  endpoint: string;
  clientId: string;
}

const authenticationResultSchema = z.object({
  AccessToken: z.string().min(1),
  IdToken: z.string().min(1),
  /** Absent when refreshing: Cognito keeps the refresh token it already issued. */
  RefreshToken: z.string().min(1).optional(),
  /** Seconds; cognito-local leaves it out, and then the token's own exp claim decides. */
  ExpiresIn: z.number().int().positive().optional(),
});
export type AuthenticationResult = z.infer<typeof authenticationResultSchema>;

const authResponseSchema = z.object({
  AuthenticationResult: authenticationResultSchema.optional(),
  ChallengeName: z.string().optional(),
  Session: z.string().optional(),
  ChallengeParameters: z.record(z.string(), z.string()).optional(),
});

const cognitoErrorSchema = z.object({ __type: z.string().optional(), message: z.string().optional() });

/**
 * Thrown for anything Cognito refuses. `code` is the plain error name ("CodeMismatchException"),
 * which the pages use to put the message at the right field; the message is meant for the user.
 */
export class CognitoAuthError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'CognitoAuthError';
  }
}

/** The challenges the CMS answers; others end the sign-in with a message. */
export const supportedChallenges = ['NEW_PASSWORD_REQUIRED', 'SOFTWARE_TOKEN_MFA', 'MFA_SETUP'] as const;
export type SupportedChallenge = (typeof supportedChallenges)[number];

const challengeMessages: Record<SupportedChallenge, string> = {
  NEW_PASSWORD_REQUIRED: 'Du må lage et nytt passord',
  SOFTWARE_TOKEN_MFA: 'Skriv inn koden fra autentiseringsappen',
  // A pool that requires two-step sign-in (normen:requireMfa), for a user without an app yet.
  MFA_SETUP: 'Du må sette opp totrinnsinnlogging',
};

/**
 * Cognito wants one more step before it issues tokens. The login page shows the step and answers
 * with `session` for `username`, the pool's own name for the user (people sign in with their
 * email; the answer must name the pool's username, USER_ID_FOR_SRP). `signInName` is what the
 * person typed, for what the page shows them.
 */
export class SignInChallenge extends Error {
  constructor(
    readonly challenge: SupportedChallenge,
    readonly session: string,
    readonly username: string,
    readonly signInName: string,
  ) {
    super(challengeMessages[challenge]);
    this.name = 'SignInChallenge';
  }
}

/** Real AWS names the error "prefix#Name", cognito-local plain "Name". */
const errorName = (type: string) => type.split('#').pop() ?? type;

/** The default Norwegian message for an error; pages that know better (which field) say more. */
export function defaultMessageFor(code: string): string {
  switch (code) {
    case 'NotAuthorizedException':
    case 'UserNotFoundException':
      return 'Feil brukernavn eller passord';
    case 'InvalidPasswordException':
      return 'Passordet oppfyller ikke kravene';
    case 'CodeMismatchException':
      return 'Koden stemmer ikke';
    case 'ExpiredCodeException':
      return 'Koden er utløpt – be om en ny';
    case 'EnableSoftwareTokenMFAException':
      return 'Koden stemmer ikke – prøv med den neste koden appen viser';
    case 'UserNotConfirmedException':
      return 'Brukeren er ikke bekreftet ennå';
    case 'PasswordResetRequiredException':
      return 'Passordet må tilbakestilles før du kan logge inn – bruk «Glemt passord?»';
    case 'TooManyRequestsException':
    case 'TooManyFailedAttemptsException':
    case 'LimitExceededException':
      return 'For mange forsøk – vent litt og prøv igjen';
    case 'NetworkError':
      return 'Får ikke kontakt med innloggingstjenesten';
    default:
      return 'Innloggingstjenesten svarte med en feil – prøv igjen senere';
  }
}

async function call(settings: CognitoSettings, target: string, body: Record<string, unknown>): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(settings.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': `AWSCognitoIdentityProviderService.${target}` },
      body: JSON.stringify(body),
    });
  } catch {
    throw new CognitoAuthError(defaultMessageFor('NetworkError'), 'NetworkError');
  }
  const payload: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = cognitoErrorSchema.safeParse(payload);
    const code = errorName((error.success ? error.data.__type : undefined) ?? `HTTP${response.status}`);
    throw new CognitoAuthError(defaultMessageFor(code), code);
  }
  return payload;
}

/** Tokens, or the next step as a SignInChallenge. */
function tokensOrChallenge(payload: unknown, username: string, signInName = username): AuthenticationResult {
  const result = authResponseSchema.safeParse(payload);
  if (!result.success) throw new CognitoAuthError('Uventet svar fra innloggingstjenesten', 'InvalidResponse');
  const { AuthenticationResult: tokens, ChallengeName, Session, ChallengeParameters } = result.data;
  if (tokens) return tokens;
  const challenge = supportedChallenges.find((name) => name === ChallengeName);
  if (challenge && Session) throw new SignInChallenge(challenge, Session, ChallengeParameters?.USER_ID_FOR_SRP ?? username, signInName);
  throw new CognitoAuthError(
    `Innloggingen krever et steg (${ChallengeName ?? 'ukjent'}) som CMS-et ikke støtter – kontakt en administrator`,
    ChallengeName ?? 'Challenge',
  );
}

export async function logInWithPassword(settings: CognitoSettings, username: string, password: string): Promise<AuthenticationResult> {
  const payload = await call(settings, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: settings.clientId,
    AuthParameters: { USERNAME: username, PASSWORD: password },
  });
  return tokensOrChallenge(payload, username);
}

export async function refreshTokens(settings: CognitoSettings, refreshToken: string): Promise<AuthenticationResult> {
  const payload = await call(settings, 'InitiateAuth', {
    AuthFlow: 'REFRESH_TOKEN_AUTH',
    ClientId: settings.clientId,
    AuthParameters: { REFRESH_TOKEN: refreshToken },
  });
  return tokensOrChallenge(payload, '');
}

/** The answer to a challenge: the new password, or the code from the authenticator app. */
/** The answer to a challenge: the new password, the code from the authenticator app, or (MFA_SETUP) the verified app's session. */
export type ChallengeAnswer = { session: string; username: string; signInName: string } & (
  | { challenge: 'NEW_PASSWORD_REQUIRED'; newPassword: string }
  | { challenge: 'SOFTWARE_TOKEN_MFA'; code: string }
  | { challenge: 'MFA_SETUP' }
);

function challengeResponses(answer: ChallengeAnswer): Record<string, string> {
  switch (answer.challenge) {
    case 'NEW_PASSWORD_REQUIRED':
      return { USERNAME: answer.username, NEW_PASSWORD: answer.newPassword };
    case 'SOFTWARE_TOKEN_MFA':
      return { USERNAME: answer.username, SOFTWARE_TOKEN_MFA_CODE: answer.code };
    case 'MFA_SETUP':
      return { USERNAME: answer.username };
  }
}

export async function answerChallenge(settings: CognitoSettings, answer: ChallengeAnswer): Promise<AuthenticationResult> {
  const responses = challengeResponses(answer);
  const payload = await call(settings, 'RespondToAuthChallenge', {
    ClientId: settings.clientId,
    ChallengeName: answer.challenge,
    Session: answer.session,
    ChallengeResponses: responses,
  });
  // A new password may be followed by another step: the app's code, or setting up the app.
  return tokensOrChallenge(payload, answer.username, answer.signInName);
}

/** Sends a code to the user's email address. */
export async function requestPasswordReset(settings: CognitoSettings, username: string): Promise<void> {
  await call(settings, 'ForgotPassword', { ClientId: settings.clientId, Username: username });
}

export async function confirmPasswordReset(settings: CognitoSettings, reset: { username: string; code: string; newPassword: string }): Promise<void> {
  await call(settings, 'ConfirmForgotPassword', {
    ClientId: settings.clientId,
    Username: reset.username,
    ConfirmationCode: reset.code,
    Password: reset.newPassword,
  });
}

export async function changePassword(settings: CognitoSettings, accessToken: string, previous: string, proposed: string): Promise<void> {
  await call(settings, 'ChangePassword', { AccessToken: accessToken, PreviousPassword: previous, ProposedPassword: proposed });
}

const getUserSchema = z.object({
  UserAttributes: z.array(z.object({ Name: z.string(), Value: z.string().optional() })).optional(),
  UserMFASettingList: z.array(z.string()).optional(),
});

export interface CurrentUser {
  name: string | undefined;
  email: string | undefined;
  /** Whether two-step sign-in with an authenticator app is on. */
  authenticatorApp: boolean;
}

/** The signed-in user as the pool has them now (the id token may be an hour old, and cognito-local leaves the name out of it). */
export async function currentUser(settings: CognitoSettings, accessToken: string): Promise<CurrentUser> {
  const parsed = getUserSchema.safeParse(await call(settings, 'GetUser', { AccessToken: accessToken }));
  if (!parsed.success) throw new CognitoAuthError('Uventet svar fra innloggingstjenesten', 'InvalidResponse');
  const attribute = (name: string) => parsed.data.UserAttributes?.find((entry) => entry.Name === name)?.Value;
  return { name: attribute('name'), email: attribute('email'), authenticatorApp: (parsed.data.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA') };
}

/** A new secret for an authenticator app; it counts only once a code from the app is verified. */
export async function newAuthenticatorSecret(settings: CognitoSettings, accessToken: string): Promise<string> {
  const parsed = z.object({ SecretCode: z.string().min(1) }).safeParse(await call(settings, 'AssociateSoftwareToken', { AccessToken: accessToken }));
  if (!parsed.success) throw new CognitoAuthError('Uventet svar fra innloggingstjenesten', 'InvalidResponse');
  return parsed.data.SecretCode;
}

/** Verifies a code from the app, then makes the app the user's (preferred) second step. */
export async function turnOnAuthenticatorApp(settings: CognitoSettings, accessToken: string, code: string): Promise<void> {
  const verified = z
    .object({ Status: z.string().optional() })
    .safeParse(await call(settings, 'VerifySoftwareToken', { AccessToken: accessToken, UserCode: code, FriendlyDeviceName: 'Autentiseringsapp' }));
  if (verified.success && verified.data.Status === 'ERROR') throw new CognitoAuthError(defaultMessageFor('CodeMismatchException'), 'CodeMismatchException');
  await call(settings, 'SetUserMFAPreference', { AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
}

export async function turnOffAuthenticatorApp(settings: CognitoSettings, accessToken: string): Promise<void> {
  await call(settings, 'SetUserMFAPreference', { AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } });
}

/**
 * MFA_SETUP, step 1: a secret for the app, for the user the challenge's session is about (there is
 * no access token yet). Cognito answers with a new session for the next call.
 */
export async function startAuthenticatorSetup(settings: CognitoSettings, session: string): Promise<{ secret: string; session: string }> {
  const parsed = z
    .object({ SecretCode: z.string().min(1), Session: z.string().min(1) })
    .safeParse(await call(settings, 'AssociateSoftwareToken', { Session: session }));
  if (!parsed.success) throw new CognitoAuthError('Uventet svar fra innloggingstjenesten', 'InvalidResponse');
  return { secret: parsed.data.SecretCode, session: parsed.data.Session };
}

/** MFA_SETUP, step 2: a code from the app proves it is set up; the session it returns answers the challenge. */
export async function verifyAuthenticatorSetup(settings: CognitoSettings, session: string, code: string): Promise<string> {
  const parsed = z
    .object({ Status: z.string().optional(), Session: z.string().min(1) })
    .safeParse(await call(settings, 'VerifySoftwareToken', { Session: session, UserCode: code, FriendlyDeviceName: 'Autentiseringsapp' }));
  if (!parsed.success) throw new CognitoAuthError('Uventet svar fra innloggingstjenesten', 'InvalidResponse');
  if (parsed.data.Status === 'ERROR') throw new CognitoAuthError(defaultMessageFor('EnableSoftwareTokenMFAException'), 'EnableSoftwareTokenMFAException');
  return parsed.data.Session;
}
