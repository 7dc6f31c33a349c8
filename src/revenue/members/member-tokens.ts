import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Secrets of reader accounts: the emailed sign-in token and the session cookie are 32 random
// bytes (43 base64url characters); the database keeps only their sha256. The CSRF token of
// the account forms is derived from the session token (HMAC keyed by it), so it needs no
// storage, differs per session and cannot be computed without the HttpOnly cookie.

/** A new random token and the hash the database keeps instead. */
export function createSecretToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSecretToken(token) };
}

export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** True when the string has the shape of one of our tokens (junk never reaches a query). */
export function isSecretTokenShape(token: unknown): token is string {
  return typeof token === 'string' && /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** The CSRF token for forms shown to the holder of this session token. */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('masthead member form').digest('base64url');
}

/** Constant-time check of a submitted CSRF token against the session's. */
export function isValidCsrfToken(sessionToken: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(submitted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
