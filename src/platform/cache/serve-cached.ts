import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CacheEntry, Encoding } from './page-cache.js';

/**
 * Picks the best encoding the client accepts: br, then gzip, then identity. Honours q-values
 * (`q=0` refuses) and `*`.
 */
export function negotiateEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let br = -1;
  let gzip = -1;
  let star = -1;
  for (const part of acceptEncoding.split(',')) {
    const [rawName, ...params] = part.trim().split(';');
    const name = (rawName ?? '').trim().toLowerCase();
    let q = 1;
    for (const param of params) {
      const [k, v] = param.trim().split('=');
      if (k?.trim() === 'q') q = Number.parseFloat(v ?? '1');
    }
    if (Number.isNaN(q)) q = 0;
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

function matchesEtag(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** Writes a cached page straight to the socket: 304 on a matching ETag, no body for HEAD. */
export function serveCachedPage(
  req: IncomingMessage,
  res: ServerResponse,
  entry: CacheEntry,
): void {
  const chosen = entry.representations[negotiateEncoding(req.headers['accept-encoding'])];
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch !== undefined && matchesEtag(ifNoneMatch, chosen.etag)) {
    res.writeHead(304, chosen.notModifiedHeaderList);
    res.end();
    return;
  }
  res.writeHead(entry.status, chosen.headerList);
  if (req.method === 'HEAD') res.end();
  else res.end(chosen.body);
}
