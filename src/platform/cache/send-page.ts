import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCacheableRequest } from './cacheable-request.js';
import {
  cacheKeyFor,
  type PageCache,
  renderRepresentation,
  type StoreInput,
} from './page-cache.js';
import { negotiateEncoding, serveCachedPage, serveRepresentation } from './serve-cached.js';

/**
 * Answers a rendered public page (or feed, sitemap…) and stores it in the page cache. For an
 * anonymous reader the answer is written from the very entry the cache keeps (or, when the
 * cache refuses it, the one representation this reader negotiated, rendered the same way):
 * the same encodings, ETag, Last-Modified and 304s as a later hit. A staff session gets the page uncompressed, `private, no-store`, never
 * stored.
 */
export function sendCacheablePage(
  pageCache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  input: StoreInput,
  /** Stores under another key than the URL's (a gated page's full variant: `fullVariantKey`). */
  toKey: (urlKey: string) => string = (urlKey) => urlKey,
): FastifyReply {
  const urlKey = cacheKeyFor(request.method, request.url);
  const key = urlKey === undefined ? undefined : toKey(urlKey);
  if (key === undefined || !isCacheableRequest(request.raw))
    return reply
      .status(input.status)
      .header('content-type', input.contentType)
      .header('cache-control', 'private, no-store')
      .header('surrogate-key', [...new Set(input.surrogateKeys)].join(' '))
      .header('x-cache', 'MISS')
      .send(input.body);
  // Only 200 and 410 pages are kept.
  const stored =
    input.status === 200 || input.status === 410 ? pageCache.store(key, input) : undefined;
  void reply.hijack();
  if (stored) serveCachedPage(request.raw, reply.raw, stored, 'MISS');
  else {
    const page = renderRepresentation(input, negotiateEncoding(request.headers['accept-encoding']));
    serveRepresentation(request.raw, reply.raw, page, page.representation, 'MISS');
  }
  return reply;
}
