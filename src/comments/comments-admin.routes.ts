import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { requireRole, staffScope } from '../platform/http/staff-access.js';
import { parseId, parseInput } from '../platform/http/validate.js';
import { parseStoredBody, renderCommentBody } from './comment-body.js';
import { commentErrors } from './comment-errors.js';
import {
  type QueueRow,
  findArticleForComments,
  findComment,
  listModerationQueue,
} from './comment.repository.js';
import { approveComment, hideComment, setReaderBanned } from './comment.service.js';
import {
  commentModes,
  commentSettingsPatch,
  commentSettingsSchema,
  findArticleCommentMode,
  readCommentSettings,
  storeArticleCommentMode,
  storeCommentSettings,
} from './comment-settings.js';

// Admin API of the comments (inside staffScope: a staff session with its CSRF token, or an
// API token). Moderating readers' words is an editor's call: editors and admins act and read
// the queue; contributors and authors get 403 on every route. Settings are admin-only.

const queueQuery = z
  .object({ status: z.enum(['held', 'reported', 'hidden']).default('held') })
  .strict();
const articleModeBody = z.object({ mode: z.enum(commentModes).nullable() }).strict();
const banBody = z.object({ banned: z.boolean() }).strict();

function present(row: QueueRow) {
  return {
    id: row.id,
    article: { id: row.article_id, title: row.article_title, slug: row.article_slug },
    parentId: row.parent_id,
    memberId: row.member_id,
    author: row.author_name,
    text: row.body_text,
    // Escaped by the renderer: safe to show as HTML in the admin.
    html: renderCommentBody(parseStoredBody(row.body)).value,
    status: row.status,
    holdReason: row.hold_reason,
    reports: row.reports,
    readerBanned: row.reader_banned_at !== null,
    createdAt: row.created_at,
    editedAt: row.edited_at,
  };
}

export async function registerCommentAdminRoutes(
  app: FastifyInstance,
  services: AppServices,
  onSettingsChanged: () => Promise<void>,
): Promise<void> {
  const { db } = services.database;
  const deps = { now: services.now, events: services.events };
  await staffScope(app, (scope) => {
    scope.get('/api/admin/comments', async (request) => {
      requireRole(request, 'editor');
      const { status } = parseInput(queueQuery, request.query);
      const rows = await listModerationQueue(db, status);
      return { status, comments: rows.map(present) };
    });

    const moderate = (name: 'approve' | 'hide') =>
      scope.post(`/api/admin/comments/:id/${name}`, async (request) => {
        const actor = requireRole(request, 'editor');
        const id = parseId((request.params as { id: string }).id, 'Comment');
        const row = await db
          .transaction()
          .execute((trx) =>
            name === 'approve'
              ? approveComment(trx, deps, id, actor.userId)
              : hideComment(trx, deps, id, actor.userId),
          );
        return { comment: { id: row.id, status: row.status } };
      });
    moderate('approve');
    moderate('hide');

    scope.post('/api/admin/comments/:id/ban', async (request) => {
      const actor = requireRole(request, 'editor');
      const id = parseId((request.params as { id: string }).id, 'Comment');
      const { banned } = parseInput(banBody, request.body ?? { banned: true });
      const comment = await findComment(db, id);
      if (!comment) throw commentErrors.notFound();
      await db
        .transaction()
        .execute((trx) => setReaderBanned(trx, deps, comment.member_id, banned, actor.userId));
      return { memberId: comment.member_id, banned };
    });

    scope.get('/api/admin/comments/settings', async (request) => {
      requireRole(request, 'editor');
      return { settings: await readCommentSettings(db) };
    });

    scope.patch('/api/admin/comments/settings', async (request) => {
      requireRole(request, 'admin');
      const parsed = parseInput(commentSettingsPatch, request.body);
      // The schema's defaults fill absent fields: keep only the ones the caller sent.
      const sent = Object.keys((request.body ?? {}) as object);
      const patch = Object.fromEntries(Object.entries(parsed).filter(([k]) => sent.includes(k)));
      const next = commentSettingsSchema.parse({ ...(await readCommentSettings(db)), ...patch });
      await storeCommentSettings(db, next);
      await onSettingsChanged();
      return { settings: next };
    });

    scope.get('/api/admin/comments/articles/:id', async (request) => {
      requireRole(request, 'editor');
      const id = parseId((request.params as { id: string }).id, 'Article');
      if (!(await findArticleForComments(db, { id }))) throw commentErrors.notFound();
      return { articleId: id, mode: (await findArticleCommentMode(db, id)) ?? null };
    });

    scope.put('/api/admin/comments/articles/:id', async (request) => {
      requireRole(request, 'editor');
      const id = parseId((request.params as { id: string }).id, 'Article');
      const { mode } = parseInput(articleModeBody, request.body);
      if (!(await findArticleForComments(db, { id }))) throw commentErrors.notFound();
      await storeArticleCommentMode(db, id, mode, services.now());
      await onSettingsChanged();
      return { articleId: id, mode };
    });
  });
}
