import type { IncomingMessage } from 'node:http';

/** True when the request may be answered from (or stored into) the shared page cache. */
export function isCacheableRequest(req: IncomingMessage): boolean {
  if (req.headers.authorization) return false;
  const cookies = req.headers.cookie;
  return cookies === undefined || !cookies.includes('masthead_session=');
}
