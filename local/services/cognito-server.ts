/**
 * cognito-local with the behaviour of a real user pool where the user administration depends on it.
 * Started as a child process by startCognitoLocal (cognito.ts), with `node --import tsx`.
 *
 * cognito-local 5.3 differs from Cognito in ways that would let our tests pass against behaviour
 * AWS does not have, so this process closes those gaps before cognito-local's own server starts:
 * - a disabled user cannot sign in or refresh ("User is disabled.");
 * - the temporary password is checked before NEW_PASSWORD_REQUIRED is offered, and a wrong password
 *   is NotAuthorizedException ("Incorrect username or password.");
 * - new passwords must meet the pool's policy (content-model/users.ts), as Cognito checks it;
 * - ChangePassword with a wrong current password is NotAuthorizedException, as in Cognito;
 * - the refresh token issued after a challenge (new password, authenticator code) is kept, so it
 *   renews the session as Cognito's does;
 * - a pool that requires two-step sign-in offers MFA_SETUP to a user without an authenticator app,
 *   and the app is set up with the challenge's session (cognito-local refuses such a user);
 * - a wrong code when verifying a new authenticator app is EnableSoftwareTokenMFAException;
 * - the forgotten-password code is emailed through SES local in our Norwegian text, as Cognito
 *   does through SES in AWS (infra/stateful-stack.ts), instead of being printed to the console.
 * It patches cognito-local's target table and message service, both plain objects it looks up at
 * call time; test/integration/user-admin.test.ts holds each difference to AWS behaviour.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { brokenPasswordRule } from '../../content-model';
import { createSesMailer } from '../../functions/shared/email/mailer';
import { passwordResetEmail } from '../../functions/users/emails';

const require = createRequire(import.meta.url);
const lib = (path: string) => require(`cognito-local/lib/${path}`);

interface CognitoUser {
  Username: string;
  Password?: string;
  Enabled?: boolean;
  UserStatus?: string;
  Attributes?: { Name: string; Value?: string }[];
  UserMFASettingList?: string[];
  SoftwareTokenMfaConfiguration?: { Secret?: string; Verified?: boolean; FriendlyDeviceName?: string };
}
interface UserPool {
  options: { MfaConfiguration?: string };
  getUserByUsername(ctx: unknown, username: string): Promise<CognitoUser | null>;
  getUserByRefreshToken(ctx: unknown, token: string): Promise<CognitoUser | null>;
  storeRefreshToken(ctx: unknown, token: string, user: CognitoUser): Promise<void>;
  saveUser(ctx: unknown, user: CognitoUser & Record<string, unknown>): Promise<void>;
  listUserGroupMembership(ctx: unknown, user: CognitoUser): Promise<string[]>;
}
interface Services {
  cognito: {
    getUserPoolForClientId(ctx: unknown, clientId: string): Promise<UserPool>;
    getUserPool(ctx: unknown, id: string): Promise<UserPool>;
    getAppClient(ctx: unknown, clientId: string): Promise<unknown>;
  };
  tokenGenerator: {
    generate(ctx: unknown, user: CognitoUser, groups: string[], client: unknown, metadata: unknown, source: string): Promise<{ RefreshToken: string }>;
  };
}
type Target = (ctx: unknown, request: Record<string, unknown> & { AuthParameters?: Record<string, string> }) => Promise<unknown>;

const { Targets } = lib('targets/targets') as { Targets: Record<string, (services: Services) => Target> };
const errors = lib('errors') as {
  NotAuthorizedError: new (message?: string) => Error;
  CognitoError: new (code: string, message: string) => Error;
};
const totp = lib('services/totp') as { generateSecret(): string; verify(secret: string, code: string): boolean };
const { MessagesService } = lib('services/messages') as { MessagesService: { prototype: { deliver: (...args: unknown[]) => Promise<void> } } };

const disabled = () => new errors.NotAuthorizedError('User is disabled.');
const wrongPassword = () => new errors.NotAuthorizedError('Incorrect username or password.');

/** The claims of a JWT, unverified: cognito-local itself only decodes the access token. */
function decodeJwtPayload(token: string): { client_id?: string; username?: string } | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { client_id?: string; username?: string };
  } catch {
    return undefined;
  }
}

function checkPolicy(password: unknown): void {
  if (typeof password !== 'string') return;
  const broken = brokenPasswordRule(password);
  if (broken) throw new errors.CognitoError('InvalidPasswordException', `Password does not conform to policy: ${broken}`);
}

function wrap(name: string, check: (services: Services, ctx: unknown, request: Parameters<Target>[1]) => Promise<void>): void {
  const original = Targets[name];
  if (!original) throw new Error(`cognito-local has no target ${name}`);
  Targets[name] = (services) => {
    const target = original(services);
    return async (ctx, request) => {
      await check(services, ctx, request);
      return target(ctx, request);
    };
  };
}

