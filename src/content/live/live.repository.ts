import type { Executor } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { LiveCoverageRow, LiveUpdateRow, LiveUpdateStatus } from './live.table.js';

// Queries for live coverage; the executor (db or transaction) comes first.

export interface LiveUpdateAuthor {
  id: number;
  name: string;
  slug: string;
}

export interface LiveUpdateWithAuthors extends LiveUpdateRow {
  authors: LiveUpdateAuthor[];
  created_by_name: string | null;
}

export function findCoverage(
  executor: Executor,
  articleId: number,
): Promise<LiveCoverageRow | undefined> {
  return executor
    .selectFrom('live_coverages')
    .selectAll()
    .where('article_id', '=', articleId)
    .executeTakeFirst();
}

/** The coverages of these articles, by article id (for lists: the admin's, the home page's). */
export async function findCoverages(
  executor: Executor,
  articleIds: number[],
): Promise<Map<number, LiveCoverageRow>> {
  if (articleIds.length === 0) return new Map();
  const rows = await executor
    .selectFrom('live_coverages')
    .selectAll()
    .where('article_id', 'in', articleIds)
    .execute();
  return new Map(rows.map((r) => [r.article_id, r]));
}

export async function saveCoverage(executor: Executor, row: LiveCoverageRow): Promise<void> {
  await executor
    .insertInto('live_coverages')
    .values(row)
    .onConflict((oc) =>
      oc.column('article_id').doUpdateSet({
        started_at: row.started_at,
        ended_at: row.ended_at,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export function findUpdate(executor: Executor, id: number): Promise<LiveUpdateRow | undefined> {
  return executor.selectFrom('live_updates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Adds each update's byline and the name of the staff member who created it. */
export async function withAuthors(
  executor: Executor,
  rows: LiveUpdateRow[],
): Promise<LiveUpdateWithAuthors[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const bylines = await executor
    .selectFrom('live_update_authors')
    .innerJoin('authors', 'authors.id', 'live_update_authors.author_id')
    .select([
      'live_update_authors.update_id',
      'authors.id',
      'authors.name',
      'authors.slug',
      'live_update_authors.position',
    ])
    .where('live_update_authors.update_id', 'in', ids)
    .orderBy('live_update_authors.position')
    .execute();
  const userIds = [...new Set(rows.flatMap((r) => (r.created_by === null ? [] : [r.created_by])))];
  const users =
    userIds.length === 0
      ? []
      : await executor
          .selectFrom('users')
          .select(['id', 'name'])
          .where('id', 'in', userIds)
          .execute();
  const userNames = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((row) => ({
    ...row,
    authors: bylines
      .filter((b) => b.update_id === row.id)
      .map((b) => ({ id: b.id, name: b.name, slug: b.slug })),
    created_by_name: row.created_by === null ? null : (userNames.get(row.created_by) ?? null),
  }));
}

export interface FeedQuery {
  /** Only updates older than this one (by publication time, then id). */
  before?: LiveUpdateRow | undefined;
  limit: number;
  statuses: readonly LiveUpdateStatus[];
}

/** A coverage's updates newest first: published (and scheduled, for the desk), one page. */
export function listFeed(
  executor: Executor,
  articleId: number,
  query: FeedQuery,
): Promise<LiveUpdateRow[]> {
  let q = executor
    .selectFrom('live_updates')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('status', 'in', [...query.statuses]);
  const before = query.before;
  if (before?.published_at) {
    const at = before.published_at;
    q = q.where((eb) =>
      eb.or([
        eb('published_at', '<', at),
        eb.and([eb('published_at', '=', at), eb('id', '<', before.id)]),
      ]),
    );
  }
  return q.orderBy('published_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
}

/** The coverage's pinned, published updates (newest first). */
export function listPinned(executor: Executor, articleId: number): Promise<LiveUpdateRow[]> {
  return executor
    .selectFrom('live_updates')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('status', '=', 'published')
    .where('pinned', '=', 1)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(10)
    .execute();
}

/** The coverage's published key events, newest first. */
export function listKeyEvents(
  executor: Executor,
  articleId: number,
  limit = 20,
): Promise<LiveUpdateRow[]> {
  return executor
    .selectFrom('live_updates')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('status', '=', 'published')
    .where('key_event', '=', 1)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** One staff member's drafts on a coverage (the desk's compose box), newest first. */
export function listDrafts(
  executor: Executor,
  articleId: number,
  userId: number,
): Promise<LiveUpdateRow[]> {
  return executor
    .selectFrom('live_updates')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('status', '=', 'draft')
    .where('created_by', '=', userId)
    .orderBy('updated_at', 'desc')
    .limit(20)
    .execute();
}

/** Scheduled updates whose time has come. */
export function findDueUpdates(executor: Executor, now: string): Promise<LiveUpdateRow[]> {
  return executor
    .selectFrom('live_updates')
    .selectAll()
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now)
    .orderBy('published_at')
    .limit(500)
    .execute();
}

export async function setUpdateAuthors(
  executor: Executor,
  updateId: number,
  authorIds: number[],
): Promise<void> {
  await executor.deleteFrom('live_update_authors').where('update_id', '=', updateId).execute();
  if (authorIds.length === 0) return;
  await executor
    .insertInto('live_update_authors')
    .values(authorIds.map((author_id, position) => ({ update_id: updateId, author_id, position })))
    .execute();
}

export async function addRevision(
  executor: Executor,
  update: LiveUpdateWithAuthors,
  userId: number | null,
  now: Date,
): Promise<void> {
  const snapshot = {
    status: update.status,
    headline: update.headline,
    doc: JSON.parse(update.doc) as unknown,
    key_event: update.key_event === 1,
    pinned: update.pinned === 1,
    push: update.push === 1,
    correction: update.correction,
    published_at: update.published_at,
    authors: update.authors.map((a) => a.name),
  };
  await executor
    .insertInto('live_update_revisions')
    .values({
      update_id: update.id,
      version: update.version,
      snapshot: JSON.stringify(snapshot),
      created_by: userId,
      created_at: nowIso(now),
    })
    .execute();
}

export function listRevisions(executor: Executor, updateId: number) {
  return executor
    .selectFrom('live_update_revisions')
    .leftJoin('users', 'users.id', 'live_update_revisions.created_by')
    .select([
      'live_update_revisions.version',
      'live_update_revisions.snapshot',
      'live_update_revisions.created_at',
      'users.name as created_by_name',
    ])
    .where('live_update_revisions.update_id', '=', updateId)
    .orderBy('live_update_revisions.version', 'desc')
    .execute();
}
