import type { IncomingMessage } from 'node:http';
import { decodeRule, type Entitlement, grantsAccess } from '../content/access/access-level.js';
import { entitlementCookie, readEntitlement } from '../content/access/entitlement-cookie.js';
import { type CacheEntry, fullVariantKey, type PageCache } from '../platform/cache/page-cache.js';

// Which cached page a request gets (ADR 0026). Without the entitlement cookie's name in the
// Cookie header nothing is parsed: the anonymous page under the URL's key, as before. With it,
// the claim is verified (once per distinct cookie) and a gated page's full variant is served
// only when the claim admits the gate stored with it; otherwise the anonymous page (the
// preview). Undefined means render: a miss, or an entitled reader whose variant is not cached.

const entitlementCookiePrefix = `${entitlementCookie}=`;

/** True when a Cookie header carries the entitlement cookie (a substring test, no parsing). */
function cookieCarriesEntitlement(cookies: string | undefined): boolean {
  return cookies !== undefined && cookies.includes(entitlementCookiePrefix);
}

/** True when the request carries the entitlement cookie (a substring test, no parsing). */
export function carriesEntitlement(req: IncomingMessage): boolean {
  return cookieCarriesEntitlement(req.headers.cookie);
}

/** The reader's entitlement, for a request known to carry the cookie. */
export function requestEntitlement(req: IncomingMessage, accessKey: string): Entitlement {
  return readEntitlement(accessKey, req.headers.cookie);
}

/** The cached page to answer with, or undefined to render it. */
export function lookupCachedPage(
  pageCache: PageCache,
  key: string,
  req: IncomingMessage,
  accessKey: string,
): CacheEntry | undefined {
  const cookies = req.headers.cookie;
  if (!cookieCarriesEntitlement(cookies)) return pageCache.lookup(key);
  const entitlement = readEntitlement(accessKey, cookies);
  if (entitlement.kind !== 'none') {
    const full = pageCache.lookup(fullVariantKey(key));
    if (full?.gate !== undefined && grantsAccess(entitlement, decodeRule(full.gate))) return full;
  }
  const page = pageCache.lookup(key);
  if (page?.gate !== undefined && grantsAccess(entitlement, decodeRule(page.gate)))
    return undefined;
  return page;
}
