import { fork } from 'node:child_process';
import nodemailer from 'nodemailer';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBulkMessage } from '../src/newsletters/bulk-message.js';
import { createSmtpBulkTransport } from '../src/newsletters/bulk-transport.js';
import { countDeliveries } from '../src/newsletters/delivery.repository.js';
import { compileIssue } from '../src/newsletters/issue-render.js';
import { createIssue, startSend } from '../src/newsletters/issue.service.js';
import { createNewsletter } from '../src/newsletters/newsletter.service.js';
import { loadSigningSecret } from '../src/newsletters/newsletter-tokens.js';
import { runSendLane } from '../src/newsletters/send-engine.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logger.js';
import { createSettingsCache } from '../src/platform/settings/site-settings.js';

// Newsletter send: N subscribers through the real engine (delivery rows, claims, SMTP pool) to
// an smtp-server sink in another process. Reports messages/s, peak RSS of the sending process
// and the time from "send" to the first message at the sink (recipient freeze included).

interface SinkMessage {
  type: string;
  port?: number;
  at?: number;
  count?: number;
}

export async function benchNewsletter(options: {
  subscribers: number;
  connections: number;
  lanes: number;
  databaseUrl?: string;
  /** Send through click tracking (every link rewritten, a signed token per link and reader). */
  trackClicks?: boolean;
}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-bench-nl-'));
  const sink = fork(new URL('./newsletter-sink.mjs', import.meta.url).pathname, [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const messages: SinkMessage[] = [];
  const waiters: Array<() => void> = [];
  sink.on('message', (m: SinkMessage) => {
    messages.push(m);
    for (const wake of waiters.splice(0)) wake();
  });
  const next = async (type: string): Promise<SinkMessage> => {
    for (;;) {
      const found = messages.find((m) => m.type === type);
      if (found) {
        messages.splice(messages.indexOf(found), 1);
        return found;
      }
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  const { port } = await next('listening');
  const database = openDatabase(options.databaseUrl ?? `sqlite:${join(dir, 'bench.db')}`);
  try {
    await migrateToLatest(database.db);
    const { db } = database;
    const newsletter = await createNewsletter(
      db,
      {
        name: 'Bench Daily',
        slug: `bench-${Date.now()}`,
        description: '',
        sender_name: 'Bench',
        sender_email: 'news@bench.test',
        reply_to: '',
        visibility: 'public',
        signup_default: false,
        welcome_subject: '',
        welcome_text: '',
        track_clicks: options.trackClicks ?? false,
      },
      new Date(),
    );
    const stamp = new Date(Date.now() - 60_000).toISOString();
    const chunk = 500;
    for (let start = 0; start < options.subscribers; start += chunk) {
      const emails = Array.from(
        { length: Math.min(chunk, options.subscribers - start) },
        (_, i) => `reader-${start + i}@bench.test`,
      );
      await db.transaction().execute(async (trx) => {
        const rows = await trx
          .insertInto('subscribers')
          .values(
            emails.map((email) => ({
              email,
              name: `Reader ${email.slice(7, -11)}`,
              status: 'active' as const,
              created_at: stamp,
              updated_at: stamp,
            })),
          )
          .returning('id')
          .execute();
        await trx
          .insertInto('subscriptions')
          .values(
            rows.map((r) => ({
              subscriber_id: r.id,
              newsletter_id: newsletter.id,
              status: 'active' as const,
              created_at: stamp,
              confirmed_at: stamp,
              unsubscribed_at: null,
            })),
          )
          .execute();
      });
    }
    const issue = await createIssue(
      db,
      {
        newsletter_id: newsletter.id,
        subject: 'Morning briefing',
        preheader: 'Today in Kyiv',
        html: '<h2>Top story</h2><p>A paragraph of news that is about as long as a real newsletter paragraph, with <a href="/a-story/">a link</a>.</p><p>Another paragraph.</p>'.repeat(
          4,
        ),
      },
      new Date(),
    );
    const transport = createSmtpBulkTransport(`smtp://127.0.0.1:${port}`, {
      maxConnections: options.connections,
    });
    const deps = {
      database,
      config: { baseUrl: 'https://news.bench', mailFrom: 'News <news@bench.test>' },
      settings: createSettingsCache(db, 60_000),
      logger: createLogger('silent'),
      now: () => new Date(),
      transport,
    };
    // The ceiling on this machine right now: a bare nodemailer pool with as many connections,
    // sending one reader's finished message (the same bytes) to the same sink, nothing else.
    const sample = buildBulkMessage({
      row: { id: 1, subscriber_id: 1, email: 'reader-0@bench.test', name: 'Reader 0' },
      issue,
      newsletter,
      compiled: await compileIssue(db, {
        issue,
        newsletter,
        settings: await deps.settings.get(),
        baseUrl: deps.config.baseUrl,
      }),
      secret: await loadSigningSecret(db),
      baseUrl: deps.config.baseUrl,
      mailFrom: deps.config.mailFrom,
      raw: true,
    });
    const bareCount = Math.min(options.subscribers, 10_000);
    const bareOptions = {
      port: port ?? 0,
      raw: sample.raw ?? Buffer.alloc(0),
      count: bareCount,
      connections: options.connections,
    };
    // Run before and after the engine; the machine is shared, so the mean is the fairer ceiling.
    const bareBefore = await sendBarePool(bareOptions);
    sink.send('reset');
    await next('reset');
    // The bare run's own "first message" is not the engine's.
    for (const stale of messages.filter((m) => m.type === 'first'))
      messages.splice(messages.indexOf(stale), 1);
    const cpuBefore = process.cpuUsage();
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 50);
    const started = Date.now();
    await startSend(db, issue.id, { now: new Date(), lanes: options.lanes });
    await Promise.all(Array.from({ length: options.lanes }, () => runSendLane(deps, issue.id)));
    const finished = Date.now();
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    await transport.close();
    const first = (await next('first')).at ?? finished;
    sink.send('count');
    const received = (await next('count')).count ?? 0;
    const bareAfter = await sendBarePool(bareOptions);
    const bareRate = Math.round((bareBefore.rate + bareAfter.rate) / 2);
    const cpuPerMessage = (cpu.user + cpu.system) / Math.max(1, options.subscribers);
    const counts = await countDeliveries(db, issue.id);
    const seconds = (finished - started) / 1000;
    const rate = Math.round(counts.sent / seconds);
    const steady = Math.round(counts.sent / Math.max((finished - first) / 1000, 0.001));
    return `## Newsletter send (${database.dialect}, ${options.subscribers.toLocaleString('en')} subscribers, ${options.connections} SMTP connections, ${options.lanes} lanes${options.trackClicks ? ', click tracking on' : ''})

| measure | value | target |
|---|---|---|
| messages/s (start to finish, freeze included) | ${rate.toLocaleString('en')} | ≥ 1,000 |
| messages/s (first message to finish) | ${steady.toLocaleString('en')} | |
| time to first message | ${((first - started) / 1000).toFixed(2)} s | < 2 s |
| total time | ${seconds.toFixed(1)} s | |
| peak RSS of the sending process | ${Math.round(peakRss / 1024 / 1024)} MB | bounded |
| sent / failed / ambiguous / suppressed | ${counts.sent} / ${counts.failed} / ${counts.ambiguous} / ${counts.suppressed} | all sent |
| messages received by the sink | ${received.toLocaleString('en')} | = sent |
| bare nodemailer pool, same bytes, same sink (${bareCount.toLocaleString('en')} messages before and after) | ${bareBefore.rate.toLocaleString('en')} / ${bareAfter.rate.toLocaleString('en')} msg/s | ceiling |
| engine ÷ bare pool (first message to finish ÷ mean of the two) | ${(steady / bareRate).toFixed(2)} | |
| CPU of the sending process per message (engine, freeze included / bare pool) | ${Math.round(cpuPerMessage)} µs / ${Math.round((bareBefore.cpuMicros + bareAfter.cpuMicros) / (2 * bareCount))} µs | |
| message size | ${(sample.raw?.length ?? 0).toLocaleString('en')} bytes | |`;
  } finally {
    sink.send('stop');
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A nodemailer pool sending the same finished message `count` times; returns msg/s. */
async function sendBarePool(options: {
  port: number;
  raw: Buffer;
  count: number;
  connections: number;
}): Promise<{ rate: number; count: number; cpuMicros: number }> {
  const pool = nodemailer.createTransport({
    host: '127.0.0.1',
    port: options.port,
    secure: false,
    pool: true,
    maxConnections: options.connections,
    maxMessages: Infinity,
  });
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: options.connections * 2 }, async () => {
      while (next < options.count) {
        next += 1;
        await pool.sendMail({
          envelope: { from: 'bounces@bench.test', to: `reader-${next}@bench.test` },
          raw: options.raw,
        });
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  pool.close();
  return {
    rate: Math.round(options.count / seconds),
    count: options.count,
    cpuMicros: cpu.user + cpu.system,
  };
}

// Run directly: `node --import tsx bench/newsletter.bench.ts [subscribers]`.
if (process.argv[1]?.endsWith('newsletter.bench.ts')) {
  const subscribers = Number(
    process.argv[2] ?? process.env.BENCH_NEWSLETTER_SUBSCRIBERS ?? 100_000,
  );
  console.log(
    await benchNewsletter({
      subscribers,
      connections: Number(process.env.BENCH_NEWSLETTER_CONNECTIONS ?? 10),
      lanes: Number(process.env.BENCH_NEWSLETTER_LANES ?? 2),
      trackClicks: process.env.BENCH_NEWSLETTER_TRACK_CLICKS === '1',
    }),
  );
}
