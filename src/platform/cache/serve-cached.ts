import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CachedRepresentation, CacheEntry, Encoding } from './page-cache.js';

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
export function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch === etag) return true;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return (tag.startsWith('W/') ? tag.slice(2) : tag) === etag;
  });
}

type PageValidators = Pick<CacheEntry, 'status' | 'lastModifiedSeconds'>;

/** Whether a conditional GET/HEAD may be answered 304 (RFC 9110 §13.2.2: ETag first). */
function notModified(req: IncomingMessage, page: PageValidators, etag: string): boolean {
  if (page.status !== 200) return false;
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return matchesEtag(ifNoneMatch, etag);
  const ifModifiedSince = req.headers['if-modified-since'];
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && page.lastModifiedSeconds <= Math.floor(since / 1000);
}

/**
 * Writes a page straight to the socket from headers built once per stored representation:
 * the encoding the client prefers, 304 on a matching ETag (or an If-Modified-Since not older
 * than the page), no body for HEAD. A cache hit is served with `HIT`; the response that
 * rendered the page with `MISS`, from the same entry, so both revalidate alike. Call it for
 * GET and HEAD only (`cacheKeyFor` returns a key for nothing else).
 */
export function serveCachedPage(
  req: IncomingMessage,
  res: ServerResponse,
  entry: CacheEntry,
  state: 'HIT' | 'MISS' = 'HIT',
): void {
  const chosen = entry.representations[negotiateEncoding(req.headers['accept-encoding'])];
  serveRepresentation(req, res, entry, chosen, state);
}

/** Writes one representation of a page (304 and HEAD as `serveCachedPage`). */
export function serveRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  page: PageValidators,
  chosen: CachedRepresentation,
  state: 'HIT' | 'MISS',
): void {
  if (notModified(req, page, chosen.etag)) {
    res.writeHead(
      304,
      state === 'HIT' ? chosen.notModifiedHeaderList : chosen.missNotModifiedHeaderList,
    );
    res.end();
    return;
  }
  res.writeHead(page.status, state === 'HIT' ? chosen.headerList : chosen.missHeaderList);
  if (req.method === 'HEAD') res.end();
  else res.end(chosen.body);
}
