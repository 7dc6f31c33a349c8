import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { articleDepsFor, commitContentChange, type ContentRouteOptions } from './article-deps.js';
import { findEditors } from './article-presence.repository.js';
import { findCoverage, findCoverages } from './live/live.repository.js';
import { coverageState } from './live/live.service.js';
import { linkTranslation } from './article-translation.service.js';
import { articleCreateSchema, articleUpdateSchema } from './article.input.js';
import { presentAdminArticle } from './article.presenter.js';
import { adminSortFields, listArticlesForAdmin } from './article-listing.repository.js';
import { listRevisions } from './article.repository.js';
import * as articleService from './article.service.js';
import * as articleWorkflow from './article-workflow.service.js';
import { canEditArticle, hasRole } from './article.policy.js';
import { findAuthorsForArticles } from './author.repository.js';
import { articleStatuses } from './content.table.js';
import { findTagsForArticles } from './tag.repository.js';
import { findAuthorBySlug } from './author.repository.js';
import { findTagBySlug } from './tag.repository.js';
import { forbidden } from '../platform/errors.js';

const listQuery = z.object({
  status: z.enum(articleStatuses).optional(),
  author: z.string().max(120).optional(),
  tag: z.string().max(120).optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(Object.keys(adminSortFields) as [keyof typeof adminSortFields]).default('updated'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

const scheduleBody = z
  .object({ published_at: z.string().min(1, 'a publication date and time is required') })
  .strict();
const publishBody = z.object({ published_at: z.string().optional() }).strict();

/** Admin article routes: thin — authenticate → validate → transaction → service → present. */
export function registerArticleRoutes(
  app: FastifyInstance,
  services: AppServices,
  options: ContentRouteOptions,
): void {
  const { db } = services.database;
  const baseUrl = services.config.baseUrl;

  app.get('/api/admin/articles', async (request) => {
    const actor = requireActor(request);
    const query = parseInput(listQuery, request.query);
    const ownOnly = !hasRole(actor, 'editor') && actor.role === 'contributor';
    const author = query.author ? await findAuthorBySlug(db, query.author) : undefined;
    const tag = query.tag ? await findTagBySlug(db, query.tag) : undefined;
    if ((query.author && !author) || (query.tag && !tag))
      return { articles: [], total: 0, page: query.page, limit: query.limit };
    const { rows, total } = await listArticlesForAdmin(db, {
      status: query.status,
      authorId: author?.id,
      tagId: tag?.id,
      createdBy: ownOnly && actor.userId !== null ? actor.userId : undefined,
      createdByToken: ownOnly && actor.tokenId !== null ? actor.tokenId : undefined,
      titleContains: query.q,
      sort: query.sort,
      order: query.order,
      limit: query.limit,
      offset: (query.page - 1) * query.limit,
    });
    const ids = rows.map((r) => r.id);
    const [authors, tags, editors, coverages] = await Promise.all([
      findAuthorsForArticles(db, ids),
      findTagsForArticles(db, ids),
      findEditors(db, ids, services.now()),
      findCoverages(db, ids),
    ]);
    return {
      articles: rows.map((row) => ({
        ...row,
        authors: (authors.get(row.id) ?? []).map((a) => ({
          id: a.id,
          name: a.name,
          slug: a.slug,
          kind: a.kind,
        })),
        tags: (tags.get(row.id) ?? []).map((t) => ({ id: t.id, name: t.name, slug: t.slug })),
        url: `${baseUrl}/${row.slug}/`,
        editing: editors.get(row.id) ?? [],
        live: coverageState(coverages.get(row.id)),
      })),
      total,
      page: query.page,
      limit: query.limit,
    };
  });

  app.post('/api/admin/articles', async (request, reply) => {
    const actor = requireActor(request);
    const input = parseInput(articleCreateSchema, request.body);
    const deps = await articleDepsFor(services, options);
    const change = await commitContentChange(services, (tx) =>
      articleService.createArticle(tx, deps, input, actor),
    );
    return reply.status(201).send({ article: presentAdminArticle(change, baseUrl) });
  });

  app.get('/api/admin/articles/:id', async (request) => {
    const actor = requireActor(request);
    const found = await articleService.getArticle(
      db,
      parseId((request.params as { id: string }).id, 'Article'),
    );
    if (
      actor.role === 'contributor' &&
      !canEditArticle(actor, found.article) &&
      found.article.status !== 'published'
    ) {
      throw forbidden('You can only open your own drafts.');
    }
    const [editors, coverage] = await Promise.all([
      findEditors(db, [found.article.id], services.now()),
      findCoverage(db, found.article.id),
    ]);
    return {
      article: {
        ...presentAdminArticle(found, baseUrl),
        editing: editors.get(found.article.id) ?? [],
        live: coverageState(coverage),
      },
    };
  });

  app.patch('/api/admin/articles/:id', async (request) => {
    const actor = requireActor(request);
    const id = parseId((request.params as { id: string }).id, 'Article');
    const input = parseInput(articleUpdateSchema, request.body);
    const deps = await articleDepsFor(services, options);
    const change = await commitContentChange(services, async (tx) => {
      const result = await articleService.updateArticle(tx, deps, id, input, actor);
      if (input.translation_of === undefined) return result;
      const keys = await linkTranslation(tx, services.events, id, input.translation_of, actor);
      return { ...result, purgeKeys: [...new Set([...result.purgeKeys, ...keys])] };
    });
    return { article: presentAdminArticle(change, baseUrl) };
  });

  app.delete('/api/admin/articles/:id', async (request, reply) => {
    const actor = requireActor(request);
    const id = parseId((request.params as { id: string }).id, 'Article');
    await commitContentChange(services, async (tx) => ({
      purgeKeys: await articleService.removeArticle(tx, services.events, id, actor),
    }));
    return reply.status(204).send();
  });

  app.post('/api/admin/articles/:id/publish', async (request) => {
    const actor = requireActor(request);
    const id = parseId((request.params as { id: string }).id, 'Article');
    const body = parseInput(publishBody, request.body);
    const deps = await articleDepsFor(services, options);
    const change = await commitContentChange(services, (tx) =>
      articleWorkflow.publishArticle(tx, deps, id, actor, body.published_at),
    );
    return { article: presentAdminArticle(change, baseUrl) };
  });

  app.post('/api/admin/articles/:id/unpublish', async (request) => {
    const actor = requireActor(request);
    const id = parseId((request.params as { id: string }).id, 'Article');
    const deps = await articleDepsFor(services, options);
    const change = await commitContentChange(services, (tx) =>
      articleWorkflow.unpublishArticle(tx, deps, id, actor),
    );
    return { article: presentAdminArticle(change, baseUrl) };
  });

  app.post('/api/admin/articles/:id/schedule', async (request) => {
    const actor = requireActor(request);
    const id = parseId((request.params as { id: string }).id, 'Article');
    const body = parseInput(scheduleBody, request.body);
    const deps = await articleDepsFor(services, options);
    const change = await commitContentChange(services, (tx) =>
      articleWorkflow.scheduleArticle(tx, deps, id, actor, body.published_at),
    );
    return { article: presentAdminArticle(change, baseUrl) };
  });

  app.get('/api/admin/articles/:id/revisions', async (request) => {
    const actor = requireActor(request);
    const found = await articleService.getArticle(
      db,
      parseId((request.params as { id: string }).id, 'Article'),
    );
    if (!canEditArticle(actor, found.article) && !hasRole(actor, 'editor'))
      throw forbidden('You can only see the history of your own articles.');
    const revisions = await listRevisions(db, found.article.id);
    return {
      revisions: revisions.map((r) => ({
        id: r.id,
        version: r.version,
        created_at: r.created_at,
        created_by: r.created_by,
        snapshot: JSON.parse(r.snapshot) as unknown,
      })),
    };
  });
}
