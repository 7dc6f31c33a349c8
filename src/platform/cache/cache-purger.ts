import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/database.js';
import { nowIso } from '../db/database.js';
import {
  listenForNotifications,
  type NotificationListener,
} from '../jobs/notification-listener.js';
import type { Logger } from '../logger.js';
import type { PageCache } from './page-cache.js';

/** The PostgreSQL channel purges travel on. */
export const purgeChannel = 'masthead_cache_purge';

export interface CachePurger {
  /** Purges the keys here at once and tells every other process sharing the database. */
  purge(keys: string[]): Promise<void>;
  /** Starts receiving other processes' purges. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** This process's id in purge messages; it skips its own. */
  readonly nodeId: string;
}

export interface CachePurgerOptions {
  database: DatabaseHandle;
  pageCache: PageCache;
  logger: Logger;
  /** Called after every local purge (e.g. to drop cached settings). */
  onPurge?: (keys: string[]) => void;
  /** SQLite: how often to read the purge log (default 500 ms, so a purge lands within a second). */
  pollIntervalMs?: number;
  /** SQLite: how long purge log rows are kept (default 1 hour). */
  keepPurgesMs?: number;
}

// NOTIFY payloads must stay under 8,000 bytes; a large purge is sent in several messages.
const maxNotifyBytes = 7000;

/** Splits keys into JSON messages that each fit in one NOTIFY payload. */
export function purgeMessages(nodeId: string, keys: string[]): string[] {
  const messages: string[] = [];
  const envelope = Buffer.byteLength(JSON.stringify({ node: nodeId, keys: [] }));
  let chunk: string[] = [];
  let size = envelope;
  for (const key of keys) {
    const keyBytes = Buffer.byteLength(JSON.stringify(key)) + 1;
    if (envelope + keyBytes > maxNotifyBytes) continue; // no surrogate key is anywhere near this
    if (size + keyBytes > maxNotifyBytes && chunk.length > 0) {
      messages.push(JSON.stringify({ node: nodeId, keys: chunk }));
      chunk = [];
      size = envelope;
    }
    chunk.push(key);
    size += keyBytes;
  }
  if (chunk.length > 0) messages.push(JSON.stringify({ node: nodeId, keys: chunk }));
  return messages;
}

/**
 * Keeps every process's page cache consistent with the database.
 *
 * PostgreSQL: `NOTIFY masthead_cache_purge` to a dedicated LISTEN connection in every process;
 * after that connection drops and comes back, everything is purged, since notifications sent
 * meanwhile are lost.
 *
 * SQLite: processes sharing one file (`serve --no-worker` beside `worker`) have no message bus,
 * so a purge is appended to the `cache_purges` table and every process reads the rows added
 * since its last look, twice a second. This rides on what SQLite already guarantees across
 * processes (a committed row is seen by every later read; AUTOINCREMENT ids only grow and
 * writers are serialised, so "id > last seen" misses nothing), costs one primary-key range
 * read per tick, and needs no extra file, socket or port. Rows older than an hour are pruned.
 */
export function createCachePurger(options: CachePurgerOptions): CachePurger {
  const { database, pageCache, logger } = options;
  const nodeId = randomUUID();
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const keepPurgesMs = options.keepPurgesMs ?? 3600_000;
  let listener: NotificationListener | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  let lastSeenId = 0;
  let nextPruneAt = 0;

  const purgeLocally = (keys: string[]) => {
    pageCache.purgeKeys(keys);
    options.onPurge?.(keys);
  };

  function receive(payload: string): void {
    try {
      const message = JSON.parse(payload) as { node?: unknown; keys?: unknown };
      if (message.node === nodeId || !Array.isArray(message.keys)) return;
      purgeLocally(message.keys.filter((key): key is string => typeof key === 'string'));
    } catch (error) {
      logger.warn({ err: error }, 'ignored an unreadable cache purge notification');
    }
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
    if (Date.now() >= nextPruneAt) {
      nextPruneAt = Date.now() + 10 * 60_000;
      await database.db
        .deleteFrom('cache_purges')
        .where('created_at', '<', nowIso(new Date(Date.now() - keepPurgesMs)))
        .execute();
    }
  }

  return {
    nodeId,

    async purge(keys) {
      if (keys.length === 0) return;
      purgeLocally(keys);
      if (database.dialect === 'postgres') {
        for (const message of purgeMessages(nodeId, keys)) {
          await sql`select pg_notify(${purgeChannel}, ${message})`.execute(database.db);
        }
      } else {
        await database.db
          .insertInto('cache_purges')
          .values({ node_id: nodeId, keys: JSON.stringify(keys), created_at: nowIso() })
          .execute();
      }
    },

    async start() {
      if (listener || pollTimer) return;
      if (database.dialect === 'postgres') {
        listener = listenForNotifications({
          connectionString: database.url,
          channel: purgeChannel,
          logger,
          onNotification: receive,
          onReconnect: () => {
            logger.info('cache purge listener reconnected; purging the whole page cache');
            purgeLocally(['all']);
          },
        });
        await listener.ready;
        return;
      }
      // Purges from before this process started concern pages it never cached.
      const latest = await database.db
        .selectFrom('cache_purges')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst();
      lastSeenId = Number(latest?.id ?? 0);
      pollTimer = setInterval(() => {
        if (polling) return; // the previous read is still running
        polling = poll()
          .catch((error: unknown) => logger.warn({ err: error }, 'reading cache purges failed'))
          .finally(() => {
            polling = undefined;
          });
      }, pollIntervalMs);
      pollTimer.unref();
    },

    async stop() {
      if (pollTimer) clearInterval(pollTimer);
      pollTimer = undefined;
      await polling;
      const current = listener;
      listener = undefined;
      await current?.close();
    },
  };
}
