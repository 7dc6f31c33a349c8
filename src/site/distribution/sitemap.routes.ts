import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppServices } from '../../platform/app-services.js';
import { sendCachedBody } from './cached-reply.js';
import {
  renderArticleSitemap,
  renderNewsSitemap,
  renderPagesSitemap,
  renderSitemapIndex,
} from './sitemap-xml.js';
import {
  countSitemapArticles,
  findNewestPublication,
  findSitemapPageStart,
  listRecentNewsArticles,
  streamListingSlugs,
  streamSitemapArticles,
} from './sitemap.queries.js';

export interface SitemapOptions {
  /** URLs per article sitemap page; the protocol's maximum is 50,000 (tests use a few). */
  pageSize?: number;
  /** Rows per database query while streaming a page. */
  batchSize?: number;
}

/** The protocol's limit of URLs per sitemap file. */
export const maxUrlsPerSitemap = 50_000;
/** Google News takes at most 1,000 URLs, published in the last two days. */
export const newsSitemapLimit = 1000;
const newsWindowMs = 48 * 3600_000;

const xmlType = 'application/xml; charset=utf-8';
// Crawlers fetch sitemaps rarely; a CDN may keep them a few minutes.
const streamedCacheControl = 'public, max-age=300, stale-while-revalidate=600';

function sendXmlStream(reply: FastifyReply, chunks: AsyncGenerator<string>) {
  return reply
    .header('content-type', xmlType)
    .header('cache-control', streamedCacheControl)
    .send(Readable.from(chunks));
}

/** Sitemap index, paged article sitemaps, the pages sitemap, the News sitemap and robots.txt. */
export function registerSitemapRoutes(
  app: FastifyInstance,
  services: AppServices,
  options: SitemapOptions = {},
): void {
  const { db } = services.database;
  const { baseUrl } = services.config;
  const pageSize = Math.min(options.pageSize ?? maxUrlsPerSitemap, maxUrlsPerSitemap);
  const batchSize = options.batchSize ?? 1000;

  app.get('/robots.txt', async (_request, reply) =>
    reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        [
          'User-agent: *',
          'Disallow: /admin/',
          'Disallow: /api/admin/',
          '',
          `Sitemap: ${baseUrl}/sitemap.xml`,
          `Sitemap: ${baseUrl}/sitemap-news.xml`,
          '',
        ].join('\n'),
      ),
  );

  app.get('/sitemap.xml', async (request, reply) => {
    const generation = services.pageCache.generation();
    const count = await countSitemapArticles(db);
    // An empty urlset does not validate (the schema wants one <url> at least): no articles, no pages.
    const pages = Math.ceil(count / pageSize);
    const locations = [
      `${baseUrl}/sitemaps/pages.xml`,
      ...Array.from({ length: pages }, (_, i) => `${baseUrl}/sitemaps/articles-${i + 1}.xml`),
    ];
    return sendCachedBody(services, request, reply, {
      contentType: xmlType,
      body: renderSitemapIndex(locations),
      surrogateKeys: ['sitemap'],
      generation,
      maxAgeSeconds: 300,
    });
  });

  app.get('/sitemaps/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    if (file === 'pages.xml') {
      const newest = await findNewestPublication(db);
      // Home + tags + authors, capped at the protocol's limit for one file.
      const tagLimit = Math.floor((maxUrlsPerSitemap - 1) / 2);
      return sendXmlStream(
        reply,
        renderPagesSitemap(baseUrl, newest, [
          { kind: 'tag', slugs: streamListingSlugs(db, 'tag', tagLimit, batchSize) },
          {
            kind: 'author',
            slugs: streamListingSlugs(db, 'author', maxUrlsPerSitemap - 1 - tagLimit, batchSize),
          },
        ]),
      );
    }
    const match = /^articles-([1-9]\d{0,6})\.xml$/.exec(file);
    if (!match) return reply.callNotFound();
    const page = Number(match[1]);
    const start = await findSitemapPageStart(db, page - 1, pageSize);
    if (start === undefined) return reply.callNotFound();
    return sendXmlStream(
      reply,
      renderArticleSitemap(baseUrl, streamSitemapArticles(db, start, pageSize, batchSize)),
    );
  });

  app.get('/sitemap-news.xml', async (_request, reply) => {
    const [settings, now] = [await services.settings.get(), services.now()];
    const rows = await listRecentNewsArticles(
      db,
      new Date(now.getTime() - newsWindowMs).toISOString(),
      now.toISOString(),
      newsSitemapLimit,
    );
    return sendXmlStream(
      reply,
      renderNewsSitemap(
        { baseUrl, publicationName: settings.name, timeZone: settings.timeZone },
        oneBatch(rows),
      ),
    );
  });
}

async function* oneBatch<T>(rows: T[]): AsyncGenerator<T[]> {
  yield rows;
}
