import { randomBytes } from 'node:crypto';
import { hashSecret } from './api-token.service.js';

/** A 32-byte random token for an emailed link, and the sha256 the database keeps instead. */
export function createAccountToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSecret(token) };
}

/**
 * The hash to look a token up by, or undefined when the string cannot be one of ours (so junk
 * never reaches a query). Tokens are 43 base64url characters.
 */
export function accountTokenHash(token: unknown): string | undefined {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token)
    ? hashSecret(token)
    : undefined;
}
