import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { isValidSlug } from '../content/slug.js';
import type { AppServices } from '../platform/app-services.js';
import { renderArticlePage } from './article.page.js';
import { sendAsset, siteAssets } from './assets.js';
import { renderAuthorPage } from './author.page.js';
import { renderHomePage } from './home.page.js';
import { createPageReplies } from './page-reply.js';
import { loadArticle, loadAuthorListing, loadHome, loadTagListing } from './site.queries.js';
import { renderTagPage } from './tag.page.js';

// The public site's routes: thin. Parse the URL → load (site.queries.ts) → validate (404,
// 410, 301) → render (*.page.ts) → store and send (page-reply.ts).

const pageParameter = /^[1-9][0-9]{0,4}$/;
const healthCheckTimeoutMs = 2000;
/** Old slugs answer 301 to the current URL; short-lived, as the article may move again. */
const movedCacheControl = 'public, max-age=300';

/** The page number in `?page=N` (1 when absent), or undefined when it is not a page number. */
function pageNumber(request: FastifyRequest): number | undefined {
  const raw = (request.query as { page?: unknown }).page;
  if (raw === undefined) return 1;
  return typeof raw === 'string' && pageParameter.test(raw) ? Number(raw) : undefined;
}

function slugParameter(request: FastifyRequest): string {
  return (request.params as { slug?: string }).slug ?? '';
}

/** `/path` → `/path/`, keeping the query string. */
function withTrailingSlash(url: string): string {
  const question = url.indexOf('?');
  return question === -1 ? `${url}/` : `${url.slice(0, question)}/${url.slice(question)}`;
}

/** Registers the public pages, `/healthz`, the hashed assets and the site's 404 page. */
export function registerSiteRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const { pageCache, logger } = services;
  const replies = createPageReplies(services);
  const deps = { executor: db, logger };

  type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>;
  // A failure while rendering shows the site's 500 page (never cached), not a JSON error.
  const page =
    (handler: Handler): Handler =>
    async (request, reply) => {
      try {
        return await handler(request, reply);
      } catch (error) {
        logger.error({ err: error, url: request.url }, 'public page failed');
        return replies.sendError(request, reply, 500);
      }
    };

  app.get('/healthz', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`select 1`.execute(db),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), healthCheckTimeoutMs);
        }),
      ]);
      return reply.send({ status: 'ok', database: 'ok' });
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: 'unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });

  app.get('/assets/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    const asset = siteAssets().byPath.get(`/assets/${file}`);
    if (!asset) return replies.sendError(request, reply, 404);
    return sendAsset(request, reply, asset);
  });

  app.get(
    '/',
    page(async (request, reply) => {
      const pageNo = pageNumber(request);
      if (pageNo === undefined) return replies.sendError(request, reply, 404);
      const generation = pageCache.generation();
      const [context, data] = await Promise.all([replies.contextFor(), loadHome(db, pageNo)]);
      if (!data) return replies.sendError(request, reply, 404);
      return replies.sendPage(request, reply, await renderHomePage(data, context, deps), generation);
    }),
  );

  app.get(
    '/tag/:slug/',
    page(async (request, reply) => {
      const slug = slugParameter(request);
      const pageNo = pageNumber(request);
      if (pageNo === undefined || !isValidSlug(slug)) return replies.sendError(request, reply, 404);
      const generation = pageCache.generation();
      const [context, data] = await Promise.all([
        replies.contextFor(),
        loadTagListing(db, slug, pageNo),
      ]);
      if (!data) return replies.sendError(request, reply, 404);
      return replies.sendPage(request, reply, renderTagPage(data, context), generation);
    }),
  );

  app.get(
    '/author/:slug/',
    page(async (request, reply) => {
      const slug = slugParameter(request);
      const pageNo = pageNumber(request);
      if (pageNo === undefined || !isValidSlug(slug)) return replies.sendError(request, reply, 404);
      const generation = pageCache.generation();
      const [context, data] = await Promise.all([
        replies.contextFor(),
        loadAuthorListing(db, slug, pageNo),
      ]);
      if (!data) return replies.sendError(request, reply, 404);
      return replies.sendPage(request, reply, renderAuthorPage(data, context), generation);
    }),
  );

  app.get(
    '/:slug/',
    page(async (request, reply) => {
      const slug = slugParameter(request);
      if (!isValidSlug(slug)) return replies.sendError(request, reply, 404);
      const generation = pageCache.generation();
      const [context, found] = await Promise.all([replies.contextFor(), loadArticle(db, slug)]);
      switch (found.kind) {
        case 'found':
          return replies.sendPage(
            request,
            reply,
            await renderArticlePage(found, context, deps),
            generation,
          );
        case 'moved':
          return reply
            .header('cache-control', movedCacheControl)
            .redirect(`/${found.slug}/`, 301);
        case 'gone':
          return replies.sendError(request, reply, 410, {
            surrogateKeys: [`article:${found.articleId}`],
            generation,
          });
        case 'missing':
          return replies.sendError(request, reply, 404);
        default: {
          const unreachable: never = found;
          return unreachable;
        }
      }
    }),
  );

  // The slash-less forms of page URLs move permanently to the canonical slash form.
  for (const path of ['/:slug', '/tag/:slug', '/author/:slug']) {
    app.get(path, async (request, reply) => {
      if (!isValidSlug(slugParameter(request))) return replies.sendError(request, reply, 404);
      return reply
        .header('cache-control', 'public, max-age=86400')
        .redirect(withTrailingSlash(request.url), 301);
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send({
        error: 'not_found',
        message: `No API route for ${request.method} ${request.url.split('?')[0]}.`,
      });
    }
    return replies.sendError(request, reply, 404);
  });
}
