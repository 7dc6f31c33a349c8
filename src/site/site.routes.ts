import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { findRedirectTarget } from '../content/redirect.repository.js';
import type { AppServices } from '../platform/app-services.js';
import { sendCacheablePage } from '../platform/cache/send-page.js';
import { fullVariantKey } from '../platform/cache/page-cache.js';
import { anonymous, encodeRule, isGated, variantFor } from '../content/access/access-level.js';
import { openGiftLink } from '../content/access/gift-links.js';
import { localeFor, translator } from './i18n/translate.js';
import { articleAccessRule } from '../content/access/article-access.js';
import { loadAccessKey } from '../content/access/entitlement-cookie.js';
import { carriesEntitlement, requestEntitlement } from './cached-variant.js';
import { buildArticlePage } from './article-page-build.js';
import { type Asset, siteAssets } from './assets.js';
import { renderErrorPage } from './error.page.js';
import { renderHomePage } from './home.page.js';
import { renderListingPage } from './listing.page.js';
import { loadArticle, loadHome, loadListing } from './site.queries.js';
import { registerLiveRoutes } from './live/live.routes.js';
import { registerAccessMeterRoutes } from './access-meter.routes.js';

function pageNumber(query: unknown): number | undefined {
  const raw = (query as { page?: unknown }).page;
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,5}$/.test(raw)) return undefined;
  return Number(raw);
}

