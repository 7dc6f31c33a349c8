import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createLogger } from '../platform/logger.js';
import { createSettingsCache } from '../platform/settings/site-settings.js';
import { createSmtpBulkTransport } from './bulk-transport.js';
import { countDeliveries } from './delivery.repository.js';
import { createIssue, startSend } from './issue.service.js';
import { runSendLane } from './send-engine.js';
import { type BehavingSink, startBehavingSink } from './test-fixtures/behaving-smtp-sink.js';
import { buildNewsletter, buildSubscribers } from './test-fixtures/newsletter-factories.js';

const childSource = new URL('./test-fixtures/send-child.ts', import.meta.url).pathname;

/**
 * The child as one plain-JS file (esbuild, which tsx already brings), so each of the many
 * child processes starts in a fraction of a second instead of compiling TypeScript again.
 */
async function bundleChild(): Promise<{ args: string[]; cleanup(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-fault-'));
  const outfile = join(dir, 'send-child.mjs');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [childSource],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
    absWorkingDir: process.cwd(),
  });
  // Bare imports must resolve from the project, not from the temporary folder.
  const linked = join(dir, 'node_modules');
  symlinkSync(join(process.cwd(), 'node_modules'), linked);
  return { args: [outfile], cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Runs the send in a child process and kills it with SIGKILL once `afterMessages` more
 * messages reached the sink (0: as soon as it starts) — a random point of the send whatever
 * the machine's speed.
 */
function runAndKill(
  command: string[],
  sink: BehavingSink,
  afterMessages: number,
): Promise<'killed' | 'finished'> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, command, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let watch: NodeJS.Timeout | undefined;
    proc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('ready') || watch) return;
      const target = sink.total() + afterMessages;
      watch = setInterval(() => {
        if (sink.total() >= target) proc.kill('SIGKILL');
      }, 1);
    });
    proc.on('error', reject);
    proc.on('exit', (_code, signal) => {
      if (watch) clearInterval(watch);
      resolve(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

// SQLite only: the test is about the engine's crash semantics, which are the same on both
// dialects; PostgreSQL concurrency has its own test (send-workers.test.ts). Each dialect costs
// ten process starts.
describeEachDialect('newsletter send killed with SIGKILL and resumed', (getDatabase, dialect) => {
  if (dialect !== 'sqlite') return;
  let sink: BehavingSink;
  before(async () => {
    sink = await startBehavingSink({ delayMs: 8 });
  });
  after(async () => {
    await sink.close();
  });

  it('mails every recipient exactly once except those flagged ambiguous, across 10 kills', async () => {
    const database = getDatabase();
    const { db } = database;
    const newsletter = await buildNewsletter(db);
    const emails = Array.from({ length: 150 }, (_, i) => `reader-${i}@example.org`);
    await buildSubscribers(db, newsletter.id, emails);
    const issue = await createIssue(
      db,
      { newsletter_id: newsletter.id, subject: 'Fault test', preheader: '', html: '<p>Hello.</p>' },
      new Date(),
    );
    await startSend(db, issue.id, { now: new Date() });

    const bundle = await bundleChild();
    const outcomes: string[] = [];
    try {
      for (let trial = 0; trial < 10; trial += 1) {
        // Random kill points: before the first claim, mid-batch, between batches, mid-SMTP.
        const afterMessages = trial === 0 ? 0 : 1 + Math.floor(Math.random() * 12);
        outcomes.push(
          await runAndKill(
            [...bundle.args, database.url, sink.url, String(issue.id)],
            sink,
            afterMessages,
          ),
        );
      }
    } finally {
      bundle.cleanup();
    }
    assert.ok(
      outcomes.filter((o) => o === 'killed').length >= 5,
      `runs were killed mid-send (${outcomes.join(', ')})`,
    );
    assert.ok(
      sink.total() > 0 && sink.total() < emails.length,
      'the kills left the send unfinished',
    );

    // Resume here: the dead children's claims are recovered and the send finishes.
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
      for (let round = 0; round < 20; round += 1) {
        const result = await runSendLane(deps, issue.id, { batchSize: 10, retryBaseMs: 1 });
        if (result.state === 'finished') break;
      }
    } finally {
      await transport.close();
    }

    const counts = await countDeliveries(db, issue.id);
    assert.equal(counts.pending + counts.claimed + counts.sending, 0, JSON.stringify(counts));
    assert.equal(
      counts.sent + counts.failed + counts.ambiguous + counts.suppressed,
      emails.length,
      JSON.stringify(counts),
    );
    const rows = await db
      .selectFrom('newsletter_deliveries')
      .select(['email', 'status'])
      .where('issue_id', '=', issue.id)
      .execute();
    assert.equal(rows.length, emails.length);
    for (const row of rows) {
      const received = sink.counts.get(row.email) ?? 0;
      if (row.status === 'sent')
        assert.equal(received, 1, `${row.email} was sent: exactly one message`);
      else if (row.status === 'ambiguous')
        assert.ok(received <= 1, `${row.email} is ambiguous: at most one message`);
      else assert.equal(received, 0, `${row.email} is ${row.status}: no message`);
    }
    for (const [email, received] of sink.counts)
      assert.ok(received <= 1, `${email} got ${received} messages`);
    const issueRow = await db
      .selectFrom('newsletter_issues')
      .select(['status', 'recipients_total'])
      .where('id', '=', issue.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(issueRow, { status: 'sent', recipients_total: emails.length });
  });
});
