import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../platform/app-services.js';
import { pageCacheControl } from '../../platform/cache/page-cache.js';
import { sendCacheablePage } from '../../platform/cache/send-page.js';

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
  return sendCacheablePage(services.pageCache, request, reply, {
    status: 200,
    contentType: input.contentType,
    body: input.body,
    surrogateKeys: input.surrogateKeys,
    cacheControl: pageCacheControl(input.maxAgeSeconds ?? 60),
    generation: input.generation,
  });
}
