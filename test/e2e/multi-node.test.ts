import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { type RunningServer, seededAdmin, startServer } from './support/server.js';

// Two app processes on one PostgreSQL database, as behind a load balancer: an edit made
// through one node purges the cached page on the other (LISTEN/NOTIFY).
const adminUrl = process.env.MASTHEAD_TEST_POSTGRES_URL;

describe(
  'two server processes on PostgreSQL',
  { skip: adminUrl ? undefined : 'MASTHEAD_TEST_POSTGRES_URL is not set' },
  () => {
    const name = `masthead_e2e_${process.pid}_${Date.now()}`;
    let first: RunningServer;
    let second: RunningServer;

    before(async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`create database ${name}`);
      await client.end();
      const url = new URL(adminUrl ?? '');
      url.pathname = `/${name}`;
      first = await startServer({ env: { DATABASE_URL: url.toString() } });
      second = await startServer({
        env: { DATABASE_URL: url.toString() },
        args: ['--no-worker', '--no-seed'],
      });
    });

    after(async () => {
      await first?.stop();
      await second?.stop();
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    });

    it('an edit on one node purges the cached page on the other', async () => {
      const { email, password } = seededAdmin(first);
      const signIn = await fetch(`${first.baseUrl}/api/admin/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      assert.equal(signIn.status, 200);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const list = await fetch(`${first.baseUrl}/api/admin/articles?status=published&limit=1`, {
        headers: { cookie },
      });
      const { articles } = (await list.json()) as {
        articles: Array<{ id: number; slug: string; title: string }>;
      };
      const target = articles[0];
      assert.ok(target);
      const path = `/${target.slug}/`;

      await fetch(`${second.baseUrl}${path}`);
      const cached = await fetch(`${second.baseUrl}${path}`);
      assert.equal(cached.headers.get('x-cache'), 'HIT', 'the second node cached the page');

      const newTitle = `${target.title} (updated)`;
      const edit = await fetch(`${first.baseUrl}/api/admin/articles/${target.id}`, {
        method: 'PATCH',
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          'content-type': 'application/json',
          origin: first.baseUrl,
        },
        body: JSON.stringify({ title: newTitle }),
      });
      assert.equal(edit.status, 200, await edit.text());

      const deadline = Date.now() + 5000;
      let body = '';
      for (;;) {
        const response = await fetch(`${second.baseUrl}${path}`);
        body = await response.text();
        if (body.includes('(updated)')) break;
        if (Date.now() > deadline) assert.fail('the second node kept serving the stale page');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.ok(body.includes('(updated)'));
    });
  },
);
