import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * The keys that sign the links in emails, as one JSON value (the secret in AWS, a file locally):
 *
 *   {"current":  {"id": "k2", "key": "<at least 32 characters>"},
 *    "previous": {"id": "k1", "key": "<…>", "retiredAt": "2027-01-15T10:00:00Z"}}
 *
 * New links are signed with `current`; links signed with `previous` keep verifying for a grace
 * period after `retiredAt` (functions/shared/link-tokens.ts). A plain string instead of JSON is the
 * value the stack generated before keys had ids: it is key `k1`, so a deployed secret keeps working
 * without an edit, and the first rotation (README, "Rotating the link-signing key") turns it into JSON.
 */
const keySchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a key id is 1–32 letters, digits, - or _'),
  key: z.string().min(32, 'a signing key has at least 32 characters'),
});
export const linkKeyRingSchema = z
  .object({
    current: keySchema,
    previous: keySchema.extend({ retiredAt: z.iso.datetime({ offset: true }) }).optional(),
  })
  .refine((ring) => ring.previous === undefined || ring.previous.id !== ring.current.id, {
    message: 'previous and current need different ids',
    path: ['previous', 'id'],
  });
export type LinkKeyRing = z.infer<typeof linkKeyRingSchema>;

/** Id of the key the stack generated first (a plain-string secret); links without a key id were signed with it. */
export const INITIAL_KEY_ID = 'k1';

export function parseLinkKeyRing(value: string): LinkKeyRing {
  const text = value.trim();
  let raw: unknown = { current: { id: INITIAL_KEY_ID, key: text } };
  if (text.startsWith('{')) {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new Error('The link-signing keys are not valid JSON');
    }
  }
  const parsed = linkKeyRingSchema.safeParse(raw);
  if (!parsed.success) {
    // Never the value itself: it is the secret.
    throw new Error(`Invalid link-signing keys: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}

/**
 * Where the signer gets its keys. Two implementations of one small interface, so the signer has a
 * single code path in AWS, locally and in tests: only reading the JSON differs (Secrets Manager has
 * no local counterpart among the services we run, and a file in .data survives restarts like the
 * secret survives deploys). `forceFetch` bypasses a cache: the signer asks for it when a link names
 * a key id it does not know, which is what a rotation looks like to a function holding old keys.
 */
export interface LinkKeySource {
  load(options?: { forceFetch?: boolean }): Promise<LinkKeyRing>;
}

/** Seconds a function keeps the keys before reading the secret again; a rotation reaches every function within this. */
export const LINK_KEYS_MAX_AGE_SECONDS = 300;

/** AWS: the secret named by LINK_KEYS_SECRET_ID, read with Powertools Parameters (cached for `maxAge`). */
export function secretsManagerKeySource(secretId: string, maxAgeSeconds = LINK_KEYS_MAX_AGE_SECONDS): LinkKeySource {
  return {
    async load(options = {}) {
      // Imported on first use: only the functions that sign links load the Secrets Manager client.
      const { getSecret } = await import('@aws-lambda-powertools/parameters/secrets');
      const value = await getSecret(secretId, { maxAge: maxAgeSeconds, forceFetch: options.forceFetch ?? false });
      if (typeof value !== 'string') throw new Error(`Secret ${secretId} has no string value`);
      return parseLinkKeyRing(value);
    },
  };
}

/** Local system and tests: the same JSON (or plain string) in a file, read on every load (it is tiny and local). */
export function fileKeySource(path: string): LinkKeySource {
  return { load: async () => parseLinkKeyRing(await readFile(path, 'utf8')) };
}

/** Fixed keys: unit tests and benchmarks. */
export function staticKeySource(ring: LinkKeyRing | string): LinkKeySource {
  const parsed = typeof ring === 'string' ? parseLinkKeyRing(ring) : linkKeyRingSchema.parse(ring);
  return { load: async () => parsed };
}
