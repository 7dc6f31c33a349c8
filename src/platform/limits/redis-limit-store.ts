import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { lazyModule } from '../modules/lazy-module.js';
import type { RateLimitStore, WindowCount } from './rate-limits.js';

// Sites without REDIS_URL never load ioredis (ADR 0017): it is imported when this store opens.
const loadIoredis = lazyModule(async () => (await import('ioredis')).Redis);

// INCR and the expiry in one script, so a crash between them cannot leave a key without a TTL
// (a counter that would never reset). A window starts at the key's first hit, as in the
// database store; Redis's own clock ends it.
const hitScript = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

type RedisWithHit = Redis & {
  mastheadRateLimitHit(key: string, windowMs: number): Promise<[number, number]>;
};

/** Where a REDIS_URL points, without its password, for log lines. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/**
 * Counts in Redis (`REDIS_URL`). While Redis does not answer, hits are counted in `fallback`
 * (the database store) rather than allowed or refused outright: failing open would drop the
 * brake on password guessing during an outage, failing closed would lock every reader and
 * editor out of sign-in because a cache is down. The database is shared by every node too, so
 * limits keep holding across nodes; they start again from zero on the switch, at most doubling
 * one window's allowance. The outage is logged once, and its end once.
 */
export async function openRedisLimitStore(options: {
  url: string;
  fallback: RateLimitStore;
  logger: Logger;
  keyPrefix?: string;
  commandTimeoutMs?: number;
}): Promise<RateLimitStore> {
  const IoRedis = await loadIoredis();
  const where = describeRedisUrl(options.url);
  const keyPrefix = options.keyPrefix ?? 'masthead:rate-limit:';
  const client = new IoRedis(options.url, {
    // Fail a command at once while disconnected (the fallback answers), never queue it.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: 2000,
    lazyConnect: true,
  }) as RedisWithHit;
  client.defineCommand('mastheadRateLimitHit', { numberOfKeys: 1, lua: hitScript });

  let down = false;
  const wentDown = (error: unknown) => {
    if (down) return;
    down = true;
    options.logger.error(
      { err: error },
      `Redis at ${where} is not answering (${error instanceof Error ? error.message : String(error)}): rate limits are counted in the database until it does`,
    );
  };
  const cameBack = () => {
    if (!down) return;
    down = false;
    options.logger.info(`Redis at ${where} answers again: rate limits are counted in Redis`);
  };
  // ioredis reconnects by itself and reports each failed attempt here; one line per outage.
  client.on('error', wentDown);
  client.on('ready', cameBack);
  await client.connect().catch(wentDown);

  return {
    async hit(key, windowMs, now): Promise<WindowCount> {
      try {
        const [count, ttl] = await client.mastheadRateLimitHit(keyPrefix + key, windowMs);
        cameBack();
        return { count: Number(count), resetAt: now + Number(ttl) };
      } catch (error) {
        wentDown(error);
        return options.fallback.hit(key, windowMs, now);
      }
    },
    async peek(key, now) {
      try {
        const [count, ttl] = await Promise.all([
          client.get(keyPrefix + key),
          client.pttl(keyPrefix + key),
        ]);
        cameBack();
        return count === null || ttl <= 0
          ? undefined
          : { count: Number(count), resetAt: now + ttl };
      } catch (error) {
        wentDown(error);
        return options.fallback.peek(key, now);
      }
    },
    async reset(key) {
      // Both: a window counted in the database during an outage must not outlive a reset.
      await Promise.all([client.del(keyPrefix + key).catch(wentDown), options.fallback.reset(key)]);
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
      await options.fallback.close();
    },
  };
}
