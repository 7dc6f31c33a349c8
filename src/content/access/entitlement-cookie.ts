import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../../platform/db/database.js';
import { loadInstallationSecret } from '../../platform/settings/installation-secret.js';
import { anonymous, type Entitlement } from './access-level.js';

// The entitlement cookie (ADR 0026): which *class* of reader this browser belongs to — a free
// member, or paying with a set of tiers — and until when, signed with the installation's key.
// No member id, email or session: two members of the same tier hold the same claim, so the
// page variant it selects is shared and cacheable. Any doubt (bad shape, wrong signature,
// expired) reads as anonymous: the reader gets the preview, never more.

/** The cookie's name; the page-cache fast path looks for it before parsing anything. */
export const entitlementCookie = 'masthead_access';

/** How long a claim holds before sign-in or the account page renews it. */
export const entitlementLifetimeSeconds = 7 * 24 * 3600;

/** The installation's signing key: created on first use, then read once per process. */
export function loadAccessKey(executor: Executor): Promise<string> {
  return loadInstallationSecret(executor, 'access.secret');
}

function mac(key: string, claim: string): string {
  return createHmac('sha256', key).update(claim).digest('base64url').slice(0, 32);
}

/** The cookie value for a member or paying class, expiring at `expiresAt` (seconds). */
export function signEntitlement(key: string, entitlement: Entitlement, expiresAt: number): string {
  if (entitlement.kind !== 'member' && entitlement.kind !== 'paid')
    throw new Error('only member and paid entitlements are put in a cookie');
  const tiers = entitlement.kind === 'paid' ? [...new Set(entitlement.tiers)].sort().join(',') : '';
  const claim = `v1.${entitlement.kind === 'paid' ? 'p' : 'm'}.${tiers}.${Math.floor(expiresAt)}`;
  return `${claim}.${mac(key, claim)}`;
}

/** The claim in a cookie value, or anonymous when it is not one we signed or it has expired. */
export function verifyEntitlement(key: string, value: string, nowSeconds: number): Entitlement {
  const parts = value.split('.');
  if (parts.length !== 5 || parts[0] !== 'v1') return anonymous;
  const [, kind, tiers = '', expires = '', signature = ''] = parts;
  if (!/^\d{1,12}$/.test(expires) || Number(expires) <= nowSeconds) return anonymous;
  if (kind !== 'm' && kind !== 'p') return anonymous;
  if (!/^[a-z0-9,-]{0,300}$/.test(tiers)) return anonymous;
  const expected = Buffer.from(mac(key, `v1.${kind}.${tiers}.${expires}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return anonymous;
  return kind === 'p'
    ? { kind: 'paid', tiers: tiers.split(',').filter(Boolean) }
    : { kind: 'member', tiers: [] };
}

/** The raw value of the entitlement cookie in a Cookie header, if present. */
export function entitlementCookieValue(cookieHeader: string | undefined): string | undefined {
  if (cookieHeader === undefined) return undefined;
  const at = cookieHeader.indexOf(`${entitlementCookie}=`);
  if (at === -1 || (at > 0 && !/[;\s]/.test(cookieHeader[at - 1] ?? ''))) return undefined;
  const start = at + entitlementCookie.length + 1;
  const end = cookieHeader.indexOf(';', start);
  return cookieHeader.slice(start, end === -1 ? undefined : end).trim();
}

// Verified claims by cookie value: the fast path pays for one HMAC per distinct cookie, not per
// request. A claim is re-checked against the clock on every use.
const verifiedByKey = new Map<string, Map<string, Entitlement & { expiresAt: number }>>();
const maxVerified = 4096;

/** The reader's entitlement from a Cookie header (anonymous without a valid cookie). */
export function readEntitlement(
  key: string,
  cookieHeader: string | undefined,
  nowSeconds = Math.floor(Date.now() / 1000),
): Entitlement {
  const value = entitlementCookieValue(cookieHeader);
  if (value === undefined || value.length > 400) return anonymous;
  let verified = verifiedByKey.get(key);
  if (!verified) {
    verified = new Map();
    verifiedByKey.set(key, verified);
  }
  const memo = verified.get(value);
  if (memo && memo.expiresAt > nowSeconds) return memo;
  const entitlement = verifyEntitlement(key, value, nowSeconds);
  if (entitlement.kind !== 'none') {
    if (verified.size >= maxVerified) verified.clear();
    verified.set(value, {
      ...entitlement,
      expiresAt: Number(value.split('.')[3]),
    });
  }
  return entitlement;
}
