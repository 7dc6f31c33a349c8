import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { AppError, notFound } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { buildOembedResponse } from './oembed.js';
import { loadArticle } from './site.queries.js';

const oembedQuery = z.object({
  url: z.string().min(1, 'url is required').max(2000),
  format: z.string().optional(),
  maxwidth: z.coerce.number().int().positive().max(10_000).optional(),
  maxheight: z.coerce.number().int().positive().max(10_000).optional(),
});

/** GET /oembed — the oEmbed provider endpoint for our own article URLs. */
export function registerOembedRoutes(app: FastifyInstance, services: AppServices): void {
  const site = new URL(services.config.baseUrl);
  app.get('/oembed', async (request, reply) => {
    const query = parseInput(oembedQuery, request.query);
    if (query.format !== undefined && query.format !== 'json')
      throw new AppError(501, 'format_not_implemented', 'Only format=json is available.');
    let target: URL;
    try {
      target = new URL(query.url);
    } catch {
      throw notFound('An article at that URL');
    }
    const slug = /^\/([a-z0-9-]{1,120})\/?$/.exec(target.pathname)?.[1];
    if (target.host !== site.host || !slug) throw notFound('An article at that URL');
    const found = await loadArticle(services.database.db, slug);
    if (found.kind !== 'found') throw notFound('An article at that URL');
    const settings = await services.settings.get();
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(buildOembedResponse(settings, services.config.baseUrl, found, query.maxwidth));
  });
}
