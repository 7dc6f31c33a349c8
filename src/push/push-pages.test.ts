import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { renderSlot } from '../site/slots.js';
import { buildArticle, buildTestApp, type TestApp } from '../test-support/test-app.js';
import { pushScript } from './push-assets.js';

// The opt-in buttons on public pages: the same bytes for every reader (the page stays cached),
// hidden until the script finds push supported, and no permission asked on load.

describeEachDialect('web push on public pages', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(getDatabase());
  });
  after(async () => {
    await t.close();
  });

  it('puts the breaking-news button and its script in every page’s footer, identical for all readers', async () => {
    const article = await buildArticle(t.services.database);
    for (const url of ['/', `/${article.slug}/`]) {
      const first = await t.app.inject({ method: 'GET', url });
      const second = await t.app.inject({
        method: 'GET',
        url,
        headers: { cookie: 'masthead_member=paying', 'accept-language': 'uk' },
      });
      assert.equal(first.statusCode, 200);
      assert.equal(first.body, second.body, 'the same bytes for everyone');
      assert.match(
        first.body,
        /<div class="push-optin push-optin--breaking" data-push-topic="breaking" data-push-language="en"[^>]* hidden><button type="button" class="push-optin__button">Get breaking news alerts<\/button>/,
      );
      assert.ok(first.body.includes(`<script src="${pushScript().path}" defer></script>`));
      assert.doesNotMatch(first.body, /data-push-topic="live:/, 'not a live coverage');
    }
  });

  it('offers "Follow this live coverage" only on a live coverage, in the article’s language', () => {
    const live = renderSlot('live-follow', {
      page: 'article',
      articleId: 12,
      language: 'uk',
      liveCoverage: true,
    }).value;
    assert.match(live, /data-push-topic="live:12" data-push-language="uk"/);
    assert.match(live, />Стежити за цією трансляцією</);
    assert.match(live, /data-label-denied="[^"]+"/);
    const ended = renderSlot('live-follow', { page: 'article', articleId: 12, language: 'en' });
    assert.equal(ended.value, '<div data-slot="live-follow" hidden></div>');
  });

  it('serves the script for a year and the service worker at the root, revalidated', async () => {
    const script = await t.app.inject({ method: 'GET', url: pushScript().path });
    assert.equal(script.statusCode, 200);
    assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(script.headers['content-type']), /javascript/);
    // Permission is asked for in the click handler's path only, never when the script loads.
    assert.equal(script.body.split('requestPermission').length, 2);
    assert.match(script.body, /addEventListener\('click'/);
    const worker = await t.app.inject({ method: 'GET', url: '/push-sw.js' });
    assert.equal(worker.statusCode, 200);
    assert.equal(worker.headers['cache-control'], 'no-cache');
    assert.match(worker.body, /addEventListener\('push'/);
    assert.match(worker.body, /addEventListener\('notificationclick'/);
    const again = await t.app.inject({
      method: 'GET',
      url: '/push-sw.js',
      headers: { 'if-none-match': String(worker.headers.etag) },
    });
    assert.equal(again.statusCode, 304);
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/push/alerts.0000000000.js' })).statusCode,
      404,
    );
  });
});
