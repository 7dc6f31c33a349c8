import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCacheableRequest } from './cacheable-request.js';
import { cacheKeyFor, type PageCache, renderCacheEntry, type StoreInput } from './page-cache.js';
import { serveCachedPage } from './serve-cached.js';

/**
 * Answers a rendered public page (or feed, sitemap…) and stores it in the page cache. For an
 * anonymous reader the answer is written from the very entry the cache keeps (or, when the
 * cache refuses it, one rendered the same way): the same encodings, ETag, Last-Modified and
 * 304s as a later hit. A staff session gets the page uncompressed, `private, no-store`, never
 * stored.
 */
export function sendCacheablePage(
  pageCache: PageCache,
  request: FastifyRequest,
  reply: FastifyReply,
  input: StoreInput,
): FastifyReply {
  const key = cacheKeyFor(request.method, request.url);
  if (key === undefined || !isCacheableRequest(request.raw))
    return reply
      .status(input.status)
      .header('content-type', input.contentType)
      .header('cache-control', 'private, no-store')
      .header('surrogate-key', [...new Set(input.surrogateKeys)].join(' '))
      .header('x-cache', 'MISS')
      .send(input.body);
  const entry = renderCacheEntry(key, input);
  // Only 200 and 410 pages are kept; other statuses are still answered from the entry.
  if (input.status === 200 || input.status === 410) pageCache.store(key, input, entry);
  void reply.hijack();
  serveCachedPage(request.raw, reply.raw, entry, 'MISS');
  return reply;
}
