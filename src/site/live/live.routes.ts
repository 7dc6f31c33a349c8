import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  findArticleBySlug,
  findArticleIdByOldSlug,
  findArticleById,
} from '../../content/article.repository.js';
import type { ArticleRow } from '../../content/content.table.js';
import type { AppServices } from '../../platform/app-services.js';
import { html } from '../../platform/http/html.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { sendCachedBody } from '../distribution/cached-reply.js';
import { feedFormats } from '../distribution/feed.routes.js';
import { hasCatalog, type Locale, localeFor, translator } from '../i18n/translate.js';
import { renderLayout } from '../layout.js';
import { siteAssets } from '../assets.js';
import { type LiveFeed, loadLiveFeed, loadLiveItem } from './live-feed.js';
import { renderLiveUpdatePage } from './live-update.page.js';
import { buildLiveUpdatesFeed } from './live-feed-document.js';
import { createLiveHub, feedDigest, type LiveHub } from './live-hub.js';
import {
  type LiveRenderContext,
  renderEarlierLink,
  renderFeedParts,
  renderLiveItem,
} from './live-render.js';

// A live coverage's reader endpoints besides its page (`/:slug/`, rendered by the article page):
//   /:slug/live.json          the first page (or `?before=ID`) as markup parts: the script's
//                             polling fallback and "load earlier"; cached 5 s, purged by `live:ID`
//   /:slug/live/stream        Server-Sent Events (live-hub.ts)
//   /:slug/updates/           older updates without JavaScript (`?before=ID`)
//   /:slug/updates/:id/       one update on its own page, with its own sharing tags
//   /:slug/updates/rss/, atom.xml, feed.json   the coverage's updates as feeds

const slugPattern = /^[a-z0-9-]{1,120}$/;
const idPattern = /^[1-9]\d{0,11}$/;

type Found =
  { kind: 'found'; article: ArticleRow } | { kind: 'moved'; slug: string } | { kind: 'missing' };

function localeOf(article: ArticleRow, settings: SiteSettings): Locale {
  return hasCatalog(article.language) ? localeFor(article.language) : localeFor(settings.language);
}

export function liveContextFor(article: ArticleRow, settings: SiteSettings): LiveRenderContext {
  return { slug: article.slug, locale: localeOf(article, settings), timeZone: settings.timeZone };
}