wrap('InitiateAuth', async ({ cognito }, ctx, request) => {
  const pool = await cognito.getUserPoolForClientId(ctx, String(request.ClientId));
  const parameters = request.AuthParameters ?? {};
  if (request.AuthFlow === 'REFRESH_TOKEN_AUTH' || request.AuthFlow === 'REFRESH_TOKEN') {
    const user = await pool.getUserByRefreshToken(ctx, parameters.REFRESH_TOKEN ?? '');
    if (user && user.Enabled === false) throw disabled();
    return;
  }
  const user = parameters.USERNAME ? await pool.getUserByUsername(ctx, parameters.USERNAME) : null;
  if (!user) return;
  if (user.Enabled === false) throw disabled();
  // cognito-local offers NEW_PASSWORD_REQUIRED without looking at the password, and answers a wrong
  // one with InvalidPasswordException; Cognito says NotAuthorizedException either way.
  if (user.Password !== parameters.PASSWORD) throw wrongPassword();
});
wrap('RespondToAuthChallenge', async (_services, _ctx, request) => {
  const responses = (request.ChallengeResponses ?? {}) as Record<string, string>;
  if (request.ChallengeName === 'NEW_PASSWORD_REQUIRED') checkPolicy(responses.NEW_PASSWORD);
});
wrap('ConfirmForgotPassword', async (_services, _ctx, request) => checkPolicy(request.Password));
wrap('ChangePassword', async ({ cognito }, ctx, request) => {
  const claims = decodeJwtPayload(String(request.AccessToken ?? ''));
  if (claims?.client_id && claims.username) {
    const user = await (await cognito.getUserPoolForClientId(ctx, claims.client_id)).getUserByUsername(ctx, claims.username);
    // cognito-local says InvalidPasswordException, which a client cannot tell from a weak new password.
    if (user && user.Password !== request.PreviousPassword) throw wrongPassword();
  }
  checkPolicy(request.ProposedPassword);
});
wrap('AdminSetUserPassword', async (_services, _ctx, request) => checkPolicy(request.Password));
wrap('AdminCreateUser', async (_services, _ctx, request) => checkPolicy(request.TemporaryPassword));

/** Replaces a target with one built from cognito-local's own. */
function around(name: string, build: (services: Services, original: Target) => Target): void {
  const original = Targets[name];
  if (!original) throw new Error(`cognito-local has no target ${name}`);
  Targets[name] = (services) => build(services, original(services));
}

