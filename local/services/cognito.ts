import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GroupExistsException,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUserPoolClientsCommand,
  ListUserPoolsCommand,
  SetUserPoolMfaConfigCommand,
  UserNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider';
import { assertPortFree, captureOutput, localClientConfig, manageChild, waitUntil } from './support';

export interface CognitoLocal {
  endpoint: string;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);

/**
 * Runs cognito-local as a child process: it keeps module-level state and reads PORT at import time,
 * so in-process it could run only once per process. Its data (`.cognito/db/*.json`) goes to
 * `<dataDir>/.cognito` because it writes relative to its cwd.
 * Tokens it issues carry `iss = http://localhost:<port>/<poolId>` (from PORT), which is why the
 * endpoint is always spelled with `localhost`.
 */
export async function startCognitoLocal(opts: {
  port: number;
  dataDir: string;
  /** Where the forgotten-password code is emailed (SES local), and the CMS address the email names. */
  mail?: { sesEndpoint: string; from: string; cmsUrl: string };
}): Promise<CognitoLocal> {
  await assertPortFree(opts.port, 'Cognito local (cognito-local)', 'COGNITO_PORT');
  const cwd = path.resolve(opts.dataDir);
  await mkdir(cwd, { recursive: true });

  // cognito-local behind our parity fixes (cognito-server.ts), a TypeScript file: run it with tsx's loader.
  const script = fileURLToPath(new URL('./cognito-server.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx/esm')).href, script], {
    cwd,
    env: {
      ...process.env,
      PORT: String(opts.port),
      HOST: 'localhost',
      ...(opts.mail ? { NORMEN_SES_ENDPOINT: opts.mail.sesEndpoint, NORMEN_MAIL_FROM: opts.mail.from, NORMEN_CMS_URL: opts.mail.cmsUrl } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = captureOutput(child);
  const stop = manageChild(child);
  const endpoint = `http://localhost:${opts.port}`;

  try {
    await waitUntil(async () => (await fetch(`${endpoint}/health`)).ok, {
      timeoutMs: 20_000,
      description: `cognito-local on port ${opts.port}`,
      failFast: () =>
        child.exitCode !== null || child.signalCode !== null
          ? new Error(`cognito-local exited during start (code ${child.exitCode ?? child.signalCode}). Output:\n${output()}`)
          : undefined,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, stop };
}

export interface UserPoolSpec {
  poolName: string;
  clientName: string;
  groups: string[];
  /** Two-step sign-in for everyone, as `normen:requireMfa` makes it in AWS; otherwise each user's choice. */
  requireMfa?: boolean;
  /** Users sign in with `username`, which is also their email address (as with email sign-in in AWS). */
  users: { username: string; password: string; name: string; groups: string[] }[];
}

export interface EnsuredUserPool {
  userPoolId: string;
  clientId: string;
  /** The `iss` claim of this pool's tokens. */
  issuer: string;
  jwksUrl: string;
}

function cognitoClient(endpoint: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient(localClientConfig(endpoint));
}

async function findOrCreatePool(client: CognitoIdentityProviderClient, poolName: string): Promise<string> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: nextToken }));
    const found = page.UserPools?.find((pool) => pool.Name === poolName);
    if (found?.Id) return found.Id;
    nextToken = page.NextToken;
  } while (nextToken);

  const created = await client.send(
    new CreateUserPoolCommand({
      PoolName: poolName,
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    }),
  );
  const id = created.UserPool?.Id;
  if (!id) throw new Error(`cognito-local returned no id for the new user pool ${poolName}`);
  return id;
}

async function findOrCreateClient(client: CognitoIdentityProviderClient, userPoolId: string, clientName: string): Promise<string> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, NextToken: nextToken }));
    const found = page.UserPoolClients?.find((appClient) => appClient.ClientName === clientName);
    if (found?.ClientId) return found.ClientId;
    nextToken = page.NextToken;
  } while (nextToken);

  const created = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: clientName,
      // A browser SPA cannot keep a secret.
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AccessTokenValidity: 1,
      IdTokenValidity: 1,
      RefreshTokenValidity: 30,
      TokenValidityUnits: { AccessToken: 'hours', IdToken: 'hours', RefreshToken: 'days' },
    }),
  );
  const id = created.UserPoolClient?.ClientId;
  if (!id) throw new Error(`cognito-local returned no id for the new app client ${clientName}`);
  return id;
}

