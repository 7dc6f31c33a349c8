import assert from 'node:assert/strict';
import { type ClientRequest, get } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { createApiToken } from '../../src/admin/api-token.service.js';
import { createTestDatabase, type TestDatabase } from '../../src/platform/db/test-databases.js';
import { type RunningServer, startServer } from './support/server.js';

// Live coverage across two web nodes on one PostgreSQL database: a reader holds node B's event
// stream while the live desk posts through node A. Nothing but the database joins the nodes
// (each has its own DATA_DIR), so what B sends came over LISTEN/NOTIFY (ADR 0021).

const adminUrl = process.env.MASTHEAD_TEST_POSTGRES_URL;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Frame {
  event: string;
  data: Record<string, unknown>;
}

/** A reader of one SSE stream: its frames so far, and a wait for one that matches. */
function openStream(url: string): Promise<{
  waitFor(what: string, match: (frame: Frame) => boolean): Promise<Frame>;
  close(): void;
}> {
  return new Promise((resolve, reject) => {
    const frames: Frame[] = [];
    let request: ClientRequest | undefined = undefined;
    request = get(url, { headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`${url} answered ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let pending = '';
      res.on('data', (chunk: string) => {
        pending += chunk;
        let end: number;
        while ((end = pending.indexOf('\n\n')) !== -1) {
          const lines = pending.slice(0, end).split('\n');
          pending = pending.slice(end + 2);
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
          if (event) frames.push({ event, data: data ? JSON.parse(data) : {} });
        }
      });
      resolve({
        async waitFor(what, match) {
          // A generous deadline so a hung stream fails the test instead of hanging it.
          const deadline = Date.now() + 15_000;
          for (;;) {
            const found = frames.find(match);
            if (found) return found;
            if (res.closed) assert.fail(`the stream closed before ${what}`);
            if (Date.now() > deadline) assert.fail(`node B's stream never sent ${what}`);
            await sleep(20);
          }
        },
        close: () => request?.destroy(),
      });
    });
    request.on('error', reject);
  });
}

describe(
  'live coverage on two nodes on PostgreSQL',
  { skip: adminUrl ? undefined : 'MASTHEAD_TEST_POSTGRES_URL is not set' },
  () => {
    let database: TestDatabase;
    let nodeA: RunningServer;
    let nodeB: RunningServer;
    let token = '';
    let article = { id: 0, slug: '' };

    const api = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(`${nodeA.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
      return text ? (JSON.parse(text) as Record<string, unknown>) : {};
    };

    /** Node B's answer for a path once `test` accepts its body (after the purge reached B). */
    async function fromNodeB(path: string, test: (body: string) => boolean) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const response = await fetch(`${nodeB.baseUrl}${path}`);
        const body = await response.text();
        if (response.ok && test(body)) return { response, body };
        if (Date.now() > deadline) assert.fail(`node B kept serving a stale ${path}`);
        await sleep(100);
      }
    }

    /**
     * Requests a path on node B until it is served from B's page cache. A purge may land between
     * two requests (node A's worker finishing the article's narration purges its pages), so a
     * MISS is asked again until the deadline.
     */
    async function cachedOnNodeB(path: string): Promise<string> {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const { body } = await fromNodeB(path, () => true);
        const again = await fetch(`${nodeB.baseUrl}${path}`);
        const text = await again.text();
        if (again.headers.get('x-cache') === 'HIT' && text === body) return body;
        if (Date.now() > deadline) assert.fail(`node B never served ${path} from its cache`);
        await sleep(100);
      }
    }

    before(async () => {
      database = await createTestDatabase('postgres', { migrate: false });
      const env = { DATABASE_URL: database.url };
      nodeA = await startServer({ env, args: ['--no-seed'] });
      nodeB = await startServer({ env, args: ['--no-worker', '--no-seed'] });
      ({ token } = await createApiToken(database.db, { name: 'live-nodes', role: 'editor' }));
      ({ article } = (await api('POST', '/api/admin/articles', {
        title: 'Ukraine war latest: power cuts across Kharkiv',
        authors: ['News desk'],
        tags: ['War'],
        status: 'published',
        html: '<p>Follow our live coverage.</p>',
      })) as { article: { id: number; slug: string } });
      await api('PUT', `/api/admin/articles/${article.id}/live`, { state: 'live' });
      await api('POST', `/api/admin/articles/${article.id}/live/updates`, {
        status: 'published',
        html: '<p>Crews are working to restore power in the north of the city.</p>',
      });
    });

    after(async () => {
      await nodeA?.stop();
      await nodeB?.stop();
      await database?.cleanup();
    });

    it('an update posted on node A reaches a reader of node B, its cached page and its JSON', async () => {
      const page = `/${article.slug}/`;
      const json = `/${article.slug}/live.json`;
      assert.match(await cachedOnNodeB(page), /restore power in the north/);
      assert.doesNotMatch(await cachedOnNodeB(json), /Trams are running again/);

      const stream = await openStream(`${nodeB.baseUrl}/${article.slug}/live/stream`);
      try {
        await stream.waitFor('its ready frame', (f) => f.event === 'ready');
        const { update } = (await api('POST', `/api/admin/articles/${article.id}/live/updates`, {
          status: 'published',
          headline: 'Trams back',
          html: '<p>Trams are running again on Sumska Street.</p>',
        })) as { update: { id: number } };

        const frame = await stream.waitFor(
          `update ${update.id}`,
          (f) => f.event === 'update' && f.data.id === update.id,
        );
        assert.match(String(frame.data.html), /Trams are running again on Sumska Street/);
        assert.equal(typeof frame.data.publishedAt, 'string');

        const shown = await fromNodeB(page, (body) => body.includes('Trams are running again'));
        assert.match(shown.body, new RegExp(`id="update-${update.id}"`));
        const listed = await fromNodeB(json, (body) => body.includes('Trams are running again'));
        const parts = JSON.parse(listed.body) as { updates: Array<{ id: number }> };
        assert.equal(parts.updates[0]?.id, update.id, 'the newest update comes first');
        // Both are cached again on B, with the update.
        assert.match(await cachedOnNodeB(page), /Trams are running again/);
        assert.match(await cachedOnNodeB(json), /Trams are running again/);

        // A deletion on A reaches the same reader, and B's page drops the update.
        await api('DELETE', `/api/admin/live/updates/${update.id}`);
        await stream.waitFor(
          `the deletion of ${update.id}`,
          (f) => f.event === 'delete' && f.data.id === update.id,
        );
        await fromNodeB(page, (body) => !body.includes('Trams are running again'));
      } finally {
        stream.close();
      }
    });
  },
);
