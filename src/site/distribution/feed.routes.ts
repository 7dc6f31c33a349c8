import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppServices } from '../../platform/app-services.js';
import { renderAtomFeed } from './atom-feed.js';
import { sendCachedBody } from './cached-reply.js';
import { buildFeed, type Feed } from './feed-model.js';
import { type FeedScope, findFeedScope, loadFeedArticles } from './feed.queries.js';
import { renderJsonFeed } from './json-feed.js';
import { renderRssFeed } from './rss-feed.js';

/** The three feed formats: where each lives under a scope, its media type, its writer. */
export const feedFormats = [
  { path: 'rss/', contentType: 'application/rss+xml; charset=utf-8', render: renderRssFeed },
  { path: 'atom.xml', contentType: 'application/atom+xml; charset=utf-8', render: renderAtomFeed },
  {
    path: 'feed.json',
    contentType: 'application/feed+json; charset=utf-8',
    render: renderJsonFeed,
  },
] as const satisfies ReadonlyArray<{
  path: string;
  contentType: string;
  render: (feed: Feed) => string;
}>;

const slugPattern = /^[a-z0-9-]{1,120}$/;

/** Site, tag and author feeds in RSS 2.0, Atom 1.0 and JSON Feed 1.1, cached like pages. */
export function registerFeedRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const { baseUrl } = services.config;

  async function sendFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    format: (typeof feedFormats)[number],
    findScope: () => Promise<FeedScope | undefined>,
  ) {
    const generation = services.pageCache.generation();
    const scope = await findScope();
    if (!scope) return reply.callNotFound();
    const settings = await services.settings.get();
    const articles = await loadFeedArticles(db, scope, {
      withBodies: settings.feedContent === 'full',
    });
    const feed = await buildFeed(db, { settings, baseUrl, scope, articles, now: services.now() });
    return sendCachedBody(services, request, reply, {
      contentType: format.contentType,
      body: format.render(feed),
      surrogateKeys: [
        'feeds',
        ...(scope.kind === 'site' ? [] : [`${scope.kind}:${scope.subject.id}`]),
        ...articles.map((article) => `article:${article.id}`),
      ],
      generation,
    });
  }

  for (const format of feedFormats) {
    app.get(`/${format.path}`, (request, reply) =>
      sendFeed(request, reply, format, async () => ({ kind: 'site' })),
    );
    for (const kind of ['tag', 'author'] as const) {
      app.get(`/${kind}/:slug/${format.path}`, (request, reply) => {
        const { slug } = request.params as { slug: string };
        return sendFeed(request, reply, format, async () =>
          slugPattern.test(slug) ? findFeedScope(db, kind, slug) : undefined,
        );
      });
    }
  }
}
