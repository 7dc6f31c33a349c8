import assert from 'node:assert/strict';
import { createServer, type Server, connect as tcpConnect } from 'node:net';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { openDatabase } from './database.js';

// While PostgreSQL is unreachable (restarting, failing over), a query waits for it instead of
// failing at once. The "restart" here is a TCP port that refuses connections until a proxy to
// the real server starts listening on it.

const url = process.env.MASTHEAD_TEST_POSTGRES_URL;

describe(
  'PostgreSQL connections while the server comes back',
  { skip: url ? undefined : 'MASTHEAD_TEST_POSTGRES_URL is not set' },
  () => {
    let proxy: Server | undefined;
    after(() => new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve())));

    async function freePort(): Promise<number> {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as { port: number };
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      return port;
    }

    it('waits for the server instead of failing, and still fails when it never comes', async () => {
      const target = new URL(url ?? '');
      const port = await freePort();
      const through = new URL(target);
      through.hostname = '127.0.0.1';
      through.port = String(port);
      const database = openDatabase(through.toString(), { poolSize: 2 });
      try {
        // Nothing listens yet: the query is sent while "PostgreSQL is down".
        const started = Date.now();
        const answer = sql<{ one: number }>`select 1 as one`.execute(database.db);
        setTimeout(() => {
          proxy = createServer((socket) => {
            const upstream = tcpConnect(Number(target.port || 5432), target.hostname);
            socket.pipe(upstream).pipe(socket);
            const close = () => {
              socket.destroy();
              upstream.destroy();
            };
            socket.on('error', close);
            upstream.on('error', close);
          }).listen(port, '127.0.0.1');
        }, 700);
        const result = await answer;
        assert.equal(result.rows[0]?.one, 1);
        assert.ok(Date.now() - started >= 600, 'it waited for the server');
      } finally {
        await database.destroy();
      }

      // A server that never comes back: the error arrives after the wait, not never.
      const nowhere = new URL(target);
      nowhere.hostname = '127.0.0.1';
      nowhere.port = String(await freePort());
      const lost = openDatabase(nowhere.toString(), { poolSize: 1 });
      try {
        await assert.rejects(sql`select 1`.execute(lost.db), /ECONNREFUSED/);
      } finally {
        await lost.destroy();
      }
    });
  },
);
