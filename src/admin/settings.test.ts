import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { cacheKeyFor } from '../platform/cache/page-cache.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { buildArticle, buildTestApp, type TestApp } from '../test-support/test-app.js';
import { requestJson, type SignedIn, signInNewUser } from './test-fixtures/admin-client.js';

const xss = `<script>alert("x")</script><img src=x onerror=alert(1)>"'&`;

describeEachDialect('site settings API', (getDatabase) => {
  let t: TestApp;
  let admin: SignedIn;
  let base: string;
  before(async () => {
    t = await buildTestApp(getDatabase());
    admin = await signInNewUser(t, getDatabase(), 'admin');
    await buildArticle(getDatabase(), { title: 'A story on the front page' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  const patch = (body: unknown) =>
    requestJson(t, 'PATCH', '/api/admin/settings', body, admin.headers);

  it('validates every field with a clear message and stores nothing on bad input', async () => {
    const before = await readSiteSettings(getDatabase().db);
    const bad = await patch({
      name: '',
      accentColor: 'red',
      timeZone: 'Mars/Olympus',
      language: 'english!',
      logoUrl: 'javascript:alert(1)',
      navigation: [{ label: 'Home', url: '//evil.example/' }],
      socialLinks: [{ label: '', url: 'data:text/html,hi' }],
    });
    assert.equal(bad.statusCode, 422);
    const { fields } = bad.json() as { fields: Record<string, string[]> };
    assert.deepEqual(Object.keys(fields).sort(), [
      'accentColor',
      'language',
      'logoUrl',
      'name',
      'navigation.0.url',
      'socialLinks.0.label',
      'socialLinks.0.url',
      'timeZone',
    ]);
    assert.match(fields.timeZone?.[0] ?? '', /IANA name like Europe\/Kyiv/);
    assert.equal((await patch({ timeZone: '+05:00' })).statusCode, 422);
    assert.equal((await patch({ unknownField: 1 })).statusCode, 422);
    assert.deepEqual(await readSiteSettings(getDatabase().db), before);

    const good = await patch({
      language: 'en-GB',
      timeZone: 'America/Argentina/Buenos_Aires',
      accentColor: '#0A5C36',
      logoUrl: 'https://cdn.news.test/logo.png',
      navigation: [
        { label: 'Politics', url: '/tag/politics/' },
        { label: 'About', url: 'https://news.test/about/' },
      ],
    });
    assert.equal(good.statusCode, 200, good.body);
    const { settings } = good.json() as { settings: Record<string, unknown> };
    assert.equal(settings.language, 'en-GB');
    assert.equal(settings.timeZone, 'America/Argentina/Buenos_Aires');
    const read = await requestJson(t, 'GET', '/api/admin/settings', undefined, admin.headers);
    assert.deepEqual((read.json() as { settings: unknown }).settings, settings);
    assert.equal((await patch({ logoUrl: '' })).statusCode, 200, 'an empty logo clears it');
    assert.equal((await readSiteSettings(getDatabase().db)).logoUrl, null);
  });

  it('shows a change on the public site at once, with the XSS corpus stored as text and escaped', async () => {
    const cold = await fetch(`${base}/`);
    assert.equal(cold.status, 200);
    await cold.text();
    assert.ok(
      t.services.pageCache.lookup(cacheKeyFor('GET', '/') ?? ''),
      'the home page is cached',
    );
    const warm = await fetch(`${base}/`);
    assert.doesNotMatch(await warm.text(), /The Kyiv Ledger/);

    const changed = await patch({
      name: 'The Kyiv Ledger',
      description: xss,
      footerText: xss,
      postalAddress: '1 Khreshchatyk St, Kyiv',
      socialLinks: [{ label: xss, url: 'https://social.example/@ledger' }],
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.equal(
      (await readSiteSettings(getDatabase().db)).footerText,
      xss,
      'stored as plain text',
    );
    assert.ok(t.purged.includes('all'), 'every page was purged');
    const job = await getDatabase()
      .db.selectFrom('jobs')
      .select('payload')
      .where('name', '=', 'cache.purge')
      .execute();
    assert.ok(
      job.some((row) => String(row.payload).includes('"all"')),
      'and the purge is durable',
    );

    for (const page of [await (await fetch(`${base}/`)).text(), (await t.app.inject('/')).body]) {
      assert.match(page, /<a class="brand" href="\/">The Kyiv Ledger<\/a>/);
      assert.match(page, /1 Khreshchatyk St, Kyiv/);
      assert.ok(!page.includes('<script>alert'), 'no script from the settings');
      assert.ok(!page.includes('<img src=x'), 'no markup from the settings');
      assert.ok(page.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    }
  });
});
