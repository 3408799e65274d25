import { JwtVerifier } from 'aws-jwt-verify';
import { assertIsJwks } from 'aws-jwt-verify/jwk';
import { z } from 'zod';

export type TokenVerifier = (token: string) => Promise<Record<string, unknown>>;

const jwksSchema = z.object({ keys: z.array(z.record(z.string(), z.json())) });

/**
 * Verifies a Cognito access token as API Gateway's JWT authorizer does for a Cognito issuer:
 * RS256 signature against the pool's JWKS, `iss`, `exp`/`nbf`, and, because access tokens carry
 * no `aud`, `client_id` against the app client; `token_use` must be `access` so an id token
 * (which the CMS UI also holds) is not accepted as a bearer token.
 *
 * CognitoJwtVerifier cannot be used: it insists on real pool ids (`<region>_<id>`) and https JWKS,
 * while cognito-local issues `local_…` pools over http. So this uses the generic JwtVerifier
 * (`JwtRsaVerifier` is its deprecated alias) and primes it with a JWKS fetched here over http;
 * cognito-local signs with one fixed key, so the JWKS never needs refreshing.
 */
export async function createTokenVerifier(opts: {
  issuer: string;
  jwksUrl: string;
  clientId: string;
}): Promise<TokenVerifier> {
  const response = await fetch(opts.jwksUrl);
  if (!response.ok) throw new Error(`Could not fetch JWKS from ${opts.jwksUrl}: HTTP ${response.status}`);
  const jwks = jwksSchema.parse(await response.json());
  assertIsJwks(jwks);

  const verifier = JwtVerifier.create({
    issuer: opts.issuer,
    jwksUri: opts.jwksUrl,
    audience: null,
    customJwtCheck: ({ payload }) => {
      if (payload.token_use !== 'access') {
        throw new Error(`Expected an access token, got token_use ${JSON.stringify(payload.token_use)}`);
      }
      if (payload.client_id !== opts.clientId) {
        throw new Error('Token was issued to another app client');
      }
    },
  });
  verifier.cacheJwks(jwks);

  return async (token) => {
    const payload = await verifier.verify(token);
    return { ...payload };
  };
}
