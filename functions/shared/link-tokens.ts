import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ValidationError } from '../shared/errors';

/**
 * Signed links in emails: HMAC-SHA256 over a subject id, the purpose and an expiry, so a link is its
 * own proof and needs no stored token. Newsletter confirmation links expire; manage links
 * (preferences, unsubscribe) last, because RFC 8058 expects a List-Unsubscribe URL in an old email to
 * keep working; a registration link (cancel) lasts as long as the registration.
 */
const tokenPurposes = ['confirm', 'manage', 'registration'] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

const payloadSchema = z.object({ s: z.string().min(1), p: z.enum(tokenPurposes), e: z.number().int().nullable() });

export const CONFIRM_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

export const invalidLink = () => ValidationError.field('token', 'Lenken er ugyldig eller utløpt. Be om en ny.');

export function createTokenSigner(secret: string) {
  if (secret.length < 32) throw new Error('LINK_TOKEN_SECRET must be at least 32 characters');
  const sign = (data: string) => createHmac('sha256', secret).update(data).digest('base64url');
  return {
    issue(subject: string, purpose: TokenPurpose, now: Date): string {
      const expires = purpose === 'confirm' ? Math.floor(now.getTime() / 1000) + CONFIRM_TOKEN_TTL_SECONDS : null;
      const data = Buffer.from(JSON.stringify({ s: subject, p: purpose, e: expires })).toString('base64url');
      return `${data}.${sign(data)}`;
    },

    /** The subject a valid token names; a 400 naming `token` for anything else. */
    verify(token: string, purpose: TokenPurpose, now: Date): string {
      const [data, signature] = token.split('.');
      if (!data || !signature) throw invalidLink();
      const expected = Buffer.from(sign(data));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidLink();
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
      } catch {
        throw invalidLink();
      }
      const payload = payloadSchema.safeParse(decoded);
      if (!payload.success || payload.data.p !== purpose) throw invalidLink();
      if (payload.data.e !== null && payload.data.e < now.getTime() / 1000) throw invalidLink();
      return payload.data.s;
    },
  };
}
export type TokenSigner = ReturnType<typeof createTokenSigner>;
