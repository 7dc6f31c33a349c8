import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Fastify from 'fastify';
import { adminContentSecurityPolicy, registerAdminUiRoutes } from './admin-ui.routes.js';

describe('admin app routes (/admin/)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-admin-ui-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Admin</title>');
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not an asset');
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function appFor(root: string) {
    const app = Fastify();
    registerAdminUiRoutes(app, { dir: root });
    await app.ready();
    return app;
  }

  it('answers every /admin/ path with index.html, never cached, under the strict CSP', async () => {
    const app = await appFor(dir);
    for (const url of ['/admin/', '/admin/articles/12/edit', '/admin/reset-password?token=x']) {
      const response = await app.inject({ url });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers['cache-control'], 'no-store');
      assert.equal(response.headers['content-security-policy'], adminContentSecurityPolicy);
      assert.match(response.body, /<title>Admin<\/title>/);
    }
    const bare = await app.inject({ url: '/admin?next=/admin/articles' });
    assert.equal(bare.statusCode, 301);
    assert.equal(bare.headers.location, '/admin/?next=/admin/articles');
    await app.close();
  });

  it('serves hashed assets as immutable and nothing outside assets/', async () => {
    const app = await appFor(dir);
    const asset = await app.inject({ url: '/admin/assets/index-AbC123.js' });
    assert.equal(asset.statusCode, 200);
    assert.match(String(asset.headers['content-type']), /text\/javascript/);
    assert.match(String(asset.headers['cache-control']), /immutable/);
    for (const url of [
      '/admin/assets/..%2Fsecret.txt',
      '/admin/assets/%2E%2E%2Findex.html',
      '/admin/assets/missing-1.js',
      '/admin/assets/secret.txt',
    ])
      assert.equal((await app.inject({ url })).statusCode, 404, url);
    await app.close();
  });

  it('answers a clear 503 page when the app has not been built', async () => {
    const app = await appFor(join(dir, 'nowhere'));
    const response = await app.inject({ url: '/admin/articles' });
    assert.equal(response.statusCode, 503);
    assert.match(response.body, /npm run build/);
    assert.equal(response.headers['cache-control'], 'no-store');
    await app.close();
  });
});
