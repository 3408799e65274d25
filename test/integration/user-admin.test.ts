import { randomUUID } from 'node:crypto';
import {
  ChangePasswordCommand,
  CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  AdminCreateUserCommand,
  AssociateSoftwareTokenCommand,
  VerifySoftwareTokenCommand,
  SetUserMFAPreferenceCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, ensureUserPool, type EnsuredUserPool, localClientConfig } from '../../local/services';
import { localUsers } from '../../local/users';
import { emailsTo, services, startTestApi, type TestApi } from '../support/local-stack';
import { totp, wrongTotp } from '../support/totp';

/**
 * The user administration against cognito-local (behind local/services/cognito-server.ts) and SES
 * local, in a user pool of this file's own, since it changes who is in the pool.
 */
let api: TestApi;
let pool: EnsuredUserPool;
let cognito: CognitoIdentityProviderClient;

const newPassword = 'Nytt-passord-2026!';
const unique = () => randomUUID().slice(0, 8);

beforeAll(async () => {
  pool = await ensureUserPool(services().cognitoEndpoint, {
    poolName: `normen-users-${unique()}`,
    clientName: 'normen-cms-users',
    groups: ['editor', 'committee', 'admin'],
    users: Object.values(localUsers),
  });
  api = await startTestApi({ pool });
  cognito = new CognitoIdentityProviderClient(localClientConfig(services().cognitoEndpoint));
});
afterAll(async () => {
  cognito.destroy();
  await api.stop();
});

const passwordAuth = (username: string, password: string) =>
  cognito.send(
    new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );

async function cognitoError(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return { name: (error as Error).name, message: (error as Error).message };
  }
  throw new Error('Expected Cognito to refuse');
}

function claims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The temporary password in the newest invitation to `address`, from the text part as a person reads it. */
async function invitationPassword(address: string): Promise<string> {
  const all = await emailsTo(address);
  const invitations = all.filter((email) => email.subject.includes('invitert'));
  const text = invitations.at(-1)?.body.text ?? '';
  const password = /Midlertidig passord: (\S+)/.exec(text)?.[1];
  if (!password) throw new Error(`No temporary password in the invitation to ${address}:\n${text}`);
  return password;
}

async function invite(group: 'editor' | 'committee' | 'admin', name = 'Nina Nykommer') {
  const email = `ny-${unique()}@example.no`;
  const response = await api.callAs('admin', 'POST', '/admin/users', { email, name, group });
  expect(response.status, JSON.stringify(response.json)).toBe(201);
  return { email, username: String(response.json.username) };
}

/** The pool's username (an id Cognito assigns) of someone who signs in with `email`. */
async function usernameOf(email: string): Promise<string> {
  const users = (await api.callAs('admin', 'GET', '/admin/users')).json.items as { username: string; email: string }[];
  const found = users.find((user) => user.email === email);
  if (!found) throw new Error(`${email} is not in the pool`);
  return encodeURIComponent(found.username);
}

/** First sign-in: the temporary password gets NEW_PASSWORD_REQUIRED, the new password gets tokens. */
async function firstSignIn(email: string, temporary: string) {
  const first = await passwordAuth(email, temporary);
  expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  // People sign in with their email; the challenge is answered for the pool's username.
  const username = first.ChallengeParameters?.USER_ID_FOR_SRP ?? email;
  const answered = await cognito.send(
    new RespondToAuthChallengeCommand({
      ClientId: pool.clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: first.Session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
    }),
  );
  const tokens = answered.AuthenticationResult;
  if (!tokens?.IdToken || !tokens.RefreshToken) throw new Error('No tokens after the new password');
  return { idToken: tokens.IdToken, refreshToken: tokens.RefreshToken };
}

