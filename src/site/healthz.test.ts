import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import {
  startTestS3Server,
  testS3Store,
  unreachableS3Store,
  type TestS3Server,
} from '../platform/storage/test-fixtures/s3-server.js';
import { buildTestApp, type TestApp } from '../test-support/test-app.js';

describeEachDialect('/healthz reports the database and the storage', (getDatabase) => {
  let server: TestS3Server;
  let reachable: TestApp;
  let unreachable: TestApp;
  before(async () => {
    server = await startTestS3Server();
    reachable = await buildTestApp(getDatabase(), { storage: testS3Store(server) });
    unreachable = await buildTestApp(getDatabase(), {
      storage: unreachableS3Store(),
    });
  });
  after(async () => {
    await reachable.close();
    await unreachable.close();
    await server.close();
  });

  it('is 200 when both answer', async () => {
    const health = await reachable.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.statusCode, 200);
    assert.deepEqual(health.json(), { status: 'ok', database: 'ok', storage: 'ok' });
  });

  it('is 503 naming the storage when the bucket cannot be reached', async () => {
    const health = await unreachable.app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.statusCode, 503);
    assert.deepEqual(health.json(), {
      status: 'unavailable',
      database: 'ok',
      storage: 'unreachable',
    });
    assert.equal(health.headers['cache-control'], 'no-store');
  });
});
