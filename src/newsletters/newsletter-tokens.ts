import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../platform/db/database.js';
import { loadInstallationSecret } from '../platform/settings/installation-secret.js';

// Signed links in newsletter emails. The key is generated once per installation and kept in the
// settings table, so every process (and every machine sharing the database) signs alike and a
// link keeps working across restarts. Tokens are short, URL- and local-part-safe
// (`unsubscribe+TOKEN@domain` carries one), and checked in constant time.

/** The installation's newsletter signing key: created on first use, then read once per process. */
export function loadSigningSecret(executor: Executor): Promise<string> {
  return loadInstallationSecret(executor, 'newsletters.secret');
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url').slice(0, 27);
}

function verify(secret: string, token: string): string[] | undefined {
  const dot = token.lastIndexOf('.');
  if (dot <= 0 || token.length > 200) return undefined;
  const body = token.slice(0, dot);
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(token.slice(dot + 1));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  return body.split('.');
}

const confirmLifetimeMs = 7 * 24 * 3600_000;

/** A confirmation link token for a signup's consent record; expires after 7 days. */
export function createConfirmToken(secret: string, consentId: number, now: Date): string {
  const expires = Math.floor((now.getTime() + confirmLifetimeMs) / 1000);
  const body = `c.${consentId}.${expires}`;
  return `${body}.${sign(secret, body)}`;
}

export type ConfirmTokenCheck =
  { ok: true; consentId: number } | { ok: false; reason: 'invalid' | 'expired' };

/** Checks a confirmation token's signature and expiry (single use is the service's job). */
export function readConfirmToken(secret: string, token: string, now: Date): ConfirmTokenCheck {
  const parts = verify(secret, token);
  if (!parts || parts.length !== 3 || parts[0] !== 'c') return { ok: false, reason: 'invalid' };
  const consentId = Number(parts[1]);
  const expires = Number(parts[2]);
  if (!Number.isSafeInteger(consentId) || !Number.isSafeInteger(expires))
    return { ok: false, reason: 'invalid' };
  if (expires * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, consentId };
}

/**
 * A subscriber's management token (preferences page, unsubscribe links). It does not expire:
 * it sits in every email the reader keeps, and unsubscribing must always work. With a
 * newsletter id, one-click unsubscribe leaves that newsletter only (RFC 8058: "this list").
 */
export function createManageToken(
  secret: string,
  subscriberId: number,
  newsletterId?: number,
): string {
  const body =
    newsletterId === undefined ? `m.${subscriberId}` : `m.${subscriberId}.${newsletterId}`;
  return `${body}.${sign(secret, body)}`;
}

export interface ManageToken {
  subscriberId: number;
  newsletterId: number | undefined;
}

/** What a management token names, or undefined when it is forged or malformed. */
export function readManageToken(secret: string, token: string): ManageToken | undefined {
  const parts = verify(secret, token);
  if (!parts || parts.length < 2 || parts.length > 3 || parts[0] !== 'm') return undefined;
  const subscriberId = Number(parts[1]);
  const newsletterId = parts[2] === undefined ? undefined : Number(parts[2]);
  if (!Number.isSafeInteger(subscriberId) || subscriberId <= 0) return undefined;
  if (newsletterId !== undefined && (!Number.isSafeInteger(newsletterId) || newsletterId <= 0))
    return undefined;
  return { subscriberId, newsletterId };
}

const positiveOrZero = (value: string | undefined) => {
  const n = Number(value);
  return value !== undefined && /^\d{1,15}$/.test(value) && Number.isSafeInteger(n) ? n : undefined;
};

/** What a click token names: the issue, the delivery (0 for a test send) and the link's id. */
export interface ClickToken {
  issueId: number;
  deliveryId: number;
  linkId: number;
}

/**
 * A tracked link's token, one per (delivery, link): the signature covers all three ids, so a
 * reader cannot move a click onto another delivery or issue. The URL itself is never in the
 * token: the redirect looks it up by (issue, link id), so no token can point anywhere else.
 */
export function createClickToken(secret: string, token: ClickToken): string {
  const body = `k.${token.issueId}.${token.deliveryId}.${token.linkId}`;
  return `${body}.${sign(secret, body)}`;
}

/** The ids a click token carries, or undefined when it is forged, altered or malformed. */
export function readClickToken(secret: string, token: string): ClickToken | undefined {
  const parts = verify(secret, token);
  if (!parts || parts.length !== 4 || parts[0] !== 'k') return undefined;
  const [issueId, deliveryId, linkId] = parts.slice(1).map(positiveOrZero);
  if (issueId === undefined || deliveryId === undefined || linkId === undefined) return undefined;
  if (issueId === 0 || linkId === 0) return undefined;
  return { issueId, deliveryId, linkId };
}

/** The opens pixel's token for one delivery. */
export function createOpenToken(secret: string, issueId: number, deliveryId: number): string {
  const body = `o.${issueId}.${deliveryId}`;
  return `${body}.${sign(secret, body)}`;
}

/** The (issue, delivery) an opens token names, or undefined. */
export function readOpenToken(
  secret: string,
  token: string,
): { issueId: number; deliveryId: number } | undefined {
  const parts = verify(secret, token);
  if (!parts || parts.length !== 3 || parts[0] !== 'o') return undefined;
  const issueId = positiveOrZero(parts[1]);
  const deliveryId = positiveOrZero(parts[2]);
  if (!issueId || deliveryId === undefined) return undefined;
  return { issueId, deliveryId };
}
