import { describe, expect, it } from 'vitest';
import { totp } from '../support/totp';

// RFC 6238 appendix B, SHA-1: the key is ASCII "12345678901234567890"; the RFC lists 8 digits, apps show the last 6.
const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('the test helper that plays the authenticator app', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s gives %s, as RFC 6238', (seconds, code) => {
    expect(totp(rfcSecret, seconds * 1000)).toBe(code);
  });

  it('refuses a secret that is not base32', () => {
    expect(() => totp('not-base32!')).toThrow(/base32/);
  });
});