const hasAuthenticatorApp = (user: CognitoUser) => (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');

/**
 * Two-step sign-in made mandatory (MfaConfiguration ON, `normen:requireMfa` in AWS): a user without
 * an authenticator app gets MFA_SETUP after the password, and sets the app up with the challenge's
 * session (AssociateSoftwareToken, VerifySoftwareToken, RespondToAuthChallenge MFA_SETUP).
 * cognito-local supports none of this (it refuses such a user outright), so the sessions of that
 * flow are kept here, as Cognito keeps them: a few minutes, one user each.
 */
type SetupStage = 'password-accepted' | 'app-associated' | 'app-verified';
const setupSessions = new Map<string, { clientId: string; username: string; stage: SetupStage; expires: number }>();
const setupSessionMs = 3 * 60_000;

function startSetupSession(clientId: string, username: string, stage: SetupStage): string {
  const session = randomUUID();
  setupSessions.set(session, { clientId, username, stage, expires: Date.now() + setupSessionMs });
  return session;
}

function takeSetupSession(session: unknown, stages: SetupStage[]) {
  const found = typeof session === 'string' ? setupSessions.get(session) : undefined;
  if (typeof session === 'string') setupSessions.delete(session);
  if (!found || found.expires < Date.now() || !stages.includes(found.stage)) throw new errors.NotAuthorizedError('Invalid session for the user.');
  return found;
}

const mfaSetupChallenge = (clientId: string, user: CognitoUser) => ({
  ChallengeName: 'MFA_SETUP',
  ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']), USER_ID_FOR_SRP: user.Username },
  Session: startSetupSession(clientId, user.Username, 'password-accepted'),
});

async function needsSetup(pool: UserPool, user: CognitoUser | null): Promise<boolean> {
  return pool.options.MfaConfiguration === 'ON' && user !== null && !hasAuthenticatorApp(user);
}

around('InitiateAuth', (services, original) => async (ctx, request) => {
  if (request.AuthFlow !== 'USER_PASSWORD_AUTH') return original(ctx, request);
  const clientId = String(request.ClientId);
  const pool = await services.cognito.getUserPoolForClientId(ctx, clientId);
  const user = await pool.getUserByUsername(ctx, request.AuthParameters?.USERNAME ?? '');
  // Only after the right password (a first sign-in asks for the new password first, below).
  const passwordRight = user !== null && user.Enabled !== false && user.Password === request.AuthParameters?.PASSWORD;
  if (passwordRight && user.UserStatus === 'CONFIRMED' && (await needsSetup(pool, user))) return mfaSetupChallenge(clientId, user);
  return original(ctx, request);
});

around('RespondToAuthChallenge', (services, original) => async (ctx, request) => {
  const clientId = String(request.ClientId);
  const pool = await services.cognito.getUserPoolForClientId(ctx, clientId);
  const username = (request.ChallengeResponses as Record<string, string> | undefined)?.USERNAME ?? '';
  if (request.ChallengeName === 'MFA_SETUP') {
    const session = takeSetupSession(request.Session, ['app-verified']);
    const user = await pool.getUserByUsername(ctx, username);
    const appClient = await services.cognito.getAppClient(ctx, clientId);
    if (!user || !appClient || session.username !== user.Username || session.clientId !== clientId)
      throw new errors.NotAuthorizedError('Invalid session for the user.');
    const tokens = await services.tokenGenerator.generate(
      ctx,
      user,
      await pool.listUserGroupMembership(ctx, user),
      appClient,
      request.ClientMetadata,
      'Authentication',
    );
    await pool.storeRefreshToken(ctx, tokens.RefreshToken, user);
    return { ChallengeParameters: {}, AuthenticationResult: tokens };
  }
  const result = (await original(ctx, request)) as { AuthenticationResult?: { RefreshToken?: string } };
  const user = await pool.getUserByUsername(ctx, username);
  // After the new password, a pool that requires two-step sign-in asks for the app to be set up.
  if (request.ChallengeName === 'NEW_PASSWORD_REQUIRED' && user && (await needsSetup(pool, user))) return mfaSetupChallenge(clientId, user);
  // cognito-local issues a refresh token after a challenge without keeping it, so it would be refused later.
  const refreshToken = result.AuthenticationResult?.RefreshToken;
  if (refreshToken && user) await pool.storeRefreshToken(ctx, refreshToken, user);
  return result;
});

around('AssociateSoftwareToken', (services, original) => async (ctx, request) => {
  if (request.AccessToken || !request.Session) return original(ctx, request);
  const session = takeSetupSession(request.Session, ['password-accepted', 'app-associated']);
  const pool = await services.cognito.getUserPoolForClientId(ctx, session.clientId);
  const user = await pool.getUserByUsername(ctx, session.username);
  if (!user) throw new errors.NotAuthorizedError('Invalid session for the user.');
  const secret = totp.generateSecret();
  await pool.saveUser(ctx, { ...user, SoftwareTokenMfaConfiguration: { Secret: secret, Verified: false } });
  return { SecretCode: secret, Session: startSetupSession(session.clientId, session.username, 'app-associated') };
});

around('VerifySoftwareToken', (services, original) => async (ctx, request) => {
  // Cognito answers a wrong code here with EnableSoftwareTokenMFAException, cognito-local with CodeMismatchException.
  const mismatch = () => new errors.CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch');
  if (request.AccessToken || !request.Session) {
    try {
      return await original(ctx, request);
    } catch (error) {
      throw (error as { code?: string }).code === 'CodeMismatchException' ? mismatch() : error;
    }
  }
  const session = takeSetupSession(request.Session, ['app-associated']);
  const pool = await services.cognito.getUserPoolForClientId(ctx, session.clientId);
  const user = await pool.getUserByUsername(ctx, session.username);
  const secret = user?.SoftwareTokenMfaConfiguration?.Secret;
  if (!user || !secret) throw new errors.NotAuthorizedError('Invalid session for the user.');
  if (!totp.verify(secret, String(request.UserCode ?? ''))) {
    // The session stays usable for another try, as in Cognito.
    setupSessions.set(String(request.Session), { ...session, expires: Date.now() + setupSessionMs });
    throw mismatch();
  }
  await pool.saveUser(ctx, {
    ...user,
    SoftwareTokenMfaConfiguration: { ...user.SoftwareTokenMfaConfiguration, Secret: secret, Verified: true },
    UserMFASettingList: [...new Set([...(user.UserMFASettingList ?? []), 'SOFTWARE_TOKEN_MFA'])],
    PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
  });
  return { Status: 'SUCCESS', Session: startSetupSession(session.clientId, session.username, 'app-verified') };
});

const sesEndpoint = process.env.NORMEN_SES_ENDPOINT;
const from = process.env.NORMEN_MAIL_FROM;
const cmsUrl = process.env.NORMEN_CMS_URL;
if (sesEndpoint && from && cmsUrl) {
  const mailer = createSesMailer({ region: 'eu-north-1', from, endpoint: sesEndpoint });
  const deliver = MessagesService.prototype.deliver;
  MessagesService.prototype.deliver = async function (this: unknown, ...args: unknown[]) {
    const [, source, , , user, code] = args as [unknown, string, unknown, unknown, CognitoUser, string];
    if (source !== 'ForgotPassword') return deliver.apply(this, args);
    const to = user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value;
    if (!to) throw new errors.CognitoError('InvalidParameterException', 'The user has no email address');
    await mailer.send({ to, ...passwordResetEmail({ code, cmsUrl }) });
  };
}

lib('bin/start');
