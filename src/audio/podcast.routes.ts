import type { FastifyInstance } from 'fastify';
import type { AppServices } from '../platform/app-services.js';
import { sendCachedBody } from '../site/distribution/cached-reply.js';
import { listPublishedNarrations } from './narration.repository.js';
import { renderPodcastFeed } from './podcast-feed.js';

/** `/podcast.xml`: the newest 100 narrations, cached like pages and purged by surrogate keys. */
export function registerPodcastRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/podcast.xml', async (request, reply) => {
    const generation = services.pageCache.generation();
    const [settings, episodes] = await Promise.all([
      services.settings.get(),
      listPublishedNarrations(services.database.db, 100),
    ]);
    return sendCachedBody(services, request, reply, {
      contentType: 'application/rss+xml; charset=utf-8',
      body: renderPodcastFeed({ settings, baseUrl: services.config.baseUrl, episodes }),
      surrogateKeys: ['podcast', 'feeds', ...episodes.map((e) => `article:${e.id}`)],
      generation,
    });
  });
}
