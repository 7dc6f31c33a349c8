import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { createDatabaseLimitStore } from './database-limit-store.js';
import { createRateLimits, type RateLimits } from './rate-limits.js';
import { openRedisLimitStore } from './redis-limit-store.js';

/**
 * The limits of one process: counted in Redis when `redisUrl` is set (with the database as the
 * fallback while Redis is down), else in the database.
 */
export async function openRateLimits(options: {
  db: Db;
  logger: Logger;
  redisUrl?: string | undefined;
  now?: () => number;
  prefix?: string;
}): Promise<RateLimits> {
  const database = createDatabaseLimitStore(options.db, {
    onError: (error) =>
      options.logger.warn({ err: error }, 'pruning ended rate-limit windows failed'),
  });
  const store = options.redisUrl
    ? await openRedisLimitStore({
        url: options.redisUrl,
        fallback: database,
        logger: options.logger,
      })
    : database;
  return createRateLimits({
    store,
    ...(options.now ? { now: options.now } : {}),
    ...(options.prefix ? { prefix: options.prefix } : {}),
  });
}
