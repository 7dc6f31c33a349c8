import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../platform/http/staff-access.js';
import type { AppServices } from '../platform/app-services.js';
import { AppError, forbidden, notFound } from '../platform/errors.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { articleDepsFor, commitContentChange, type ContentRouteOptions } from './article-deps.js';
import { presentAdminArticle } from './article.presenter.js';
import { findEditors, leavePresence, touchPresence } from './article-presence.repository.js';
import { listRevisions } from './article.repository.js';
import * as articleService from './article.service.js';
import { canEditArticle, hasRole } from './article.policy.js';

const restoreBody = z.object({ version: z.number().int().positive() }).strict();

/** The parts of a saved revision that a restore brings back (status and dates stay as they are). */
const revisionSnapshot = z.object({
  title: z.string(),
  excerpt: z.string().optional(),
  doc: z.unknown(),
  language: z.string().optional(),
  featured_image_url: z.string().nullable().optional(),
  featured_image_alt: z.string().optional(),
  featured_image_caption: z.string().optional(),
  authors: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
});

/**
 * Routes the editor uses besides plain CRUD: presence ("who is editing"), one revision, and
 * restoring a revision (saved as a new revision, guarded by the version like any save).
 */
export function registerArticleEditingRoutes(
  app: FastifyInstance,
  services: AppServices,
  options: ContentRouteOptions,
): void {
  const { db } = services.database;

  async function openArticle(id: string) {
    return articleService.getArticle(db, parseId(id, 'Article'));
  }

  app.post('/api/admin/articles/:id/presence', async (request, reply) => {
    const actor = requireActor(request);
    const found = await openArticle((request.params as { id: string }).id);
    if (actor.userId === null) return reply.status(204).send(); // API tokens have no name to show
    await touchPresence(db, found.article.id, actor.userId, services.now());
    const editors = await findEditors(db, [found.article.id], services.now());
    return { editing: editors.get(found.article.id) ?? [] };
  });

  app.delete('/api/admin/articles/:id/presence', async (request, reply) => {
    const actor = requireActor(request);
    const id = parseId((request.params as { id: string }).id, 'Article');
    if (actor.userId !== null) await leavePresence(db, id, actor.userId);
    return reply.status(204).send();
  });

  app.get('/api/admin/articles/:id/revisions/:revisionId', async (request) => {
    const actor = requireActor(request);
    const params = request.params as { id: string; revisionId: string };
    const found = await openArticle(params.id);
    if (!canEditArticle(actor, found.article) && !hasRole(actor, 'editor'))
      throw forbidden('You can only see the history of your own articles.');
    const revisionId = parseId(params.revisionId, 'Revision');
    const revision = (await listRevisions(db, found.article.id)).find((r) => r.id === revisionId);
    if (!revision) throw notFound('Revision');
    return {
      revision: {
        id: revision.id,
        version: revision.version,
        created_at: revision.created_at,
        created_by: revision.created_by,
        snapshot: JSON.parse(revision.snapshot) as unknown,
      },
    };
  });

  app.post('/api/admin/articles/:id/revisions/:revisionId/restore', async (request) => {
    const actor = requireActor(request);
    const params = request.params as { id: string; revisionId: string };
    const id = parseId(params.id, 'Article');
    const revisionId = parseId(params.revisionId, 'Revision');
    const body = parseInput(restoreBody, request.body);
    const revision = (await listRevisions(db, id)).find((r) => r.id === revisionId);
    if (!revision) throw notFound('Revision');
    const parsed = revisionSnapshot.safeParse(JSON.parse(revision.snapshot));
    if (!parsed.success)
      throw new AppError(422, 'revision_unreadable', 'This revision cannot be restored.');
    const snapshot = parsed.data;
    const deps = await articleDepsFor(services, options);
    const change = await commitContentChange(services, (tx) =>
      articleService.updateArticle(
        tx,
        deps,
        id,
        {
          version: body.version,
          title: snapshot.title,
          excerpt: snapshot.excerpt,
          doc: snapshot.doc,
          language: snapshot.language,
          featured_image_url: snapshot.featured_image_url,
          featured_image_alt: snapshot.featured_image_alt,
          featured_image_caption: snapshot.featured_image_caption,
          authors: snapshot.authors,
          tags: snapshot.tags,
        },
        actor,
      ),
    );
    return { article: presentAdminArticle(change, services.config.baseUrl) };
  });
}
