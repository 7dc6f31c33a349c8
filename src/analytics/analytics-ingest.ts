import type { Db } from '../platform/db/database.js';
import { type PendingEvent, writeAnalyticsBatch } from './analytics-write.js';

// Group commit: beacons are queued and written together, one transaction per batch (every
// `flushMs`, or at once when `maxBatch` events wait). A beacon is answered only after its batch
// is committed, so nothing acknowledged is lost to a crash, and thousands of events a second
// cost a few transactions a second.

export interface AnalyticsIngest {
  /** Resolves once the events are stored (rejects if their batch failed). */
  add(events: PendingEvent[]): Promise<void>;
  /** Writes what is queued and stops. */
  close(): Promise<void>;
}

interface Waiting {
  events: PendingEvent[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createAnalyticsIngest(
  db: Db,
  options: { flushMs?: number; maxBatch?: number } = {},
): AnalyticsIngest {
  const flushMs = options.flushMs ?? 20;
  const maxBatch = options.maxBatch ?? 1000;
  let queue: Waiting[] = [];
  let queued = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function flush(): Promise<void> {
    timer = undefined;
    if (running) return; // the running flush takes the rest when it ends
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      queued = 0;
      running = db
        .transaction()
        .execute((tx) =>
          writeAnalyticsBatch(
            tx,
            batch.flatMap((w) => w.events),
          ),
        )
        .then(
          () => batch.forEach((w) => w.resolve()),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        );
      await running;
      running = undefined;
    }
  }

  return {
    add(events) {
      if (events.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ events, resolve, reject });
        queued += events.length;
        if (queued >= maxBatch) {
          if (timer) clearTimeout(timer);
          void flush();
        } else timer ??= setTimeout(() => void flush(), flushMs);
      });
    },
    async close() {
      if (timer) clearTimeout(timer);
      await running;
      await flush();
    },
  };
}
