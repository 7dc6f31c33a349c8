import type { Selectable } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type {
  CommentReaderTable,
  CommentStatus,
  CommentTable,
  HoldReason,
} from './comments.table.js';

// Queries of member comments. The db or a transaction comes first (STYLE.md §3).

export type CommentRow = Selectable<CommentTable>;
export type CommentReaderRow = Selectable<CommentReaderTable>;

/** What the comments need of an article (read from the content tables, never written). */
export interface CommentableArticle {
  id: number;
  slug: string;
  title: string;
  language: string;
  status: string;
}

export function findArticleForComments(
  executor: Executor,
  by: { id: number } | { slug: string },
): Promise<CommentableArticle | undefined> {
  const query = executor
    .selectFrom('articles')
    .select(['id', 'slug', 'title', 'language', 'status']);
  return (
    'id' in by ? query.where('id', '=', by.id) : query.where('slug', '=', by.slug)
  ).executeTakeFirst();
}

export function findCommentReader(
  executor: Executor,
  memberId: number,
): Promise<CommentReaderRow | undefined> {
  return executor
    .selectFrom('comment_readers')
    .selectAll()
    .where('member_id', '=', memberId)
    .executeTakeFirst();
}

export async function insertCommentReader(
  executor: Executor,
  row: { member_id: number; display_name: string; unsubscribe_hash: string; now: string },
): Promise<void> {
  const { now, ...values } = row;
  await executor
    .insertInto('comment_readers')
    .values({ ...values, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('member_id').doNothing())
    .execute();
}

export async function updateCommentReader(
  executor: Executor,
  memberId: number,
  patch: Partial<Pick<CommentReaderRow, 'display_name' | 'trusted_at' | 'banned_at'>> & {
    notify_replies?: number;
  },
  now: string,
): Promise<void> {
  await executor
    .updateTable('comment_readers')
    .set({ ...patch, updated_at: now })
    .where('member_id', '=', memberId)
    .execute();
}

/** Turns reply emails off for the holder of this opt-out secret; false when none matches. */
export async function optOutByHash(executor: Executor, hash: string, now: string) {
  const result = await executor
    .updateTable('comment_readers')
    .set({ notify_replies: 0, updated_at: now })
    .where('unsubscribe_hash', '=', hash)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function insertComment(
  executor: Executor,
  row: Omit<CommentRow, 'id' | 'reports' | 'edited_at' | 'moderated_at' | 'moderated_by'>,
): Promise<CommentRow> {
  return executor.insertInto('comments').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findComment(executor: Executor, id: number): Promise<CommentRow | undefined> {
  return executor.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateCommentBody(
  executor: Executor,
  id: number,
  body: { body: string; body_text: string; status: CommentStatus; hold_reason: HoldReason | null },
  now: string,
): Promise<void> {
  await executor
    .updateTable('comments')
    .set({ ...body, edited_at: now })
    .where('id', '=', id)
    .execute();
}

export async function setCommentStatus(
  executor: Executor,
  id: number,
  change: { status: CommentStatus; moderated_by?: number | null; now: string },
): Promise<void> {
  await executor
    .updateTable('comments')
    .set({
      status: change.status,
      ...(change.status === 'published' ? { hold_reason: null } : {}),
      ...(change.moderated_by !== undefined
        ? { moderated_by: change.moderated_by, moderated_at: change.now }
        : {}),
    })
    .where('id', '=', id)
    .execute();
}

/** Records one reader's report (once per reader); returns the comment's report count. */
export async function addReport(
  executor: Executor,
  commentId: number,
  memberId: number,
  now: string,
): Promise<number> {
  const inserted = await executor
    .insertInto('comment_reports')
    .values({ comment_id: commentId, member_id: memberId, created_at: now })
    .onConflict((oc) => oc.columns(['comment_id', 'member_id']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0)
    await executor
      .updateTable('comments')
      .set((eb) => ({ reports: eb('reports', '+', 1) }))
      .where('id', '=', commentId)
      .execute();
  const row = await executor
    .selectFrom('comments')
    .select('reports')
    .where('id', '=', commentId)
    .executeTakeFirstOrThrow();
  return row.reports;
}

/**
 * An article's comments as a reader sees them, oldest first: the published ones, the deleted
 * or hidden ones that still have published replies (shown as placeholders), and the reader's
 * own held comments.
 */
export async function listArticleComments(
  executor: Executor,
  articleId: number,
  viewerMemberId: number | undefined,
  limit = 2000,
): Promise<CommentRow[]> {
  return executor
    .selectFrom('comments')
    .selectAll()
    .where('article_id', '=', articleId)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'published'),
        ...(viewerMemberId !== undefined
          ? [eb.and([eb('status', '=', 'held'), eb('member_id', '=', viewerMemberId)])]
          : []),
        eb.and([
          eb('status', 'in', ['deleted', 'hidden']),
          eb('parent_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('comments as reply')
              .select('reply.id')
              .whereRef('reply.parent_id', '=', 'comments.id')
              .where('reply.status', '=', 'published'),
          ),
        ]),
      ]),
    )
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();
}

/** Published comments per article, for the counts endpoint. */
export async function countPublishedComments(
  executor: Executor,
  articleIds: number[],
): Promise<Map<number, number>> {
  if (articleIds.length === 0) return new Map();
  const rows = await executor
    .selectFrom('comments')
    .select(['article_id', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('article_id', 'in', articleIds)
    .where('status', '=', 'published')
    .groupBy('article_id')
    .execute();
  return new Map(rows.map((row) => [row.article_id, Number(row.n)]));
}

export interface QueueRow extends CommentRow {
  article_title: string;
  article_slug: string;
  reader_banned_at: string | null;
}

/** The staff queue: held comments, or reported ones still shown, oldest first. */
export async function listModerationQueue(
  executor: Executor,
  filter: 'held' | 'reported' | 'hidden',
  limit = 100,
): Promise<QueueRow[]> {
  let query = executor
    .selectFrom('comments')
    .innerJoin('articles', 'articles.id', 'comments.article_id')
    .leftJoin('comment_readers', 'comment_readers.member_id', 'comments.member_id')
    .selectAll('comments')
    .select([
      'articles.title as article_title',
      'articles.slug as article_slug',
      'comment_readers.banned_at as reader_banned_at',
    ]);
  if (filter === 'held') query = query.where('comments.status', '=', 'held');
  else if (filter === 'hidden') query = query.where('comments.status', '=', 'hidden');
  else query = query.where('comments.status', '=', 'published').where('comments.reports', '>', 0);
  return query.orderBy('comments.id', 'asc').limit(limit).execute();
}
