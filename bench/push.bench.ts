import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config.js';
import type { AppServices } from '../src/platform/app-services.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { startWorker } from '../src/platform/jobs/worker.js';
import { createLogger } from '../src/platform/logger.js';
import { sendBreakingAlert } from '../src/push/push-alert.service.js';
import { countByStatus } from '../src/push/push-delivery.repository.js';
import { ensurePushKeys } from '../src/push/push-keys.js';
import { sendBatchJob } from '../src/push/push-send-batch.job.js';
import { startAlertJob } from '../src/push/push-start-alert.job.js';
import { subscribeToPush } from '../src/push/push-subscription.service.js';
import type { FakeSubscriptionJson } from '../src/push/test-fixtures/push-service.js';

// Push fan-out: one breaking alert to N subscriptions through the real path — the start job
// freezes the recipients into batches, a job worker (concurrency 4) runs one `push.send-batch`
// job per batch: sealed subscriptions opened, payload encrypted (RFC 8291) per reader, VAPID
// header, keep-alive POSTs — to the local push service in another process, which checks each
// JWT and decrypts each payload. Reports notifications/s from "send" to the last one received.

interface Stats {
  received: number;
  rejected: number;
  undecryptable: number;
  duplicates: number;
  first: number | null;
  last: number | null;
}

export async function benchPush(options: {
  subscriptions: number;
  ratePerSecond: number;
  databaseUrl?: string;
}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-bench-push-'));
  const child = fork(new URL('./push-service-process.ts', import.meta.url).pathname, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const origin = await new Promise<string>((resolve) =>
    child.once('message', (m: { origin: string }) => resolve(m.origin)),
  );
  const database = openDatabase(options.databaseUrl ?? `sqlite:${join(dir, 'bench.db')}`);
  const { db } = database;
  const logger = createLogger('silent');
  try {
    await migrateToLatest(db);
    const keys = await ensurePushKeys(db, { encryptionKey: undefined });
    const setupStart = Date.now();
    for (let made = 0; made < options.subscriptions; made += 5000) {
      const count = Math.min(5000, options.subscriptions - made);
      const response = await fetch(`${origin}/_fake/browsers`, {
        method: 'POST',
        body: JSON.stringify({ count, applicationServerKey: keys.vapidPublicKey }),
      });
      const browsers = (await response.json()) as Array<{ subscription: FakeSubscriptionJson }>;
      await db.transaction().execute(async (tx) => {
        for (const { subscription } of browsers)
          await subscribeToPush(
            tx,
            { keys, services: [origin], defaultLanguage: 'en', now: () => new Date() },
            { subscription, topics: ['breaking'] },
          );
      });
    }
    const setupSeconds = (Date.now() - setupStart) / 1000;

    const config = loadConfig({
      DATABASE_URL: database.url,
      PUSH_SERVICES: origin,
      PUSH_RATE_PER_SECOND: String(options.ratePerSecond),
      DATA_DIR: dir,
      LOG_LEVEL: 'silent',
    });
    // The two push jobs use only these services.
    const deps = { database, config, logger, now: () => new Date() } as unknown as AppServices;
    const sentAt = Date.now();
    const alert = await db
      .transaction()
      .execute((tx) =>
        sendBreakingAlert(
          tx,
          { now: () => new Date() },
          { title: 'Bench alert', body: 'Fan-out to every subscriber.', url: '/' },
          null,
        ),
      );
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const worker = startWorker<AppServices>({
      database,
      definitions: [startAlertJob, sendBatchJob],
      deps,
      logger,
      pollIntervalMs: 20,
    });
    let stats: Stats;
    for (;;) {
      await sleep(200);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      stats = (await (await fetch(`${origin}/_fake/stats`)).json()) as Stats;
      const row = await db
        .selectFrom('push_alerts')
        .select('status')
        .where('id', '=', alert.id)
        .executeTakeFirstOrThrow();
      if (row.status === 'sent') break;
      if (Date.now() - sentAt > 600_000)
        throw new Error('the fan-out did not finish in 10 minutes');
    }
    const finishedAt = Date.now();
    await worker.stop();
    stats = (await (await fetch(`${origin}/_fake/stats`)).json()) as Stats;
    const counts = await countByStatus(db, alert.id);
    const seconds = ((stats.last ?? finishedAt) - sentAt) / 1000;
    const rate = Math.round(stats.received / seconds);
    const label =
      options.ratePerSecond > 0 ? `PUSH_RATE_PER_SECOND=${options.ratePerSecond}` : 'no rate limit';
    return [
      `### Push fan-out: ${options.subscriptions.toLocaleString('en-US')} subscriptions, ${database.dialect}, ${label}`,
      '',
      '| measure | value |',
      '|---|---|',
      `| notifications/s (send → last received) | **${rate.toLocaleString('en-US')}** |`,
      `| time to first notification | ${stats.first ? stats.first - sentAt : '–'} ms |`,
      `| total time | ${seconds.toFixed(2)} s |`,
      `| received and decrypted by the push service | ${stats.received} |`,
      `| rows sent / failed / ambiguous | ${counts.sent} / ${counts.failed} / ${counts.ambiguous} |`,
      `| rejected / undecryptable / duplicates | ${stats.rejected} / ${stats.undecryptable} / ${stats.duplicates} |`,
      `| sending process peak RSS | ${Math.round(peakRss / 1024 / 1024)} MB |`,
      `| set-up (subscribing ${options.subscriptions.toLocaleString('en-US')} browsers) | ${setupSeconds.toFixed(1)} s |`,
    ].join('\n');
  } finally {
    await database.destroy();
    child.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
