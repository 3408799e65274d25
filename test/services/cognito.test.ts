import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUserPool, signIn, startCognitoLocal } from '../../local/services/cognito';
import type { CognitoLocal, EnsuredUserPool, UserPoolSpec } from '../../local/services/cognito';
import { createTokenVerifier } from '../../local/services/token-verifier';

const port = 29229;

const spec: UserPoolSpec = {
  poolName: 'normen-test',
  clientName: 'normen-cms-test',
  groups: ['admin', 'editor'],
  users: [
    { username: 'redaktor@normen.local', password: 'Redaktor-passord-1', name: 'Rita Redaktør', groups: ['editor'] },
    { username: 'admin@normen.local', password: 'Admin-passord-1', name: 'Ada Admin', groups: ['admin', 'editor'] },
  ],
};

/** Rewrites one claim without re-signing, as an attacker would. */
function tamper(token: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  if (header === undefined || payload === undefined || signature === undefined) throw new Error('not a JWT');
  const decoded: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (typeof decoded !== 'object' || decoded === null) throw new Error('JWT payload is not an object');
  const forged = Buffer.from(JSON.stringify({ ...decoded, ...claims })).toString('base64url');
  return `${header}.${forged}.${signature}`;
}

describe('cognito-local', () => {
  let dataDir: string | undefined;
  let cognito: CognitoLocal | undefined;
  let pool: EnsuredUserPool;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'normen-cognito-'));
    cognito = await startCognitoLocal({ port, dataDir });
    pool = await ensureUserPool(cognito.endpoint, spec);
  }, 30_000);

  afterAll(async () => {
    await cognito?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('reuses the pool, client and users on a second ensure, also after a restart', async () => {
    if (!cognito || !dataDir) throw new Error('cognito-local did not start');
    expect(pool.userPoolId).toMatch(/^local_/);
    expect(pool.issuer).toBe(`http://localhost:${port}/${pool.userPoolId}`);
    expect(await ensureUserPool(cognito.endpoint, spec)).toEqual(pool);

    await cognito.stop();
    cognito = await startCognitoLocal({ port, dataDir });
    expect(await ensureUserPool(cognito.endpoint, spec)).toEqual(pool);
  }, 30_000);

  it('signs in a seeded user and the verifier accepts the access token with its groups', async () => {
    if (!cognito) throw new Error('cognito-local did not start');
    const tokens = await signIn(cognito.endpoint, pool.clientId, 'admin@normen.local', 'Admin-passord-1');
    expect(tokens.refreshToken).toBeTruthy();

    const verify = await createTokenVerifier(pool);
    const claims = await verify(tokens.accessToken);
    expect(claims.token_use).toBe('access');
    expect(claims.client_id).toBe(pool.clientId);
    expect(claims.iss).toBe(pool.issuer);
    expect(claims['cognito:groups']).toEqual(expect.arrayContaining(['admin', 'editor']));
    expect(Array.isArray(claims['cognito:groups'])).toBe(true);
  });

  it('accepts id tokens as API Gateway does, and rejects tampered tokens and tokens for another client', async () => {
    if (!cognito) throw new Error('cognito-local did not start');
    const tokens = await signIn(cognito.endpoint, pool.clientId, 'redaktor@normen.local', 'Redaktor-passord-1');
    const verify = await createTokenVerifier(pool);
    expect((await verify(tokens.accessToken))['cognito:groups']).toEqual(['editor']);

    await expect(verify(tamper(tokens.accessToken, { 'cognito:groups': ['admin'] }))).rejects.toThrow();
    const idClaims = await verify(tokens.idToken);
    expect(idClaims).toMatchObject({ token_use: 'id', aud: pool.clientId, email: 'redaktor@normen.local' });
    await expect(verify(tamper(tokens.idToken, { 'cognito:groups': ['admin'] }))).rejects.toThrow();
    await expect(verify(tamper(tokens.idToken, { token_use: 'refresh' }))).rejects.toThrow();
    await expect(verify('not-a-jwt')).rejects.toThrow();

    const otherClient = await createTokenVerifier({ ...pool, clientId: 'some-other-client' });
    await expect(otherClient(tokens.accessToken)).rejects.toThrow(/another app client/);
    await expect(otherClient(tokens.idToken)).rejects.toThrow();
    const otherIssuer = await createTokenVerifier({ ...pool, issuer: `http://localhost:${port}/local_other` });
    await expect(otherIssuer(tokens.accessToken)).rejects.toThrow();
  });

  it('refuses a wrong password', async () => {
    if (!cognito) throw new Error('cognito-local did not start');
    await expect(signIn(cognito.endpoint, pool.clientId, 'redaktor@normen.local', 'wrong')).rejects.toThrow();
  });

  it('refuses a port that is already taken', async () => {
    if (!dataDir) throw new Error('no data dir');
    await expect(startCognitoLocal({ port, dataDir })).rejects.toThrow(/port 29229 is already in use/);
  });
});
