import type { Executor } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';

// Who is on a coverage's live desk, and who is typing: one row per (coverage, user), refreshed
// by the desk's heartbeat; in the database so every app node sees the same desk.

/** The desk sends a heartbeat about every 5 s; someone silent for longer than this has left. */
export const deskTimeoutMs = 20_000;
/** "X is typing" lasts this long after the last keystroke report. */
export const typingTimeoutMs = 8_000;

export interface DeskMember {
  user_id: number;
  name: string;
  typing: boolean;
}

export async function touchDesk(
  executor: Executor,
  articleId: number,
  userId: number,
  typing: boolean,
  now: Date,
): Promise<void> {
  const seenAt = nowIso(now);
  const typingAt = typing ? seenAt : null;
  await executor
    .insertInto('live_desk_presence')
    .values({ article_id: articleId, user_id: userId, seen_at: seenAt, typing_at: typingAt })
    .onConflict((oc) =>
      oc.columns(['article_id', 'user_id']).doUpdateSet({ seen_at: seenAt, typing_at: typingAt }),
    )
    .execute();
}

export async function leaveDesk(executor: Executor, articleId: number, userId: number) {
  await executor
    .deleteFrom('live_desk_presence')
    .where('article_id', '=', articleId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deskMembers(
  executor: Executor,
  articleId: number,
  now: Date,
): Promise<DeskMember[]> {
  const rows = await executor
    .selectFrom('live_desk_presence')
    .innerJoin('users', 'users.id', 'live_desk_presence.user_id')
    .select(['live_desk_presence.user_id', 'users.name', 'live_desk_presence.typing_at'])
    .where('live_desk_presence.article_id', '=', articleId)
    .where('live_desk_presence.seen_at', '>', nowIso(new Date(now.getTime() - deskTimeoutMs)))
    .orderBy('users.name')
    .execute();
  const typingSince = nowIso(new Date(now.getTime() - typingTimeoutMs));
  return rows.map((r) => ({
    user_id: r.user_id,
    name: r.name,
    typing: r.typing_at !== null && r.typing_at > typingSince,
  }));
}
