import { openDocJson } from '../content/access/preview-cut.js';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { notFound } from '../platform/errors.js';
import { parseInput } from '../platform/http/validate.js';
import { renderArticleBody } from './article-body.js';
import { articleUrl, presentAuthor, presentTag } from '../content/article.presenter.js';
import {
  countPublishedArticles,
  listPublishedArticles,
} from '../content/article-listing.repository.js';
import { findArticleBySlug } from '../content/article.repository.js';
import { findAuthorBySlug, findAuthorsForArticles } from '../content/author.repository.js';
import { findTagBySlug, findTagsForArticles } from '../content/tag.repository.js';

const listQuery = z.object({
  tag: z.string().max(120).optional(),
  author: z.string().max(120).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(50).default(15),
});

/** The public read API: published articles only, never private fields. */
export function registerContentApiRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services.database;
  const baseUrl = services.config.baseUrl;

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/content/')) {
      void reply.header('access-control-allow-origin', '*');
      void reply.header('cache-control', 'public, max-age=60, stale-while-revalidate=600');
    }
    return payload;
  });

  app.get('/api/content/articles', async (request) => {
    const query = parseInput(listQuery, request.query);
    const tag = query.tag ? await findTagBySlug(db, query.tag) : undefined;
    const author = query.author ? await findAuthorBySlug(db, query.author) : undefined;
    if ((query.tag && !tag) || (query.author && !author))
      return { articles: [], total: 0, page: query.page, limit: query.limit };
    const filter = { tagId: tag?.id, authorId: author?.id };
    const [rows, total] = await Promise.all([
      listPublishedArticles(db, {
        ...filter,
        limit: query.limit,
        offset: (query.page - 1) * query.limit,
      }),
      countPublishedArticles(db, filter),
    ]);
    const ids = rows.map((r) => r.id);
    const [authors, tags] = await Promise.all([
      findAuthorsForArticles(db, ids),
      findTagsForArticles(db, ids),
    ]);
    return {
      articles: rows.map((row) => ({
        title: row.title,
        slug: row.slug,
        url: articleUrl(baseUrl, row.slug),
        excerpt: row.excerpt,
        published_at: row.published_at,
        updated_at: row.updated_at,
        reading_minutes: row.reading_minutes,
        language: row.language,
        featured_image: row.featured_image_url
          ? { url: row.featured_image_url, alt: row.featured_image_alt }
          : null,
        authors: (authors.get(row.id) ?? []).map(presentAuthor),
        tags: (tags.get(row.id) ?? []).map(presentTag),
      })),
      total,
      page: query.page,
      limit: query.limit,
    };
  });

  app.get('/api/content/articles/:slug', async (request) => {
    const { slug } = request.params as { slug: string };
    const article = await findArticleBySlug(db, slug);
    if (!article || article.status !== 'published') throw notFound('Article');
    const [authors, tags, html] = await Promise.all([
      findAuthorsForArticles(db, [article.id]),
      findTagsForArticles(db, [article.id]),
      // The public API gives anyone what an anonymous reader gets: a gated body's preview.
      renderArticleBody(db, openDocJson(article), baseUrl),
    ]);
    return {
      article: {
        title: article.title,
        slug: article.slug,
        url: articleUrl(baseUrl, article.slug),
        excerpt: article.excerpt,
        html,
        access_level: article.access_level,
        is_accessible_for_free: article.access_level === 'public',
        published_at: article.published_at,
        updated_at: article.updated_at,
        reading_minutes: article.reading_minutes,
        language: article.language,
        featured_image: article.featured_image_url
          ? {
              url: article.featured_image_url,
              alt: article.featured_image_alt,
              caption: article.featured_image_caption,
            }
          : null,
        authors: (authors.get(article.id) ?? []).map(presentAuthor),
        tags: (tags.get(article.id) ?? []).map(presentTag),
      },
    };
  });
}
