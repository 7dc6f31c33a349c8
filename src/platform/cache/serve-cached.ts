import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CacheEntry, Encoding } from './page-cache.js';

// Browsers send a handful of distinct Accept-Encoding values, so parsing each once is enough.
const negotiated = new Map<string, Encoding>();
const maxRemembered = 256;
const maxRememberedLength = 200;

/**
 * Picks the best encoding the client accepts: br, then gzip, then identity. Honours q-values
 * (`q=0` refuses) and `*` (which stands for every coding not named).
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const known = negotiated.get(acceptEncoding);
  if (known !== undefined) return known;
  const encoding = parseAcceptEncoding(acceptEncoding);
  if (acceptEncoding.length <= maxRememberedLength) {
    if (negotiated.size >= maxRemembered) negotiated.clear();
    negotiated.set(acceptEncoding, encoding);
  }
  return encoding;
}

function parseAcceptEncoding(acceptEncoding: string): Encoding {
  let br = -1;
  let gzip = -1;
  let star = -1;
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = (rawName ?? '').trim().toLowerCase();
    let q = 1;
    for (const param of params) {
      const equals = param.indexOf('=');
      if (equals !== -1 && param.slice(0, equals).trim().toLowerCase() === 'q')
        q = Number(param.slice(equals + 1).trim());
    }
    // A malformed weight is read as a refusal: serving identity is always safe.
    if (!Number.isFinite(q) || q < 0) q = 0;
    if (name === 'br') br = q;
    else if (name === 'gzip' || name === 'x-gzip') gzip = q;
    else if (name === '*') star = q;
  }
  if (br === -1) br = star === -1 ? 0 : star;
  if (gzip === -1) gzip = star === -1 ? 0 : star;
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2): `W/"x"` matches `"x"`. */
function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch === etag) return true;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return (tag.startsWith('W/') ? tag.slice(2) : tag) === etag;
  });
}

/**
 * Writes a cached page straight to the socket from headers built at store time: the encoding
 * the client prefers, 304 on a matching ETag, no body for HEAD. Call it for GET and HEAD only
 * (`cacheKeyFor` returns a key for nothing else).
 */
export function serveCachedPage(
  req: IncomingMessage,
  res: ServerResponse,
  entry: CacheEntry,
): void {
  const chosen = entry.representations[negotiateEncoding(req.headers['accept-encoding'])];
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined && entry.status === 200 && matchesEtag(ifNoneMatch, chosen.etag)) {
    res.writeHead(304, chosen.notModifiedHeaderList);
    res.end();
    return;
  }
  res.writeHead(entry.status, chosen.headerList);
  if (req.method === 'HEAD') res.end();
  else res.end(chosen.body);
}
