import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { tokenQuerySchema } from '../../content-model';
import { ValidationError } from '../shared/errors';
import { INITIAL_KEY_ID, LINK_KEYS_MAX_AGE_SECONDS, parseLinkKeyRing, staticKeySource, type LinkKeyRing, type LinkKeySource } from './link-keys';
import { logger } from './logger';

/**
 * Signed links in emails: HMAC-SHA256 over a subject id, the purpose, an expiry and the id of the
 * key that signed it, so a link is its own proof and needs no stored token. Confirmation links
 * last a week; manage links (preferences, unsubscribe) a year, and every newsletter issue carries
 * freshly signed ones, so a reader's latest email always works; a registration link (cancel)
 * lasts as long as the registration.
 */
const tokenPurposes = ['confirm', 'manage', 'registration'] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

// `k` is absent from links sent before keys had ids: those were all signed with the first key.
const payloadSchema = z.object({ s: z.string().min(1), p: z.enum(tokenPurposes), e: z.number().int().nullable(), k: z.string().optional() });

export const CONFIRM_TOKEN_TTL_SECONDS = 7 * 24 * 3600;
export const MANAGE_TOKEN_TTL_SECONDS = 365 * 24 * 3600;
const ttlSeconds: Record<TokenPurpose, number | null> = { confirm: CONFIRM_TOKEN_TTL_SECONDS, manage: MANAGE_TOKEN_TTL_SECONDS, registration: null };

/**
 * How long after its `retiredAt` the previous key still verifies links: a year, the life of a manage
 * link, so an unsubscribe link in the last issue before a rotation works until it expires anyway.
 * After a leak, delete `previous` from the secret instead: its links stop at once.
 */
export const PREVIOUS_KEY_GRACE_SECONDS = MANAGE_TOKEN_TTL_SECONDS;

/** A link naming a key this process does not know makes it re-read the keys at most this often (forged ids cannot hammer Secrets Manager). */
const UNKNOWN_KEY_REFETCH_MS = 60_000;

export const invalidLink = () =>
  ValidationError.field('token', 'Lenken er ugyldig eller utløpt. Bruk lenken i den nyeste e-posten fra oss, eller be om en ny.');

/**
 * The token in an emailed link's query string. A missing, cut-off or mangled token is the same bad
 * link to the person who followed it, so it gets the same words as a forged or expired one.
 */
export function linkTokenOf(query: Record<string, string | undefined> | undefined): string {
  const parsed = tokenQuerySchema.safeParse(query ?? {});
  if (!parsed.success) throw invalidLink();
  return parsed.data.token;
}

const hmac = (key: string, data: string) => createHmac('sha256', key).update(data).digest('base64url');

/**
 * The one signer of email links, over a key source (Secrets Manager in AWS, a file locally). Issuing
 * stays synchronous, because links are built inside the email templates; it uses the keys loaded by
 * `ready()` (awaited when a function loads) and refreshes them in the background once they are older
 * than `maxAgeSeconds`. Verifying is asynchronous: it re-reads the keys when they are stale or when a
 * link names a key id this process has not seen (a rotation another function already picked up).
 */
export function createTokenSigner(source: LinkKeySource, options: { maxAgeSeconds?: number; initial?: LinkKeyRing } = {}) {
  const maxAgeMs = (options.maxAgeSeconds ?? LINK_KEYS_MAX_AGE_SECONDS) * 1000;
  let ring = options.initial;
  let loadedAt = ring ? Date.now() : 0;
  let refreshing: Promise<LinkKeyRing> | undefined;
  let lastForcedAt = 0;

  const load = (forceFetch = false): Promise<LinkKeyRing> => {
    refreshing ??= source
      .load({ forceFetch })
      .then((loaded) => {
        ring = loaded;
        loadedAt = Date.now();
        return loaded;
      })
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };
  const stale = () => Date.now() - loadedAt > maxAgeMs;
  const loaded = (): LinkKeyRing => {
    if (!ring) throw new Error('Link-signing keys are not loaded: await tokens.ready() first');
    return ring;
  };

  /** The key a link names, if it may still verify at `now`. */
  const keyFor = (keys: LinkKeyRing, id: string, now: Date): string | 'retired' | undefined => {
    if (keys.current.id === id) return keys.current.key;
    if (keys.previous?.id !== id) return undefined;
    const acceptedUntil = Date.parse(keys.previous.retiredAt) + PREVIOUS_KEY_GRACE_SECONDS * 1000;
    return now.getTime() <= acceptedUntil ? keys.previous.key : 'retired';
  };

  return {
    /** Loads the keys; a function awaits this once when it loads, so it fails fast without them. */
    async ready(): Promise<void> {
      await load();
    },

    issue(subject: string, purpose: TokenPurpose, now: Date): string {
      const { current } = loaded();
      if (stale() && !refreshing) {
        load().catch((error: unknown) => logger.warn('Could not refresh the link-signing keys; keeping the loaded ones', { error }));
      }
      const ttl = ttlSeconds[purpose];
      const expires = ttl === null ? null : Math.floor(now.getTime() / 1000) + ttl;
      const data = Buffer.from(JSON.stringify({ s: subject, p: purpose, e: expires, k: current.id })).toString('base64url');
      return `${data}.${hmac(current.key, data)}`;
    },

    /** The subject a valid token names; a 400 naming `token` for anything else. */
    async verify(token: string, purpose: TokenPurpose, now: Date): Promise<string> {
      const [data, signature, extra] = token.split('.');
      if (!data || !signature || extra !== undefined) throw invalidLink();
      let decoded: unknown;
      try {
        decoded = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
      } catch {
        throw invalidLink();
      }
      // Nothing in the payload is trusted before the signature checks out; the key id only picks the key.
      const payload = payloadSchema.safeParse(decoded);
      if (!payload.success) throw invalidLink();
      const keyId = payload.data.k ?? INITIAL_KEY_ID;

      let keys = stale() ? await load() : loaded();
      let key = keyFor(keys, keyId, now);
      if (key === undefined && Date.now() - lastForcedAt > UNKNOWN_KEY_REFETCH_MS) {
        lastForcedAt = Date.now();
        keys = await load(true);
        key = keyFor(keys, keyId, now);
      }
      if (key === undefined || key === 'retired') throw invalidLink();

      const expected = Buffer.from(hmac(key, data));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalidLink();
      if (payload.data.p !== purpose) throw invalidLink();
      if (payload.data.e !== null && payload.data.e < now.getTime() / 1000) throw invalidLink();
      return payload.data.s;
    },
  };
}
export type TokenSigner = ReturnType<typeof createTokenSigner>;

/** A signer over fixed keys, ready at once: tests and benchmarks (a plain string is key `k1`, as in the secret). */
export function fixedTokenSigner(keys: LinkKeyRing | string): TokenSigner {
  const ring = typeof keys === 'string' ? parseLinkKeyRing(keys) : keys;
  return createTokenSigner(staticKeySource(ring), { initial: ring });
}
