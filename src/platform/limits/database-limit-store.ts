import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { RateLimitStore } from './rate-limits.js';
import './rate-limit.table.js';

/**
 * Counts in the `rate_limit_hits` table, the default store: every node already shares the
 * database. One upsert per hit is atomic on both dialects (PostgreSQL locks the row on
 * conflict; SQLite runs the statement under its write lock), so concurrent hits from any
 * number of processes never lose a count. Ended windows are pruned at most once a minute.
 */
export function createDatabaseLimitStore(
  db: Db,
  options: { pruneEveryMs?: number; onError?: (error: unknown) => void } = {},
): RateLimitStore & { prune(now: number): Promise<number> } {
  const pruneEveryMs = options.pruneEveryMs ?? 60_000;
  let lastPrune = 0;
  let pruning: Promise<unknown> | undefined;

  async function prune(now: number): Promise<number> {
    const result = await db
      .deleteFrom('rate_limit_hits')
      .where('window_ends_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  return {
    async hit(key, windowMs, now) {
      const ended = sql<boolean>`${sql.ref('rate_limit_hits.window_ends_at')} <= ${now}`;
      const row = await db
        .insertInto('rate_limit_hits')
        .values({ key, count: 1, window_ends_at: now + windowMs })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({
            count: sql<number>`case when ${ended} then 1 else ${sql.ref('rate_limit_hits.count')} + 1 end`,
            window_ends_at: sql<number>`case when ${ended} then ${sql.ref('excluded.window_ends_at')} else ${sql.ref('rate_limit_hits.window_ends_at')} end`,
          }),
        )
        .returning(['count', 'window_ends_at'])
        .executeTakeFirstOrThrow();
      if (!pruning && now - lastPrune >= pruneEveryMs) {
        lastPrune = now;
        // In the background: the request that happens to trigger it does not wait.
        pruning = prune(now)
          .catch((error: unknown) => options.onError?.(error))
          .finally(() => (pruning = undefined));
      }
      return { count: Number(row.count), resetAt: Number(row.window_ends_at) };
    },
    async peek(key, now) {
      const row = await db
        .selectFrom('rate_limit_hits')
        .select(['count', 'window_ends_at'])
        .where('key', '=', key)
        .where('window_ends_at', '>', now)
        .executeTakeFirst();
      return row && { count: Number(row.count), resetAt: Number(row.window_ends_at) };
    },
    async reset(key) {
      await db.deleteFrom('rate_limit_hits').where('key', '=', key).execute();
    },
    async close() {
      await pruning;
    },
    prune,
  };
}
