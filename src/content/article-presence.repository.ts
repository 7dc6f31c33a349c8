import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';

/** The editor sends a heartbeat about every 15 s; someone silent for longer has left. */
export const presenceTimeoutMs = 45_000;

export interface Editor {
  user_id: number;
  name: string;
}

/** Records that `userId` has the article open now. */
export async function touchPresence(
  executor: Executor,
  articleId: number,
  userId: number,
  now: Date,
): Promise<void> {
  const seenAt = nowIso(now);
  await executor
    .insertInto('article_presence')
    .values({ article_id: articleId, user_id: userId, seen_at: seenAt })
    .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet({ seen_at: seenAt }))
    .execute();
}

/** Records that `userId` closed the editor on the article. */
export async function leavePresence(
  executor: Executor,
  articleId: number,
  userId: number,
): Promise<void> {
  await executor
    .deleteFrom('article_presence')
    .where('article_id', '=', articleId)
    .where('user_id', '=', userId)
    .execute();
}

/** Who has each of these articles open (heartbeat within the timeout), by article id. */
export async function findEditors(
  executor: Executor,
  articleIds: number[],
  now: Date,
): Promise<Map<number, Editor[]>> {
  const byArticle = new Map<number, Editor[]>();
  if (articleIds.length === 0) return byArticle;
  const rows = await executor
    .selectFrom('article_presence')
    .innerJoin('users', 'users.id', 'article_presence.user_id')
    .select(['article_presence.article_id', 'article_presence.user_id', 'users.name'])
    .where('article_presence.article_id', 'in', articleIds)
    .where('article_presence.seen_at', '>', nowIso(new Date(now.getTime() - presenceTimeoutMs)))
    .orderBy('users.name')
    .execute();
  for (const row of rows) {
    const list = byArticle.get(row.article_id) ?? [];
    list.push({ user_id: row.user_id, name: row.name });
    byArticle.set(row.article_id, list);
  }
  return byArticle;
}
