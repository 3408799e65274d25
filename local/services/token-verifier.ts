import { JwtVerifier } from 'aws-jwt-verify';
import { assertIsJwks } from 'aws-jwt-verify/jwk';
import { z } from 'zod';

export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.json())) });

/**
 * Verifies a Cognito token as API Gateway's JWT authorizer does with the app client as audience:
 * RS256 signature against the pool's JWKS, `iss`, `exp`/`nbf`, and the audience — `aud` on id
 * tokens, `client_id` on access tokens. The CMS UI sends its id token, because only that carries
 * the user's email, which is what the version history records as "who".
 *
 * CognitoJwtVerifier cannot be used: it insists on real pool ids (`<region>_<id>`) and https JWKS,
 * while cognito-local issues `local_…` pools over http. So this uses the generic JwtVerifier
 * (`JwtRsaVerifier` is its deprecated alias) and primes it with a JWKS fetched here over http;
 * cognito-local signs with one fixed key, so the JWKS never needs refreshing.
 */
export async function createTokenVerifier(opts: { issuer: string; jwksUrl: string; clientId: string }): Promise<TokenVerifier> {
  const response = await fetch(opts.jwksUrl);
  if (!response.ok) throw new Error(`Could not fetch JWKS from ${opts.jwksUrl}: HTTP ${response.status}`);
  const jwks = jwksSchema.parse(await response.json());
  assertIsJwks(jwks);

  const verifier = JwtVerifier.create({
    issuer: opts.issuer,
    jwksUri: opts.jwksUrl,
    audience: null,
    customJwtCheck: ({ payload }) => {
      const audience = payload.token_use === 'id' ? payload.aud : payload.token_use === 'access' ? payload.client_id : undefined;
      if (audience === undefined) throw new Error(`Not a Cognito id or access token: token_use ${JSON.stringify(payload.token_use)}`);
      if (audience !== opts.clientId) throw new Error('Token was issued to another app client');
    },
  });
  verifier.cacheJwks(jwks);

  return async (token) => {
    const payload = await verifier.verify(token);
    return { ...payload };
  };
}
