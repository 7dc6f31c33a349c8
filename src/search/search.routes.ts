import type { FastifyInstance } from 'fastify';
import { articleUrl } from '../content/article.presenter.js';
import type { AppServices } from '../platform/app-services.js';
import { isCacheableRequest } from '../platform/cache/cacheable-request.js';
import { fieldErrors, parseInput } from '../platform/http/validate.js';
import { searchParams } from './search.input.js';
import { renderSearchPage } from './search.page.js';
import { searchArticles, searchPageSize } from './search.service.js';

// Search pages are not stored in the page cache: every query is its own URL, most are asked
// once, and they would push real pages out. A short public max-age lets a CDN absorb bursts.
const searchCacheControl = 'public, max-age=60';

/** `GET /search` (HTML) and `GET /api/content/search` (JSON). */
export function registerSearchRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const { baseUrl } = services.config;

  app.get('/search', async (request, reply) => {
    const settings = await services.settings.get();
    const parsed = searchParams.safeParse(request.query ?? {});
    const deps = { now: services.now, timeZone: settings.timeZone };
    const params = parsed.success ? parsed.data : undefined;
    const outcome = params ? await searchArticles(db, deps, params) : undefined;
    const body = renderSearchPage({
      settings,
      baseUrl,
      params: params ?? rawParams(request.query),
      outcome,
      errors: parsed.success ? undefined : fieldErrors(parsed.error),
    });
    return reply
      .status(parsed.success ? 200 : 422)
      .header('content-type', 'text/html; charset=utf-8')
      .header(
        'cache-control',
        isCacheableRequest(request.raw) ? searchCacheControl : 'private, no-store',
      )
      .send(body);
  });

  app.get('/api/content/search', async (request) => {
    const params = parseInput(searchParams, request.query);
    const settings = await services.settings.get();
    const outcome = await searchArticles(
      db,
      { now: services.now, timeZone: settings.timeZone },
      params,
    );
    return {
      results: outcome.hits.map((hit) => ({
        id: hit.id,
        title: hit.title,
        url: articleUrl(baseUrl, hit.slug),
        excerpt: hit.excerpt,
        title_html: hit.titleHtml,
        snippet_html: hit.snippetHtml,
        published_at: hit.published_at,
        language: hit.language,
        authors: hit.authors.map((a) => ({ ...a, url: `${baseUrl}/author/${a.slug}/` })),
        tags: hit.tags.map((t) => ({ ...t, url: `${baseUrl}/tag/${t.slug}/` })),
      })),
      total: outcome.total,
      page: outcome.page,
      page_size: searchPageSize,
      page_count: outcome.pageCount,
    };
  });
}

/** What the reader typed, for refilling the form when a filter was invalid. */
function rawParams(query: unknown) {
  const source = (query ?? {}) as Record<string, unknown>;
  const text = (key: string) => {
    const value = source[key];
    return typeof value === 'string' ? value.slice(0, 1000) : undefined;
  };
  return {
    q: text('q') ?? '',
    tag: text('tag'),
    author: text('author'),
    from: text('from'),
    to: text('to'),
    page: 1,
  };
}
