import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import type { DatabaseHandle } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { PageCache } from './page-cache.js';

export const purgeChannel = 'masthead_cache_purge';

export interface CachePurger {
  /** Purges the keys here at once and tells every other process sharing the database. */
  purge(keys: string[]): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly nodeId: string;
}

export interface CachePurgerOptions {
  database: DatabaseHandle;
  pageCache: PageCache;
  logger: Logger;
  /** Called after every local purge (e.g. to drop cached settings). */
  onPurge?: (keys: string[]) => void;
  pollIntervalMs?: number;
}

// NOTIFY payloads are limited to 8,000 bytes; a large purge is sent in chunks.
function chunkKeys(keys: string[], maxBytes = 7000): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const key of keys) {
    if (size + key.length + 4 > maxBytes && current.length > 0) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(key);
    size += key.length + 4;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Keeps every node's page cache consistent. PostgreSQL: LISTEN/NOTIFY on a dedicated
 * connection (after a reconnect everything is purged, since notifications may have been
 * missed). SQLite: processes sharing the file read a small purge log once a second.
 */
export function createCachePurger(options: CachePurgerOptions): CachePurger {
  const { database, pageCache, logger } = options;
  const nodeId = randomUUID();
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  let stopped = false;
  let listener: pg.Client | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let lastSeenId = 0;
  let reconnectDelay = 250;

  const purgeLocally = (keys: string[]) => {
    pageCache.purgeKeys(keys);
    options.onPurge?.(keys);
  };

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString: database.url });
    client.on('notification', (message) => {
      if (message.channel !== purgeChannel || !message.payload) return;
      try {
        const { node, keys } = JSON.parse(message.payload) as { node: string; keys: string[] };
        if (node !== nodeId) purgeLocally(keys);
      } catch (error) {
        logger.warn({ err: error }, 'ignored an unreadable cache purge notification');
      }
    });
    const reconnect = (error?: unknown) => {
      if (listener !== client || stopped) return;
      listener = undefined;
      logger.warn({ err: error }, 'cache purge listener lost its connection; reconnecting');
      client.end().catch(() => undefined);
      reconnectTimer = setTimeout(() => {
        listen()
          .then(() => {
            reconnectDelay = 250;
            purgeLocally(['all']); // notifications sent while disconnected are lost
          })
          .catch((err: unknown) => {
            reconnectDelay = Math.min(reconnectDelay * 2, 10_000);
            reconnect(err);
          });
      }, reconnectDelay);
    };
    listener = client;
    client.on('error', reconnect);
    client.on('end', () => reconnect());
    await client.connect();
    await client.query(`LISTEN ${purgeChannel}`);
  }

  async function poll(): Promise<void> {
    const rows = await database.db
      .selectFrom('cache_purges')
      .select(['id', 'node_id', 'keys'])
      .where('id', '>', lastSeenId)
      .orderBy('id')
      .execute();
    for (const row of rows) {
      lastSeenId = Math.max(lastSeenId, row.id);
      if (row.node_id !== nodeId) purgeLocally(JSON.parse(row.keys) as string[]);
    }
  }

  return {
    nodeId,

    async purge(keys) {
      if (keys.length === 0) return;
      purgeLocally(keys);
      if (database.dialect === 'postgres') {
        for (const chunk of chunkKeys(keys)) {
          await sql`select pg_notify(${purgeChannel}, ${JSON.stringify({ node: nodeId, keys: chunk })})`.execute(
            database.db,
          );
        }
      } else {
        await database.db
          .insertInto('cache_purges')
          .values({ node_id: nodeId, keys: JSON.stringify(keys), created_at: nowIso() })
          .execute();
      }
    },

    async start() {
      stopped = false;
      if (database.dialect === 'postgres') {
        await listen();
        return;
      }
      const latest = await database.db
        .selectFrom('cache_purges')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      lastSeenId = Number(latest?.id ?? 0);
      let ticks = 0;
      pollTimer = setInterval(() => {
        ticks += 1;
        poll().catch((error: unknown) => logger.warn({ err: error }, 'cache purge poll failed'));
        if (ticks % 600 === 0) {
          const cutoff = nowIso(new Date(Date.now() - 3600_000));
          database.db
            .deleteFrom('cache_purges')
            .where('created_at', '<', cutoff)
            .execute()
            .catch(() => undefined);
        }
      }, pollIntervalMs);
      pollTimer.unref();
    },

    async stop() {
      stopped = true;
      if (pollTimer) clearInterval(pollTimer);
      if (reconnectTimer) clearTimeout(reconnectTimer);
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => undefined);
    },
  };
}
