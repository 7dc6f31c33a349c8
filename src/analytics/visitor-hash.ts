import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../platform/db/database.js';

// Visitors are counted without cookies (as Plausible does): a hash of the day's random salt,
// the site, the reader's address and user agent. The salt is shared by every process and node
// (one row per UTC day) and deleted once its day has passed, so yesterday's hashes can no longer
// be recomputed from an address: a visitor is "the same" only within one day. The address itself
// is never stored.

export interface VisitorHasher {
  hash(input: { ip: string; userAgent: string; at: Date }): Promise<string>;
}

export function createVisitorHasher(db: Executor, site: string): VisitorHasher {
  const salts = new Map<string, Promise<string>>();

  async function loadSalt(day: string): Promise<string> {
    await db
      .insertInto('analytics_salts')
      .values({ day, salt: randomBytes(32).toString('hex') })
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
    const row = await db
      .selectFrom('analytics_salts')
      .select('salt')
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    return row.salt;
  }

  function saltFor(day: string): Promise<string> {
    let salt = salts.get(day);
    if (!salt) {
      salt = loadSalt(day);
      salt.catch(() => salts.delete(day));
      salts.clear(); // only today's is kept in memory
      salts.set(day, salt);
    }
    return salt;
  }

  return {
    async hash({ ip, userAgent, at }) {
      const salt = await saltFor(at.toISOString().slice(0, 10));
      return createHash('sha256')
        .update(`${salt}\n${site}\n${ip}\n${userAgent}`)
        .digest('hex')
        .slice(0, 16);
    },
  };
}

/** Deletes the salts of days before `today` (UTC): their hashes can no longer be linked. */
export async function deleteOldSalts(executor: Executor, today: string): Promise<number> {
  const result = await executor
    .deleteFrom('analytics_salts')
    .where('day', '<', today)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
