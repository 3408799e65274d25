import { createHmac } from 'node:crypto';

/**
 * The code an authenticator app shows (RFC 6238 with the apps' defaults: SHA-1, 6 digits, 30 s),
 * from the base32 secret Cognito hands out. Written here rather than taken from otplib, which
 * cognito-local itself uses, so the tests check its codes against an independent implementation.
 */
export function totp(secret: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secret.replace(/[\s=]/g, '').toUpperCase()) {
    const value = alphabet.indexOf(char);
    if (value < 0) throw new Error(`Not base32: ${char}`);
    bits += value.toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((byte) => Number.parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const hmac = createHmac('sha1', key).update(counter).digest();
  const offset = (hmac.at(-1) ?? 0) & 0x0f;
  return String((hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** A six-digit code that is surely not the current one. */
export const wrongTotp = (secret: string) => (totp(secret) === '000000' ? '111111' : '000000');