const callWithToken = async (token: string, method: string, path: string) =>
  (await fetch(`${api.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } })).status;

describe('an invited committee member', () => {
  it('gets a Norwegian invitation through SES, sets a new password at first sign-in and is let in as the committee', async () => {
    const { email, username } = await invite('committee');
    const [invitation] = await emailsTo(email);
    expect(invitation?.subject).toBe('Du er invitert til publiseringsløsningen for Normen');
    expect(invitation?.body.text).toContain(`Brukernavn: ${email}`);
    expect(username).not.toBe(email);
    expect(invitation?.body.text).toContain('http://localhost:3000/cms/');
    expect(invitation?.body.text).toContain('Minst 12 tegn');
    const temporary = await invitationPassword(email);

    // As in AWS: the temporary password is checked before the challenge is offered.
    expect((await cognitoError(passwordAuth(email, 'Feil-passord-2026!'))).name).toBe('NotAuthorizedException');
    const first = await passwordAuth(email, temporary);
    expect(first.ChallengeParameters?.USER_ID_FOR_SRP).toBe(username);
    const weak = await cognitoError(
      cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: pool.clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: first.Session,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: 'kort' },
        }),
      ),
    );
    expect(weak.name).toBe('InvalidPasswordException');

    const { idToken } = await firstSignIn(email, temporary);
    expect(claims(idToken)['cognito:groups']).toEqual(['committee']);
    expect(await callWithToken(idToken, 'GET', '/admin/dashboard')).toBe(200);
    expect(await callWithToken(idToken, 'GET', '/admin/users')).toBe(403);

    const listed = await api.callAs('admin', 'GET', '/admin/users');
    const row = (listed.json.items as Record<string, unknown>[]).find((user) => user.username === username);
    expect(row).toMatchObject({ email, name: 'Nina Nykommer', groups: ['committee'], enabled: true, status: 'CONFIRMED' });
    expect(row).not.toHaveProperty('mfa');
  });

  it('can be sent a new invitation until they sign in; the old temporary password stops working', async () => {
    const { email, username } = await invite('editor');
    const firstPassword = await invitationPassword(email);
    const resent = await api.callAs('admin', 'PUT', `/admin/users/${encodeURIComponent(username)}`, { resendInvitation: true });
    expect(resent.status).toBe(200);
    const secondPassword = await invitationPassword(email);
    expect(secondPassword).not.toBe(firstPassword);
    expect((await cognitoError(passwordAuth(email, firstPassword))).name).toBe('NotAuthorizedException');
    await firstSignIn(email, secondPassword);

    const again = await api.callAs('admin', 'PUT', `/admin/users/${encodeURIComponent(username)}`, { resendInvitation: true });
    expect(again.status).toBe(409);
    const history = await api.callAs('admin', 'GET', `/admin/users/${encodeURIComponent(username)}`);
    expect((history.json.history as { note: string }[]).map((record) => record.note)).toEqual(['Ny invitasjon sendt', 'Invitert som redaktør (sekretariatet)']);
  });

  it('refuses bad invitations with 400 naming the field, and a second invitation to the same address with 409', async () => {
    const bad = await api.callAs('admin', 'POST', '/admin/users', { email: 'ikke-en-adresse', name: 'N', group: 'sjef' });
    expect(bad.status).toBe(400);
    const fields = (bad.json.error as { fields: { path: string }[] }).fields.map((field) => field.path).sort();
    expect(fields).toEqual(['email', 'group', 'name']);

    const { email } = await invite('committee');
    const twice = await api.callAs('admin', 'POST', '/admin/users', { email, name: 'Nina Igjen', group: 'editor' });
    expect(twice.status).toBe(409);
    expect((twice.json.error as { fields: { path: string }[] }).fields[0]?.path).toBe('email');
  });
});

describe('changing access', () => {
  it('a group change takes effect at the next sign-in, and is in the history with who and what', async () => {
    const { email, username } = await invite('committee');
    const { idToken: before } = await firstSignIn(email, await invitationPassword(email));
    const changed = await api.callAs('admin', 'PUT', `/admin/users/${encodeURIComponent(username)}`, { group: 'editor' });
    expect(changed.status).toBe(200);
    expect(changed.json.groups).toEqual(['editor']);
    // The token already issued keeps the group it was issued with…
    expect(claims(before)['cognito:groups']).toEqual(['committee']);
    // …the next sign-in carries the new one, and the API lets it write.
    const next = await passwordAuth(email, newPassword);
    const after = next.AuthenticationResult?.IdToken ?? '';
    expect(claims(after)['cognito:groups']).toEqual(['editor']);
    expect(await callWithToken(after, 'GET', '/admin/subscribers')).toBe(200);

    const record = ((await api.callAs('admin', 'GET', `/admin/users/${encodeURIComponent(username)}`)).json.history as Record<string, unknown>[])[0];
    expect(record).toMatchObject({ by: localUsers.admin.username, action: 'updated', changes: ['group'] });
    expect(record?.note).toBe('Gruppe: Redaksjonskomiteen → Redaktør (sekretariatet) (gjelder fra neste innlogging)');
  });

  it('a disabled user cannot sign in or renew the session, and the token they hold is refused once it expires', async () => {
    const { email, username } = await invite('editor');
    const { idToken, refreshToken } = await firstSignIn(email, await invitationPassword(email));
    const disabled = await api.callAs('admin', 'PUT', `/admin/users/${encodeURIComponent(username)}`, { enabled: false });
    expect(disabled.status).toBe(200);
    expect(disabled.json.enabled).toBe(false);

    expect(await cognitoError(passwordAuth(email, newPassword))).toEqual({ name: 'NotAuthorizedException', message: 'User is disabled.' });
    const refresh = cognito.send(
      new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    );
    expect((await cognitoError(refresh)).name).toBe('NotAuthorizedException');

    // The id token lives an hour (the app client's IdTokenValidity); after that the API's verifier refuses it.
    const verify = await createTokenVerifier({ issuer: pool.issuer, jwksUrl: pool.jwksUrl, clientId: pool.clientId });
    const { exp, iat } = claims(idToken) as { exp: number; iat: number };
    expect(exp - iat).toBeLessThanOrEqual(3600);
    await expect(verify(idToken)).resolves.toMatchObject({ 'cognito:username': username });
    vi.useFakeTimers({ now: (exp + 1) * 1000, toFake: ['Date'] });
    try {
      await expect(verify(idToken)).rejects.toThrow(/expired/i);
    } finally {
      vi.useRealTimers();
    }

    const enabled = await api.callAs('admin', 'PUT', `/admin/users/${encodeURIComponent(username)}`, { enabled: true });
    expect(enabled.json.enabled).toBe(true);
    expect((await passwordAuth(email, newPassword)).AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('never leaves the pool without an admin, and an admin cannot disable or remove themself', async () => {
    const self = await usernameOf(localUsers.admin.username);
    const disableSelf = await api.callAs('admin', 'PUT', `/admin/users/${self}`, { enabled: false });
    expect(disableSelf.status).toBe(400);
    expect((disableSelf.json.error as { fields: { path: string }[] }).fields[0]?.path).toBe('enabled');
    expect((await api.callAs('admin', 'DELETE', `/admin/users/${self}`)).status).toBe(400);
    const demoteLast = await api.callAs('admin', 'PUT', `/admin/users/${self}`, { group: 'editor' });
    expect(demoteLast.status).toBe(409);
    expect((demoteLast.json.error as { message: string }).message).toContain('siste administratoren');

    // With a second admin, two demotions at the same moment: one wins, one admin remains.
    const second = await invite('admin', 'Andre Admin');
    const results = await Promise.all([
      api.callAs('admin', 'PUT', `/admin/users/${self}`, { group: 'editor' }),
      api.callAs('admin', 'PUT', `/admin/users/${encodeURIComponent(second.username)}`, { group: 'editor' }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    const admins = ((await api.callAs('admin', 'GET', '/admin/users')).json.items as { groups: string[]; enabled: boolean }[]).filter(
      (user) => user.groups.includes('admin') && user.enabled,
    );
    expect(admins).toHaveLength(1);
    // The admin role's token in the other tests was issued before, with the admin group: they go on.
  });

  it('removes a user; their history stays in the table', async () => {
    const { username } = await invite('committee');
    expect((await api.callAs('admin', 'DELETE', `/admin/users/${encodeURIComponent(username)}`)).status).toBe(204);
    expect((await api.callAs('admin', 'GET', `/admin/users/${encodeURIComponent(username)}`)).status).toBe(404);
    expect((await api.callAs('admin', 'DELETE', `/admin/users/${encodeURIComponent(username)}`)).status).toBe(404);
    const history = await api.store.audit.listFor('user', username);
    expect(history.map((record) => record.action)).toEqual(['deleted', 'invited']);
  });
});

describe('a forgotten password', () => {
  it('is replaced with a code sent in Norwegian through SES', async () => {
    const { email, username } = await invite('committee');
    await firstSignIn(email, await invitationPassword(email));

    await cognito.send(new ForgotPasswordCommand({ ClientId: pool.clientId, Username: username }));
    const reset = (await emailsTo(email)).find((message) => message.subject.startsWith('Kode for å lage nytt passord'));
    const code = /Kode: (\d+)/.exec(reset?.body.text ?? '')?.[1];
    expect(code, reset?.body.text).toMatch(/^\d{6}$/);

    const weak = cognito.send(new ConfirmForgotPasswordCommand({ ClientId: pool.clientId, Username: username, ConfirmationCode: code, Password: 'svakt' }));
    expect((await cognitoError(weak)).name).toBe('InvalidPasswordException');
    const wrongCode = cognito.send(
      new ConfirmForgotPasswordCommand({ ClientId: pool.clientId, Username: username, ConfirmationCode: '000000', Password: 'Helt-nytt-2026!' }),
    );
    expect((await cognitoError(wrongCode)).name).toBe('CodeMismatchException');
    await cognito.send(new ConfirmForgotPasswordCommand({ ClientId: pool.clientId, Username: username, ConfirmationCode: code, Password: 'Helt-nytt-2026!' }));

    expect((await cognitoError(passwordAuth(email, newPassword))).name).toBe('NotAuthorizedException');
    const signedIn = await passwordAuth(email, 'Helt-nytt-2026!');
    expect(signedIn.AuthenticationResult?.AccessToken).toBeTruthy();
    // Changing it later from the profile page follows the same policy.
    const change = cognito.send(
      new ChangePasswordCommand({ AccessToken: signedIn.AuthenticationResult?.AccessToken, PreviousPassword: 'Helt-nytt-2026!', ProposedPassword: 'kort' }),
    );
    expect((await cognitoError(change)).name).toBe('InvalidPasswordException');
  });
});

describe('the sign-in steps the CMS relies on, as in AWS', () => {
  it('keeps the refresh token issued after the new password, and refuses a wrong current password on a change', async () => {
    const { email } = await invite('committee');
    const { refreshToken } = await firstSignIn(email, await invitationPassword(email));
    const renewed = await cognito.send(
      new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    );
    expect(renewed.AuthenticationResult?.IdToken).toBeTruthy();

    const accessToken = renewed.AuthenticationResult?.AccessToken;
    const wrongCurrent = cognito.send(
      new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: 'Feil-passord-2026!', ProposedPassword: 'Et-annet-2026!' }),
    );
    expect((await cognitoError(wrongCurrent)).name).toBe('NotAuthorizedException');
    await cognito.send(new ChangePasswordCommand({ AccessToken: accessToken, PreviousPassword: newPassword, ProposedPassword: 'Et-annet-2026!' }));
    expect((await passwordAuth(email, 'Et-annet-2026!')).AuthenticationResult?.IdToken).toBeTruthy();
  });
});

describe('two-step sign-in with an authenticator app', () => {
  it('asks for the code once the app is verified, refuses a wrong code, and signs in with the right one', async () => {
    const { email } = await invite('editor');
    const { refreshToken } = await firstSignIn(email, await invitationPassword(email));
    const renewed = await cognito.send(
      new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }),
    );
    const accessToken = renewed.AuthenticationResult?.AccessToken;
    const { SecretCode: secret = '' } = await cognito.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);

    // Until a code from the app is verified, the password alone still signs in.
    expect((await passwordAuth(email, newPassword)).AuthenticationResult?.IdToken).toBeTruthy();
    // Cognito's name for a wrong code at this step (cognito-local says CodeMismatchException).
    expect((await cognitoError(cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: wrongTotp(secret) })))).name).toBe(
      'EnableSoftwareTokenMFAException',
    );
    const verified = await cognito.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: totp(secret) }));
    expect(verified.Status).toBe('SUCCESS');
    await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    expect((await api.callAs('admin', 'GET', `/admin/users/${await usernameOf(email)}`)).json).toMatchObject({ mfa: true });

    const challenged = await passwordAuth(email, newPassword);
    expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(challenged.AuthenticationResult).toBeUndefined();
    const answer = (code: string) =>
      cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: pool.clientId,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenged.Session,
          ChallengeResponses: { USERNAME: challenged.ChallengeParameters?.USER_ID_FOR_SRP ?? email, SOFTWARE_TOKEN_MFA_CODE: code },
        }),
      );
    expect((await cognitoError(answer(wrongTotp(secret)))).name).toBe('CodeMismatchException');
    const tokens = (await answer(totp(secret))).AuthenticationResult;
    expect(tokens?.IdToken).toBeTruthy();
    expect(await callWithToken(tokens?.IdToken ?? '', 'GET', '/admin/dashboard')).toBe(200);

    // Turned off, the password alone signs in again.
    await cognito.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }));
    expect((await passwordAuth(email, newPassword)).AuthenticationResult?.IdToken).toBeTruthy();
  });
});

describe('two-step sign-in required of everyone (normen:requireMfa)', () => {
  const password = 'Totrinn-passord-2026!';
  let required: EnsuredUserPool;
  const person = { username: `totrinn-${unique()}@example.no`, password, name: 'Tora Totrinn', groups: ['editor'] };
  beforeAll(async () => {
    required = await ensureUserPool(services().cognitoEndpoint, {
      poolName: `normen-mfa-${unique()}`,
      clientName: 'normen-cms-mfa',
      groups: ['editor', 'committee', 'admin'],
      users: [person],
      requireMfa: true,
    });
  });

  const signIn = (username: string, secret: string) =>
    cognito.send(
      new InitiateAuthCommand({ ClientId: required.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: secret } }),
    );

  /** MFA_SETUP answered as the CMS does: the app's secret and a code from it, with the challenge's sessions. */
  async function setUpApp(session: string | undefined, username: string) {
    const associated = await cognito.send(new AssociateSoftwareTokenCommand({ Session: session }));
    const secret = associated.SecretCode ?? '';
    const wrong = cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: wrongTotp(secret) }));
    expect((await cognitoError(wrong)).name).toBe('EnableSoftwareTokenMFAException');
    const verified = await cognito.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: totp(secret) }));
    expect(verified.Status).toBe('SUCCESS');
    const respond = () =>
      cognito.send(
        new RespondToAuthChallengeCommand({
          ClientId: required.clientId,
          ChallengeName: 'MFA_SETUP',
          Session: verified.Session,
          ChallengeResponses: { USERNAME: username },
        }),
      );
    const tokens = (await respond()).AuthenticationResult;
    // A session is good for one answer.
    expect((await cognitoError(respond())).name).toBe('NotAuthorizedException');
    return { secret, tokens };
  }

  it('asks a user without an app to set one up after the password, then asks for its code at every sign-in', async () => {
    expect((await cognitoError(signIn(person.username, 'Feil-passord-2026!'))).name).toBe('NotAuthorizedException');
    const first = await signIn(person.username, password);
    expect(first.ChallengeName).toBe('MFA_SETUP');
    expect(first.AuthenticationResult).toBeUndefined();
    const username = first.ChallengeParameters?.USER_ID_FOR_SRP ?? '';
    // A made-up session is not one Cognito issued.
    expect(await cognitoError(cognito.send(new AssociateSoftwareTokenCommand({ Session: randomUUID() })))).toMatchObject({ name: 'NotAuthorizedException' });

    const { secret, tokens } = await setUpApp(first.Session, username);
    const verifier = await createTokenVerifier({ issuer: required.issuer, jwksUrl: required.jwksUrl, clientId: required.clientId });
    expect((await verifier(tokens?.IdToken ?? ''))['cognito:groups']).toEqual(['editor']);

    const next = await signIn(person.username, password);
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const answered = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: required.clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: next.Session,
        ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totp(secret) },
      }),
    );
    expect(answered.AuthenticationResult?.IdToken).toBeTruthy();
  });

  it('asks an invited user for a new password first, then for the app', async () => {
    const email = `ny-${unique()}@example.no`;
    const temporary = 'Midlertidig-2026-Aa1';
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: required.userPoolId,
        Username: email,
        TemporaryPassword: temporary,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: email }],
      }),
    );
    const first = await signIn(email, temporary);
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const username = first.ChallengeParameters?.USER_ID_FOR_SRP ?? email;
    const afterPassword = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: required.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: username, NEW_PASSWORD: password },
      }),
    );
    expect(afterPassword.ChallengeName).toBe('MFA_SETUP');
    expect(afterPassword.AuthenticationResult).toBeUndefined();
    const { tokens } = await setUpApp(afterPassword.Session, username);
    expect(tokens?.RefreshToken).toBeTruthy();
    const renewed = await cognito.send(
      new InitiateAuthCommand({ ClientId: required.clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: tokens?.RefreshToken ?? '' } }),
    );
    expect(renewed.AuthenticationResult?.IdToken).toBeTruthy();
  });
});

describe('who may manage users', () => {
  it.each(['editor', 'committee'] as const)('%s: 403 on every /admin/users route, and nothing changes', async (role) => {
    const editor = await usernameOf(localUsers.editor.username);
    const routes = [
      ['GET', '/admin/users'],
      ['POST', '/admin/users'],
      ['GET', `/admin/users/${editor}`],
      ['PUT', `/admin/users/${editor}`],
      ['DELETE', `/admin/users/${editor}`],
    ] as const;
    for (const [method, path] of routes) {
      const body = method === 'POST' ? { email: `x-${unique()}@example.no`, name: 'Xx', group: 'admin' } : method === 'PUT' ? { group: 'admin' } : undefined;
      const response = await api.callAs(role, method, path, body);
      expect(response.status, `${role} ${method} ${path}`).toBe(403);
    }
    const after = await api.callAs('admin', 'GET', `/admin/users/${editor}`);
    expect(after.json).toMatchObject({ groups: ['editor'], enabled: true });
  });
});
