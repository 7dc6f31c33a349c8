import type { IncomingMessage } from 'node:http';

/**
 * Reader-account pages are personal (their member cookie is not `masthead_session`). A prefix
 * test rather than a regular expression: it runs on every request, before the cache lookup.
 */
function isAccountPath(url: string): boolean {
  if (!url.startsWith('/account')) return false;
  return url.length === 8 || url[8] === '/' || url[8] === '?';
}

/** True when the request may be answered from (or stored into) the shared page cache. */
export function isCacheableRequest(req: IncomingMessage): boolean {
  if (req.headers.authorization) return false;
  if (req.url !== undefined && isAccountPath(req.url)) return false;
  const cookies = req.headers.cookie;
  return cookies === undefined || !cookies.includes('masthead_session=');
}
