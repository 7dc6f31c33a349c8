import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { runQueuedJobs } from '../test-support/run-jobs.js';
import { buildArticle, buildTestApp, signInAs, type TestApp } from '../test-support/test-app.js';
import { allowPushService, subscribeBrowser } from './test-fixtures/push-factories.js';
import { startPushService, type PushService } from './test-fixtures/push-service.js';

// The whole path with live coverage's own API: a live page offers "Follow this live
// coverage"; an editor posts an update with "push" ticked; its followers get it, once.

describeEachDialect('web push and live coverage', (getDatabase) => {
  let t: TestApp;
  let service: PushService;
  before(async () => {
    t = await buildTestApp(getDatabase());
    service = await startPushService();
    allowPushService(t, service);
  });
  after(async () => {
    await t.close();
    await service.close();
  });

  it('a live page offers to follow it; an update posted with push alerts its followers', async () => {
    const editor = await signInAs(t, 'editor');
    const article = await buildArticle(getDatabase(), { title: 'Ukraine war latest' });
    const json = { ...editor.headers, 'content-type': 'application/json' };
    const live = await t.app.inject({
      method: 'PUT',
      url: `/api/admin/articles/${article.id}/live`,
      headers: json,
      payload: { state: 'live' },
    });
    assert.equal(live.statusCode, 200, live.body);
    const page = await t.app.inject({ url: `/${article.slug}/` });
    assert.match(
      page.body,
      new RegExp(`data-push-topic="live:${article.id}"[^>]*>.*?Follow this live coverage`),
    );

    const follower = await subscribeBrowser(t, service, [`live:${article.id}`]);
    const bystander = await subscribeBrowser(t, service, ['breaking']);
    const post = (body: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/admin/articles/${article.id}/live/updates`,
        headers: json,
        payload: { status: 'published', ...body },
      });
    const pushed = await post({
      headline: 'Sirens in Kyiv',
      html: '<p>An air raid alert is in force across the city.</p>',
      key_event: true,
      push: true,
    });
    assert.equal(pushed.statusCode, 201, pushed.body);
    const quiet = await post({ html: '<p>Trains are running on time.</p>' });
    assert.equal(quiet.statusCode, 201, quiet.body);
    await runQueuedJobs(t.services);

    assert.equal(service.receivedBy(bystander.id).length, 0);
    const messages = service.receivedBy(follower.id);
    assert.equal(messages.length, 1, 'only the update with push ticked');
    const payload = JSON.parse(messages[0]?.payload ?? '{}') as Record<string, string>;
    assert.equal(payload.title, 'Sirens in Kyiv');
    assert.match(payload.body ?? '', /air raid alert is in force/);
    const { id } = pushed.json<{ update: { id: number } }>().update;
    assert.equal(payload.url, `http://news.test/${article.slug}/#update-${id}`);
    assert.equal(messages[0]?.topic, `live-${article.id}`);
  });
});
