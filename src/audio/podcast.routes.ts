import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { parseInput } from '../platform/http/validate.js';
import { sendCachedBody } from '../site/distribution/cached-reply.js';
import { renderBriefingFeed } from './briefing-feed.js';
import { listBriefings } from './briefing.repository.js';
import { listPublishedNarrations } from './narration.repository.js';
import { renderPodcastFeed } from './podcast-feed.js';

const briefingQuery = z.object({
  lang: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as en or uk')
    .optional(),
});

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

  // The daily briefings (briefing.service.ts) of the site's language, or of `?lang=`.
  app.get('/podcast/briefing.xml', async (request, reply) => {
    const query = parseInput(briefingQuery, request.query);
    const generation = services.pageCache.generation();
    const settings = await services.settings.get();
    const language = query.lang ?? settings.language;
    const briefings = await listBriefings(services.database.db, language, 60);
    return sendCachedBody(services, request, reply, {
      contentType: 'application/rss+xml; charset=utf-8',
      body: renderBriefingFeed({ settings, baseUrl: services.config.baseUrl, language, briefings }),
      surrogateKeys: ['podcast-briefing', 'feeds'],
      generation,
    });
  });
}