async function ensureGroups(client: CognitoIdentityProviderClient, userPoolId: string, groups: string[]): Promise<void> {
  const existing = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await client.send(new ListGroupsCommand({ UserPoolId: userPoolId, Limit: 60, NextToken: nextToken }));
    for (const group of page.Groups ?? []) if (group.GroupName) existing.add(group.GroupName);
    nextToken = page.NextToken;
  } while (nextToken);

  for (const groupName of groups) {
    if (existing.has(groupName)) continue;
    try {
      await client.send(new CreateGroupCommand({ UserPoolId: userPoolId, GroupName: groupName }));
    } catch (error) {
      if (!(error instanceof GroupExistsException)) throw error;
    }
  }
}

async function userExists(client: CognitoIdentityProviderClient, userPoolId: string, username: string): Promise<boolean> {
  try {
    await client.send(new AdminGetUserCommand({ UserPoolId: userPoolId, Username: username }));
    return true;
  } catch (error) {
    if (error instanceof UserNotFoundException) return false;
    throw error;
  }
}

/**
 * Makes sure the pool, its app client, groups and seeded users exist, reusing whatever an earlier
 * start created (found by name), so ids stay stable across restarts with the same data dir.
 * Existing users keep their attributes, but get the seeded password again and are added to any
 * seeded group they miss, so the logins printed at start always work. Groups are never removed.
 */
export async function ensureUserPool(endpoint: string, spec: UserPoolSpec): Promise<EnsuredUserPool> {
  for (const user of spec.users) {
    const unknown = user.groups.filter((group) => !spec.groups.includes(group));
    if (unknown.length > 0) throw new Error(`User ${user.username} is in undeclared group(s): ${unknown.join(', ')}`);
  }

  const client = cognitoClient(endpoint);
  try {
    const userPoolId = await findOrCreatePool(client, spec.poolName);
    const clientId = await findOrCreateClient(client, userPoolId, spec.clientName);
    await ensureGroups(client, userPoolId, spec.groups);
    // As the pool in AWS (infra/stateful-stack.ts): an authenticator app, no SMS; optional unless required.
    // cognito-local's pools start with MFA off, which would skip the code step even for users who have an app.
    await client.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: userPoolId,
        MfaConfiguration: spec.requireMfa ? 'ON' : 'OPTIONAL',
        SoftwareTokenMfaConfiguration: { Enabled: true },
      }),
    );

    for (const user of spec.users) {
      if (!(await userExists(client, userPoolId, user.username))) {
        await client.send(
          new AdminCreateUserCommand({
            UserPoolId: userPoolId,
            Username: user.username,
            // SUPPRESS: no welcome message; cognito-local would otherwise need a delivery medium.
            MessageAction: 'SUPPRESS',
            UserAttributes: [
              { Name: 'email', Value: user.username },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: user.name },
            ],
          }),
        );
      }
      // Permanent: the user is CONFIRMED and USER_PASSWORD_AUTH returns tokens, not NEW_PASSWORD_REQUIRED.
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId,
          Username: user.username,
          Password: user.password,
          Permanent: true,
        }),
      );
      for (const groupName of user.groups) {
        // Membership is a set in cognito-local (and in AWS): adding twice is harmless.
        await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: user.username, GroupName: groupName }));
      }
    }

    const issuer = `${endpoint}/${userPoolId}`;
    return { userPoolId, clientId, issuer, jwksUrl: `${issuer}/.well-known/jwks.json` };
  } finally {
    client.destroy();
  }
}

export interface SignInTokens {
  accessToken: string;
  idToken: string;
  refreshToken?: string;
}

/** Signs in the way the CMS UI does (USER_PASSWORD_AUTH on the public client). */
export async function signIn(endpoint: string, clientId: string, username: string, password: string): Promise<SignInTokens> {
  const client = cognitoClient(endpoint);
  try {
    const result = await client.send(
      new InitiateAuthCommand({
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: username, PASSWORD: password },
      }),
    );
    if (result.ChallengeName) {
      throw new Error(`Sign-in for ${username} needs challenge ${result.ChallengeName}; seeded users should not`);
    }
    const tokens = result.AuthenticationResult;
    if (!tokens?.AccessToken || !tokens.IdToken) throw new Error(`Sign-in for ${username} returned no tokens`);
    return {
      accessToken: tokens.AccessToken,
      idToken: tokens.IdToken,
      ...(tokens.RefreshToken ? { refreshToken: tokens.RefreshToken } : {}),
    };
  } finally {
    client.destroy();
  }
}
