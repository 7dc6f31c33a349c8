import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import { publishDueArticles } from '../../content/article-publishing.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { createLogger } from '../../platform/logger.js';
import { siteSettingsSchema, writeSiteSettings } from '../../platform/settings/site-settings.js';
import { buildArticle, testEvents } from '../../test-support/test-app.js';
import { pingWebSubHub } from './websub-hub.js';
import { websubPingJob } from './websub-ping.job.js';

/** A hub on 127.0.0.1 that records what it is sent and answers with `status` (or never). */
async function startHub(status: number | 'never') {
  const received: Array<{ type: string | undefined; form: URLSearchParams }> = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ type: req.headers['content-type'], form: new URLSearchParams(body) });
      if (status !== 'never') res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hub`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const context = () => ({
  jobId: 1,
  attempt: 1,
  logger: createLogger('silent'),
  signal: new AbortController().signal,
});

describe('WebSub hub ping', () => {
  it('posts hub.mode=publish with each topic, form-encoded', async () => {
    const hub = await startHub(204);
    try {
      await pingWebSubHub(hub.url, ['http://news.test/rss/', 'http://news.test/atom.xml']);
      assert.deepEqual(
        hub.received.map((r) => [r.type, r.form.get('hub.mode'), r.form.get('hub.url')]),
        [
          ['application/x-www-form-urlencoded', 'publish', 'http://news.test/rss/'],
          ['application/x-www-form-urlencoded', 'publish', 'http://news.test/atom.xml'],
        ],
      );
    } finally {
      await hub.close();
    }
  });

  it('fails (so the job retries) when the hub refuses or does not answer in time', async () => {
    const refusing = await startHub(500);
    const silent = await startHub('never');
    try {
      await assert.rejects(pingWebSubHub(refusing.url, ['http://news.test/rss/']), /answered 500/);
      await assert.rejects(
        pingWebSubHub(silent.url, ['http://news.test/rss/'], { timeoutMs: 200 }),
        (error: Error) => error.name === 'TimeoutError',
      );
    } finally {
      await refusing.close();
      await silent.close();
    }
  });

  it('the job pings the configured hub with absolute feed URLs, and nothing without a hub', async () => {
    const hub = await startHub(202);
    try {
      const settings = siteSettingsSchema.parse({ websubHub: hub.url });
      const payload = { paths: ['/rss/', '/tag/energy/feed.json'] };
      await websubPingJob.handler(
        payload,
        { config: { baseUrl: 'http://news.test' }, settings: { get: async () => settings } },
        context(),
      );
      assert.deepEqual(
        hub.received.map((r) => r.form.get('hub.url')),
        ['http://news.test/rss/', 'http://news.test/tag/energy/feed.json'],
      );
      const none = siteSettingsSchema.parse({});
      await websubPingJob.handler(
        payload,
        { config: { baseUrl: 'http://news.test' }, settings: { get: async () => none } },
        context(),
      );
      assert.equal(hub.received.length, 2);
    } finally {
      await hub.close();
    }
  });
});

describeEachDialect('WebSub ping on publish', (getDatabase) => {
  const pings = async (articleId: number) =>
    getDatabase()
      .db.selectFrom('jobs')
      .select(['payload', 'run_at'])
      .where('name', '=', 'distribution.websub-ping')
      .where('idempotency_key', '=', `websub:${articleId}`)
      .execute();
  before(async () => {
    await writeSiteSettings(getDatabase().db, { websubHub: 'https://hub.example.net/' });
  });

  it('enqueues a ping for the site, tag and author feeds in the publishing transaction', async () => {
    const article = await buildArticle(getDatabase(), {
      authors: ['Olena Shevchuk'],
      tags: ['Energy'],
    });
    const jobs = await pings(article.id);
    assert.equal(jobs.length, 1);
    const { data } = JSON.parse(jobs[0]?.payload ?? '{}') as { data: { paths: string[] } };
    for (const path of [
      '/rss/',
      '/atom.xml',
      '/feed.json',
      '/tag/energy/rss/',
      '/tag/energy/atom.xml',
      '/author/olena-shevchuk/feed.json',
    ])
      assert.ok(data.paths.includes(path), path);
  });

  it('does not ping for drafts, nor when no hub is configured; scheduled publication pings', async () => {
    const draft = await buildArticle(getDatabase(), { status: 'draft' });
    assert.equal((await pings(draft.id)).length, 0);
    const scheduled = await buildArticle(getDatabase(), {
      status: 'scheduled',
      published_at: new Date(Date.now() + 3600_000).toISOString(),
    });
    assert.equal((await pings(scheduled.id)).length, 0);
    await getDatabase()
      .db.transaction()
      .execute((tx) => publishDueArticles(tx, testEvents(), new Date(Date.now() + 7200_000)));
    assert.equal((await pings(scheduled.id)).length, 1);
    await writeSiteSettings(getDatabase().db, { websubHub: null });
    const quiet = await buildArticle(getDatabase());
    assert.equal((await pings(quiet.id)).length, 0);
  });
});
