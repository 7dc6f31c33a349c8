import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildTestApp, type TestApp } from '../test-support/test-app.js';
import { narrateArticle } from './narration.service.js';

// The audio file is public: a gated article is narrated only as far as its preview (ADR 0026).
describeEachDialect('narration of gated articles', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(getDatabase());
  });
  after(() => t.close());

  it('speaks the headline and the preview of a paid article, the whole of a public one', async () => {
    const html = '<p>One here.</p><p>Two here.</p><p>Three secret.</p><p>Four secret.</p>';
    const paid = await buildArticle(getDatabase(), {
      html,
      access_level: 'paid',
      preview_paragraphs: 1,
    });
    const open = await buildArticle(getDatabase(), { html });
    const gated = await narrateArticle(t.services, paid.id);
    assert.equal(gated.status, 'ready');
    assert.equal(gated.paragraphs, 2, 'headline and the one preview paragraph');
    const whole = await narrateArticle(t.services, open.id);
    assert.equal(whole.paragraphs, 5);
    const page = await t.app.inject({ url: `/${paid.slug}/` });
    assert.doesNotMatch(page.body, /Three secret/);
    assert.match(page.body, /data-audio-player/);
  });
});