/** The public site's routes. Pages rendered for anonymous readers are stored in the page cache. */
export function registerSiteRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const { baseUrl } = services.config;
  // The cache generation when each request began: a page rendered from data read before a
  // purge must not be stored after it (it would stay stale until the next purge).
  const generations = new WeakMap<object, number>();
  app.addHook('onRequest', (request, _reply, done) => {
    generations.set(request.raw, services.pageCache.generation());
    done();
  });
  // Live coverages' JSON, event stream, update pages and feeds (their page is the article's).
  registerLiveRoutes(app, services);
  // Metering's answers to the cached previews of gated stories.
  registerAccessMeterRoutes(app, services);

  async function sendPage(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    body: string,
    surrogateKeys: string[],
  ) {
    return sendCacheablePage(services.pageCache, request, reply, {
      status,
      contentType: 'text/html; charset=utf-8',
      body,
      surrogateKeys,
      generation: generations.get(request.raw),
    });
  }

  // A gated article's two variants (ADR 0026). Both vary by Cookie for shared caches; the full
  // one is `private` as well, so no CDN keeps it whatever it does with Vary. The cache keeps
  // the preview under the URL and the full variant under its own key, each with the gate.
  async function sendGatedPage(
    request: FastifyRequest,
    reply: FastifyReply,
    body: string,
    surrogateKeys: string[],
    options: { gate: string; variant: 'full' | 'preview' },
  ) {
    const full = options.variant === 'full';
    return sendCacheablePage(
      services.pageCache,
      request,
      reply,
      {
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body,
        surrogateKeys,
        generation: generations.get(request.raw),
        vary: 'Accept-Encoding, Cookie',
        gate: options.gate,
        ...(full ? { cacheControl: 'private, max-age=0, must-revalidate' } : {}),
      },
      full ? fullVariantKey : undefined,
    );
  }

  // A gift link (`?gift=<token>`, content/access/gift-links.ts): each open is counted, so the
  // page is this reader's alone: never stored, never indexed, the token never sent elsewhere
  // in a Referer. A spent or unknown link shows the reader's own variant with the reason.
  async function sendGiftPage(
    request: FastifyRequest,
    reply: FastifyReply,
    found: Extract<Awaited<ReturnType<typeof loadArticle>>, { kind: 'found' }>,
    variant: 'full' | 'preview',
    gift: unknown,
  ) {
    const opened =
      variant === 'full'
        ? 'entitled'
        : await openGiftLink(
            db,
            typeof gift === 'string' ? gift : '',
            found.article.id,
            services.now(),
          );
    const t = translator(localeFor(found.article.language));
    const notices = {
      expired: t('access.gift.spent.expired'),
      'used-up': t('access.gift.spent.usedUp'),
      invalid: t('access.gift.spent.invalid'),
    } as const;
    const page = await buildArticlePage(services, found, {
      fragments: services.pageCache.fragments,
      variant: opened === 'opened' || opened === 'entitled' ? 'full' : 'preview',
      gift: opened === 'opened',
      notice: opened === 'opened' || opened === 'entitled' ? undefined : notices[opened],
    });
    return reply
      .status(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .header('referrer-policy', 'same-origin')
      .header('vary', 'Cookie')
      .send(page.body);
  }

  async function sendError(request: FastifyRequest, reply: FastifyReply, status: number) {
    if (status === 404 && (request.method === 'GET' || request.method === 'HEAD')) {
      // An old URL from before a move (e.g. a WordPress permalink) answers 301, not 404.
      const target = await findRedirectTarget(db, request.url);
      if (target !== undefined) return reply.redirect(`/${target}/`, 301);
    }
    const settings = await services.settings.get();
    const body = renderErrorPage(settings, baseUrl, status, request.url.split('?')[0] ?? '/');
    if (status === 404)
      return reply
        .status(404)
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=30')
        .send(body);
    return sendPage(request, reply, status, body, ['all']);
  }

  function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset) {
    const accept = request.headers['accept-encoding'] ?? '';
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : undefined;
    void reply
      .header('content-type', asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', asset.etag)
      .header('vary', 'Accept-Encoding');
    if (request.headers['if-none-match'] === asset.etag) return reply.status(304).send();
    if (encoding) void reply.header('content-encoding', encoding);
    return reply.send(
      encoding === 'br' ? asset.brotli : encoding === 'gzip' ? asset.gzip : asset.body,
    );
  }

  // A load balancer polls this every second or two: the storage check (a HEAD of the bucket
  // on S3) is remembered for a few seconds so a cluster does not flood the store.
  const storageHealth = cachedCheck(() => services.storage.check(), 5000);
  app.get('/healthz', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
    const [database, storage] = await Promise.all([
      sql`select 1`.execute(db).then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      ),
      storageHealth().then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      ),
    ]);
    const ok = database === 'ok' && storage === 'ok';
    return reply
      .status(ok ? 200 : 503)
      .send({ status: ok ? 'ok' : 'unavailable', database, storage });
  });

  app.get('/assets/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    const asset = Object.values(siteAssets()).find((a) => a.path === `/assets/${file}`);
    if (!asset) return sendError(request, reply, 404);
    return sendAsset(request, reply, asset);
  });

  app.get('/', async (request, reply) => {
    const page = pageNumber(request.query);
    if (page === undefined) return sendError(request, reply, 404);
    const [settings, data] = await Promise.all([
      services.settings.get(),
      loadHome(db, page, services.pageCache),
    ]);
    if (!data.exists) return sendError(request, reply, 404);
    const keys = [
      'home',
      ...new Set(
        [...(data.lead ? [data.lead] : []), ...data.feed, ...data.more, ...data.picks].map(
          (s) => `article:${s.id}`,
        ),
      ),
    ];
    return sendPage(request, reply, 200, renderHomePage(settings, baseUrl, data), keys);
  });

  for (const kind of ['tag', 'author'] as const) {
    app.get(`/${kind}/:slug`, async (request, reply) =>
      reply.redirect(
        `/${kind}/${encodeURIComponent((request.params as { slug: string }).slug)}/`,
        301,
      ),
    );
    app.get(`/${kind}/:slug/`, async (request, reply) => {
      const page = pageNumber(request.query);
      const { slug } = request.params as { slug: string };
      if (page === undefined) return sendError(request, reply, 404);
      const [settings, data] = await Promise.all([
        services.settings.get(),
        loadListing(db, kind, slug, page, services.pageCache),
      ]);
      if (!data?.exists) return sendError(request, reply, 404);
      const keys = [`${kind}:${data.subject.id}`, ...data.stories.map((s) => `article:${s.id}`)];
      return sendPage(
        request,
        reply,
        200,
        renderListingPage({ settings, baseUrl, kind, ...data }),
        keys,
      );
    });
  }

  app.get('/:slug', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (!/^[a-z0-9-]+$/.test(slug)) return sendError(request, reply, 404);
    return reply.redirect(`/${slug}/`, 301);
  });

  app.get('/:slug/', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    if (!/^[a-z0-9-]{1,120}$/.test(slug)) return sendError(request, reply, 404);
    const found = await loadArticle(db, slug, services.pageCache);
    switch (found.kind) {
      case 'moved':
        return reply.redirect(`/${found.slug}/`, 301);
      case 'gone':
        return sendError(request, reply, 410);
      case 'missing':
        return sendError(request, reply, 404);
      case 'found': {
        const entitlement = carriesEntitlement(request.raw)
          ? requestEntitlement(request.raw, await loadAccessKey(db))
          : anonymous;
        const rule = articleAccessRule(found.article);
        const variant = variantFor(entitlement, rule);
        const gift = (request.query as { gift?: unknown }).gift;
        if (gift !== undefined && isGated(rule))
          return sendGiftPage(request, reply, found, variant, gift);
        const page = await buildArticlePage(services, found, {
          fragments: services.pageCache.fragments,
          variant,
        });
        if (!page.gate) return sendPage(request, reply, 200, page.body, page.surrogateKeys);
        return sendGatedPage(request, reply, page.body, page.surrogateKeys, {
          gate: encodeRule(page.gate),
          variant,
        });
      }
      default: {
        const unreachable: never = found;
        return unreachable;
      }
    }
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send({
        error: 'not_found',
        message: `No API route for ${request.method} ${request.url.split('?')[0]}.`,
      });
    }
    return sendError(request, reply, 404);
  });
}

/** Runs a check at most once per `ttlMs`, sharing the result (success or failure) meanwhile. */
function cachedCheck(check: () => Promise<void>, ttlMs: number): () => Promise<void> {
  let last: { at: number; result: Promise<void> } | undefined;
  return () => {
    const now = Date.now();
    if (!last || now - last.at >= ttlMs) {
      const result = check();
      result.catch(() => undefined);
      last = { at: now, result };
    }
    return last.result;
  };
}
