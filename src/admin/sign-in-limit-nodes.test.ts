import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildUser, type TestApp } from '../test-support/test-app.js';

// Two app instances over one database are two nodes behind a load balancer: the staff
// sign-in limit (10 wrong passwords per IP and account per quarter hour) holds for both together.
describeEachDialect('staff sign-in limit across nodes', (getDatabase) => {
  let nodes: TestApp[] = [];
  before(async () => {
    const rateLimitPrefix = `nodes-${randomUUID()}:`;
    nodes = [
      await buildTestApp(getDatabase(), { rateLimitPrefix }),
      await buildTestApp(getDatabase(), { rateLimitPrefix }),
    ];
  });
  after(async () => {
    for (const node of nodes) await node.close();
  });

  it('counts wrong passwords sent to either node against one limit', async () => {
    const { email, password } = await buildUser(getDatabase(), 'editor');
    const attempt = (node: TestApp, tried: string) =>
      node.app.inject({
        method: 'POST',
        url: '/api/admin/session',
        payload: { email, password: tried },
      });
    const answers: number[] = [];
    for (let i = 0; i < 10; i += 1)
      answers.push((await attempt(nodes[i % 2] as TestApp, `wrong password ${i}`)).statusCode);
    assert.deepEqual(answers, Array(10).fill(401), 'five wrong passwords on each node');
    for (const node of nodes) {
      const refused = await attempt(node, password);
      assert.equal(
        refused.statusCode,
        429,
        'the 11th attempt is refused on both nodes, even a right one',
      );
      assert.ok(Number(refused.headers['retry-after']) > 0);
      assert.match((refused.json() as { message: string }).message, /Too many sign-in attempts/);
    }
  });

  it('an app with its own prefix still counts alone (how every other test app runs)', async () => {
    const { email, password } = await buildUser(getDatabase(), 'author');
    const alone = await buildTestApp(getDatabase());
    try {
      for (let i = 0; i < 10; i += 1)
        await nodes[0]?.app.inject({
          method: 'POST',
          url: '/api/admin/session',
          payload: { email, password: `wrong ${i}` },
        });
      const signedIn = await alone.app.inject({
        method: 'POST',
        url: '/api/admin/session',
        payload: { email, password },
      });
      assert.equal(signedIn.statusCode, 200);
    } finally {
      await alone.close();
    }
  });
});