/** The reader endpoints of live coverages, and the node's SSE hub (closed with the app). */
export function registerLiveRoutes(app: FastifyInstance, services: AppServices): LiveHub {
  const { db } = services.database;
  const { baseUrl } = services.config;

  async function findPublished(slug: string): Promise<Found> {
    if (!slugPattern.test(slug)) return { kind: 'missing' };
    const article = await findArticleBySlug(db, slug);
    if (article)
      return article.status === 'published' ? { kind: 'found', article } : { kind: 'missing' };
    const movedId = await findArticleIdByOldSlug(db, slug);
    const moved = movedId === undefined ? undefined : await findArticleById(db, movedId);
    return moved?.status === 'published'
      ? { kind: 'moved', slug: moved.slug }
      : { kind: 'missing' };
  }

  const hub = createLiveHub({
    logger: services.logger,
    load: async (articleId) => {
      const article = await findArticleById(db, articleId);
      if (!article || article.status !== 'published') return undefined;
      const [settings, feed] = await Promise.all([
        services.settings.get(),
        loadLiveFeed(db, article),
      ]);
      if (!feed) return undefined;
      return { feed, render: renderFeedParts(feed, liveContextFor(article, settings)) };
    },
  });
  const stopListening = services.pageCache.onPurge((keys) => hub.purged(keys));
  app.addHook('preClose', (done) => {
    stopListening();
    hub.close();
    done();
  });

  /** The article and its coverage for a live route: 404, or 301 to the current slug. */
  async function open(
    request: FastifyRequest,
    reply: FastifyReply,
    suffix: string,
    before?: number,
  ): Promise<{ article: ArticleRow; feed: LiveFeed; settings: SiteSettings } | undefined> {
    const { slug } = request.params as { slug: string };
    const found = await findPublished(slug);
    if (found.kind === 'moved') {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
      void reply.redirect(`/${found.slug}/${suffix}${query}`, 301);
      return undefined;
    }
    const feed =
      found.kind === 'found' ? await loadLiveFeed(db, found.article, { before }) : undefined;
    if (found.kind !== 'found' || !feed) {
      void reply.callNotFound();
      return undefined;
    }
    return { article: found.article, feed, settings: await services.settings.get() };
  }

  function beforeParam(request: FastifyRequest, reply: FastifyReply): number | undefined | null {
    const raw = (request.query as { before?: unknown }).before;
    if (raw === undefined) return undefined;
    if (typeof raw !== 'string' || !idPattern.test(raw)) {
      void reply.status(400).header('cache-control', 'no-store').send({
        error: 'bad_request',
        message: '`before` must be the id of an update, e.g. ?before=120.',
      });
      return null;
    }
    return Number(raw);
  }

  app.get('/:slug/live.json', async (request, reply) => {
    const generation = services.pageCache.generation();
    const before = beforeParam(request, reply);
    if (before === null) return reply;
    const opened = await open(request, reply, 'live.json', before);
    if (!opened) return reply;
    const { article, feed, settings } = opened;
    const parts = renderFeedParts(feed, liveContextFor(article, settings));
    return sendCachedBody(services, request, reply, {
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({
        state: feed.state,
        digest: feedDigest(parts, feed.state),
        nextBefore: feed.nextBefore,
        ...parts,
      }),
      surrogateKeys: [`live:${article.id}`, `article:${article.id}`],
      generation,
      maxAgeSeconds: 5,
    });
  });

  app.get('/:slug/live/stream', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const found = await findPublished(slug);
    const article = found.kind === 'found' ? found.article : undefined;
    if (!article)
      return reply
        .status(404)
        .header('cache-control', 'no-store')
        .send({ error: 'not_found', message: 'No live coverage at this address.' });
    reply.hijack();
    // The browser sends Last-Event-ID when it reconnects; the first time, the page's digest.
    const lastEventId = request.headers['last-event-id'];
    const since = (request.query as { since?: unknown }).since;
    const known =
      typeof lastEventId === 'string' && lastEventId !== ''
        ? lastEventId
        : typeof since === 'string' && since !== ''
          ? since.slice(0, 64)
          : undefined;
    const accepted = await hub.open(article.id, reply.raw, known);
    if (!accepted) {
      reply.raw.writeHead(503, {
        'retry-after': '30',
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      });
      reply.raw.end(
        'This server holds as many live readers as it can; the page updates itself every few seconds instead.',
      );
    }
    return reply;
  });

  app.get('/:slug/updates/', async (request, reply) => {
    const generation = services.pageCache.generation();
    const before = beforeParam(request, reply);
    if (before === null) return reply;
    const opened = await open(request, reply, 'updates/', before);
    if (!opened) return reply;
    const { article, feed, settings } = opened;
    const context = liveContextFor(article, settings);
    const t = translator(context.locale);
    const body = html`<article class="article live-archive" data-article-id="${article.id}">
<header class="article__header"><p class="kicker"><a href="/${article.slug}/">${article.title}</a></p><h1 class="article__title">${t('live.earlier')}</h1></header>
<section class="live" aria-label="${t('live.earlier')}"><div class="live__updates">${feed.updates.map((item) => renderLiveItem(item, context))}</div>
${renderEarlierLink(feed, context)}
<p><a href="/${article.slug}/">${t('live.latest')}</a></p></section>
</article>`;
    return sendCachedBody(services, request, reply, {
      contentType: 'text/html; charset=utf-8',
      body: renderLayout({
        settings,
        baseUrl,
        title: `${article.title}: ${t('live.earlier')}`,
        description: article.excerpt || article.plain_text || settings.description,
        canonicalPath: `/${article.slug}/updates/${before === undefined ? '' : `?before=${before}`}`,
        lang: settings.language,
        locale: localeFor(settings.language),
        body,
        noindex: true,
        head: html`<link rel="stylesheet" href="${siteAssets().liveCss.path}">`,
      }),
      surrogateKeys: [`live:${article.id}`, `article:${article.id}`],
      generation,
      maxAgeSeconds: 60,
    });
  });

  app.get('/:slug/updates/:id/', async (request, reply) => {
    const generation = services.pageCache.generation();
    const { id } = request.params as { id: string };
    if (!idPattern.test(id)) return reply.callNotFound();
    const opened = await open(request, reply, `updates/${id}/`);
    if (!opened) return reply;
    const { article, settings } = opened;
    const item = await loadLiveItem(db, article, Number(id));
    if (!item) return reply.callNotFound();
    const context = liveContextFor(article, settings);
    return sendCachedBody(services, request, reply, {
      contentType: 'text/html; charset=utf-8',
      body: renderLiveUpdatePage({ settings, baseUrl, article, item, context }),
      surrogateKeys: [`live:${article.id}`, `article:${article.id}`],
      generation,
      maxAgeSeconds: 60,
    });
  });

  for (const format of feedFormats) {
    app.get(`/:slug/updates/${format.path}`, async (request, reply) => {
      const generation = services.pageCache.generation();
      const opened = await open(request, reply, `updates/${format.path}`);
      if (!opened) return reply;
      const { article, feed, settings } = opened;
      const document = buildLiveUpdatesFeed({ settings, baseUrl, article, feed });
      return sendCachedBody(services, request, reply, {
        contentType: format.contentType,
        body: format.render(document),
        surrogateKeys: [`live:${article.id}`, `article:${article.id}`],
        generation,
        maxAgeSeconds: 30,
      });
    });
  }

  return hub;
}
