import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../platform/app-services.js';
import { isCacheableRequest } from '../../platform/cache/cacheable-request.js';
import { cacheKeyFor, pageCacheControl } from '../../platform/cache/page-cache.js';

export interface CachedBody {
  contentType: string;
  body: string;
  surrogateKeys: string[];
  /** `pageCache.generation()` read before the data was loaded (see PageCache.store). */
  generation: number;
  maxAgeSeconds?: number;
}

/**
 * Sends a small generated document (a feed, a sitemap index) and stores it in the page cache
 * the way the site stores pages, so the same surrogate-key purges drop it when content changes.
 */
export function sendCachedBody(
  services: AppServices,
  request: FastifyRequest,
  reply: FastifyReply,
  input: CachedBody,
) {
  const cacheable = isCacheableRequest(request.raw);
  const key = cacheKeyFor(request.method, request.url);
  const cacheControl = pageCacheControl(input.maxAgeSeconds ?? 60);
  if (key !== undefined && cacheable) {
    services.pageCache.store(key, {
      status: 200,
      contentType: input.contentType,
      body: input.body,
      surrogateKeys: input.surrogateKeys,
      cacheControl,
      generation: input.generation,
    });
  }
  return reply
    .status(200)
    .header('content-type', input.contentType)
    .header('cache-control', cacheable ? cacheControl : 'private, no-store')
    .header('surrogate-key', input.surrogateKeys.join(' '))
    .header('x-cache', 'MISS')
    .send(input.body);
}
