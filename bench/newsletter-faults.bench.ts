import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSmtpBulkTransport } from '../src/newsletters/bulk-transport.js';
import { countDeliveries } from '../src/newsletters/delivery.repository.js';
import { createIssue, startSend } from '../src/newsletters/issue.service.js';
import { runSendLane } from '../src/newsletters/send-engine.js';
import { startBehavingSink } from '../src/newsletters/test-fixtures/behaving-smtp-sink.js';
import {
  buildNewsletter,
  buildSubscribers,
} from '../src/newsletters/test-fixtures/newsletter-factories.js';
import {
  bundleSendChild,
  runAndKill,
} from '../src/newsletters/test-fixtures/send-fault-harness.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logger.js';
import { createSettingsCache } from '../src/platform/settings/site-settings.js';

// Fault trials: each trial starts a send of its own issue in a child process, kills it with
// SIGKILL at a random point, resumes it here and checks the engine's promise — every recipient
// is sent, failed, ambiguous or suppressed (the identity), sent ones got exactly one message,
// ambiguous ones at most one, nobody two.

interface Trial {
  killed: boolean;
  identity: boolean;
  duplicates: number;
  ambiguous: number;
  sentBeforeKill: number;
}

export async function benchNewsletterFaults(options: {
  trials: number;
  subscribers: number;
}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-bench-faults-'));
  const database = openDatabase(`sqlite:${join(dir, 'faults.db')}`);
  const sink = await startBehavingSink({ delayMs: 2 });
  const bundle = await bundleSendChild();
  const trials: Trial[] = [];
  try {
    await migrateToLatest(database.db);
    const { db } = database;
    for (let t = 0; t < options.trials; t += 1) {
      const newsletter = await buildNewsletter(db);
      const emails = Array.from(
        { length: options.subscribers },
        (_, i) => `t${t}-reader-${i}@example.org`,
      );
      await buildSubscribers(db, newsletter.id, emails);
      const issue = await createIssue(
        db,
        { newsletter_id: newsletter.id, subject: `Trial ${t}`, preheader: '', html: '<p>Hi.</p>' },
        new Date(),
      );
      await startSend(db, issue.id, { now: new Date() });
      const before = sink.total();
      // Anywhere from before the first claim to near the end of the send.
      const afterMessages = t === 0 ? 0 : Math.floor(Math.random() * options.subscribers * 0.9);
      const outcome = await runAndKill(
        [...bundle.args, database.url, sink.url, String(issue.id)],
        sink,
        afterMessages,
      );
      const sentBeforeKill = sink.total() - before;
      const transport = createSmtpBulkTransport(sink.url, { maxConnections: 3 });
      try {
        const deps = {
          database,
          config: { baseUrl: 'https://news.test', mailFrom: 'News <news@news.test>' },
          settings: createSettingsCache(db, 0),
          logger: createLogger('silent'),
          now: () => new Date(),
          transport,
        };
        for (let round = 0; round < 50; round += 1) {
          const result = await runSendLane(deps, issue.id, { retryBaseMs: 1 });
          if (result.state === 'finished') break;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      } finally {
        await transport.close();
      }
      const counts = await countDeliveries(db, issue.id);
      const rows = await db
        .selectFrom('newsletter_deliveries')
        .select(['email', 'status'])
        .where('issue_id', '=', issue.id)
        .execute();
      let duplicates = 0;
      for (const row of rows) {
        const received = sink.counts.get(row.email) ?? 0;
        const allowed = row.status === 'sent' ? 1 : row.status === 'ambiguous' ? received : 0;
        if (received !== allowed || received > 1) duplicates += 1;
      }
      trials.push({
        killed: outcome === 'killed',
        identity:
          counts.pending + counts.claimed + counts.sending === 0 &&
          counts.sent + counts.failed + counts.ambiguous + counts.suppressed === emails.length &&
          rows.length === emails.length,
        duplicates,
        ambiguous: counts.ambiguous,
        sentBeforeKill,
      });
    }
  } finally {
    bundle.cleanup();
    await sink.close();
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
  const ambiguous = trials.map((t) => t.ambiguous).sort((a, b) => a - b);
  const killedAt = trials.map((t) => t.sentBeforeKill);
  return `## Newsletter send killed with SIGKILL and resumed (sqlite, ${options.trials} trials, ${options.subscribers} recipients each)

| measure | value | target |
|---|---|---|
| trials killed mid-send (the rest finished before the kill) | ${trials.filter((t) => t.killed).length} / ${trials.length} | |
| trials where recipients = sent + failed + ambiguous + suppressed | ${trials.filter((t) => t.identity).length} / ${trials.length} | all |
| recipients with a wrong message count (sent ≠ 1, ambiguous > 1, other > 0) | ${trials.reduce((n, t) => n + t.duplicates, 0)} | 0 |
| ambiguous per trial (min / median / max) | ${ambiguous[0] ?? 0} / ${ambiguous[Math.floor(ambiguous.length / 2)] ?? 0} / ${ambiguous[ambiguous.length - 1] ?? 0} | flagged, never resent |
| ambiguous per trial, in order | ${trials.map((t) => t.ambiguous).join(', ')} | |
| messages the sink had received when each child was killed | ${killedAt.join(', ')} | |`;
}

if (process.argv[1]?.endsWith('newsletter-faults.bench.ts')) {
  console.log(
    await benchNewsletterFaults({ trials: Number(process.argv[2] ?? 20), subscribers: 300 }),
  );
}
