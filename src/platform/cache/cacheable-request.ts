import type { IncomingMessage } from 'node:http';

/** True when the request may be answered from (or stored into) the shared page cache. */
export function isCacheableRequest(req: IncomingMessage): boolean {
  if (req.headers.authorization) return false;
  // Reader-account pages are personal (their member cookie is not `masthead_session`).
  if (req.url !== undefined && /^\/account(?:[/?]|$)/.test(req.url)) return false;
  const cookies = req.headers.cookie;
  return cookies === undefined || !cookies.includes('masthead_session=');
}
