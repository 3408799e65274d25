import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileKeySource, parseLinkKeyRing, type LinkKeyRing } from '../../functions/shared/link-keys';
import { createTokenSigner, fixedTokenSigner, MANAGE_TOKEN_TTL_SECONDS, PREVIOUS_KEY_GRACE_SECONDS } from '../../functions/shared/link-tokens';

const k1 = { id: 'k1', key: 'the-first-key-of-the-link-signer-0123456789' };
const k2 = { id: 'k2', key: 'the-second-key-of-the-link-signer-987654321' };
const rotatedAt = '2027-01-15T10:00:00Z';
const rotated: LinkKeyRing = { current: k2, previous: { ...k1, retiredAt: rotatedAt } };
const day = 24 * 3600 * 1000;
const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);

const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
const invalid = { status: 400, fields: [{ path: 'token' }] };

describe('link tokens', () => {
  it('carry the id of the key that signed them and verify for their purpose only', async () => {
    const signer = fixedTokenSigner({ current: k1 });
    const token = signer.issue('s1', 'registration', new Date());
    expect(payloadOf(token)).toMatchObject({ s: 's1', p: 'registration', k: 'k1', e: null });
    expect(await signer.verify(token, 'registration', new Date())).toBe('s1');
    await expect(signer.verify(token, 'manage', new Date())).rejects.toMatchObject(invalid);
  });

  it('refuse a tampered payload, a changed key id and a foreign signature', async () => {
    const signer = fixedTokenSigner({ current: k1 });
    const now = new Date();
    const token = signer.issue('s1', 'manage', now);
    const [data, signature] = token.split('.') as [string, string];
    const forge = (payload: Record<string, unknown>) => `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
    await expect(signer.verify(forge({ ...payloadOf(token), s: 's2' }), 'manage', now)).rejects.toMatchObject(invalid);
    await expect(signer.verify(forge({ ...payloadOf(token), e: null }), 'manage', now)).rejects.toMatchObject(invalid);
    await expect(signer.verify(`${data}.${signature.slice(0, -2)}AA`, 'manage', now)).rejects.toMatchObject(invalid);
    await expect(signer.verify(`${token}.extra`, 'manage', now)).rejects.toMatchObject(invalid);
    // Signed with a key the ring does not hold, under an id it does not know.
    const other = fixedTokenSigner({ current: { id: 'k9', key: 'a-key-that-the-platform-never-had-0123456789' } }).issue('s1', 'manage', now);
    await expect(signer.verify(other, 'manage', now)).rejects.toMatchObject(invalid);
  });

  it('give manage links a year, confirmation links a week', async () => {
    const signer = fixedTokenSigner({ current: k1 });
    const issued = at('2027-03-01T12:00:00Z');
    const manage = signer.issue('s1', 'manage', issued);
    expect(payloadOf(manage).e).toBe(Math.floor(issued.getTime() / 1000) + MANAGE_TOKEN_TTL_SECONDS);
    expect(MANAGE_TOKEN_TTL_SECONDS).toBe(365 * 24 * 3600);
    expect(await signer.verify(manage, 'manage', at('2027-03-01T12:00:00Z', 364 * day))).toBe('s1');
    await expect(signer.verify(manage, 'manage', at('2027-03-01T12:00:00Z', 366 * day))).rejects.toMatchObject(invalid);
    const confirm = signer.issue('s1', 'confirm', issued);
    expect(await signer.verify(confirm, 'confirm', at('2027-03-01T12:00:00Z', 6 * day))).toBe('s1');
    await expect(signer.verify(confirm, 'confirm', at('2027-03-01T12:00:00Z', 8 * day))).rejects.toMatchObject(invalid);
  });

  it('after a rotation: sign with the new key, accept the previous one within the grace period, refuse it after', async () => {
    const before = fixedTokenSigner({ current: k1 });
    const after = fixedTokenSigner(rotated);
    const old = before.issue('s1', 'registration', at(rotatedAt, -day));
    const fresh = after.issue('s1', 'registration', at(rotatedAt, day));
    expect(payloadOf(fresh).k).toBe('k2');
    expect(await after.verify(fresh, 'registration', at(rotatedAt, day))).toBe('s1');
    expect(await after.verify(old, 'registration', at(rotatedAt, day))).toBe('s1');
    expect(await after.verify(old, 'registration', at(rotatedAt, PREVIOUS_KEY_GRACE_SECONDS * 1000 - 1000))).toBe('s1');
    await expect(after.verify(old, 'registration', at(rotatedAt, PREVIOUS_KEY_GRACE_SECONDS * 1000 + 1000))).rejects.toMatchObject(invalid);
    // Deleting `previous` (the procedure after a leak) refuses old links at once.
    await expect(fixedTokenSigner({ current: k2 }).verify(old, 'registration', at(rotatedAt, day))).rejects.toMatchObject(invalid);
  });

  it('verify links without a key id (sent before key ids) against the first key, k1', async () => {
    // Exactly what the signer wrote before keys had ids: no `k`, manage links without expiry.
    const data = Buffer.from(JSON.stringify({ s: 's1', p: 'manage', e: null })).toString('base64url');
    const legacy = `${data}.${createHmac('sha256', k1.key).update(data).digest('base64url')}`;
    // The deployed secret is still the plain generated key: that is k1.
    expect(await fixedTokenSigner(k1.key).verify(legacy, 'manage', new Date())).toBe('s1');
    expect(await fixedTokenSigner(rotated).verify(legacy, 'manage', at(rotatedAt, 30 * day))).toBe('s1');
    await expect(fixedTokenSigner(rotated).verify(legacy, 'manage', at(rotatedAt, PREVIOUS_KEY_GRACE_SECONDS * 1000 + day))).rejects.toMatchObject(invalid);
  });

  it('re-read the keys when a link names a key this process has not loaded yet (a rotation elsewhere)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'normen-keys-')), 'link-keys');
    writeFileSync(file, JSON.stringify({ current: k1 }));
    const stale = createTokenSigner(fileKeySource(file));
    await stale.ready();
    writeFileSync(file, JSON.stringify(rotated));
    const fresh = createTokenSigner(fileKeySource(file));
    await fresh.ready();
    const token = fresh.issue('s1', 'registration', new Date());
    expect(payloadOf(token).k).toBe('k2');
    expect(await stale.verify(token, 'registration', new Date())).toBe('s1');
    // …and from then on signs with the new key too.
    expect(payloadOf(stale.issue('s1', 'registration', new Date())).k).toBe('k2');
  });

  it('refuse to issue before the keys are loaded', () => {
    const signer = createTokenSigner(fileKeySource('/nonexistent'));
    expect(() => signer.issue('s1', 'manage', new Date())).toThrow(/not loaded/);
  });
});

describe('link key ring', () => {
  it('reads the JSON ring and a plain key as k1, and names what is wrong without the key', () => {
    expect(parseLinkKeyRing(JSON.stringify(rotated))).toEqual(rotated);
    expect(parseLinkKeyRing(`${k1.key}\n`)).toEqual({ current: k1 });
    expect(() => parseLinkKeyRing('short')).toThrow(/current\.key/);
    expect(() => parseLinkKeyRing(JSON.stringify({ current: k1, previous: { ...k1, retiredAt: rotatedAt } }))).toThrow(/previous\.id/);
    expect(() => parseLinkKeyRing(JSON.stringify({ current: k1, previous: { ...k2 } }))).toThrow(/retiredAt/);
    try {
      parseLinkKeyRing(JSON.stringify({ current: { id: 'bad id!', key: k1.key } }));
    } catch (error) {
      expect(String(error)).not.toContain(k1.key);
    }
  });
});
