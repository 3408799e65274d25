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
 * - the forgotten-password code is emailed through SES local in our Norwegian text, as Cognito
 *   does through SES in AWS (infra/stateful-stack.ts), instead of being printed to the console.
 * It patches cognito-local's target table and message service, both plain objects it looks up at
 * call time; test/services/cognito.test.ts holds each difference to AWS behaviour.
 */
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
}
interface UserPool {
  getUserByUsername(ctx: unknown, username: string): Promise<CognitoUser | null>;
  getUserByRefreshToken(ctx: unknown, token: string): Promise<CognitoUser | null>;
}
interface Services {
  cognito: { getUserPoolForClientId(ctx: unknown, clientId: string): Promise<UserPool>; getUserPool(ctx: unknown, id: string): Promise<UserPool> };
}
type Target = (ctx: unknown, request: Record<string, unknown> & { AuthParameters?: Record<string, string> }) => Promise<unknown>;

const { Targets } = lib('targets/targets') as { Targets: Record<string, (services: Services) => Target> };
const errors = lib('errors') as {
  NotAuthorizedError: new (message?: string) => Error;
  CognitoError: new (code: string, message: string) => Error;
};
const { MessagesService } = lib('services/messages') as { MessagesService: { prototype: { deliver: (...args: unknown[]) => Promise<void> } } };

const disabled = () => new errors.NotAuthorizedError('User is disabled.');
const wrongPassword = () => new errors.NotAuthorizedError('Incorrect username or password.');

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
wrap('ChangePassword', async (_services, _ctx, request) => checkPolicy(request.ProposedPassword));
wrap('AdminSetUserPassword', async (_services, _ctx, request) => checkPolicy(request.Password));
wrap('AdminCreateUser', async (_services, _ctx, request) => checkPolicy(request.TemporaryPassword));

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
