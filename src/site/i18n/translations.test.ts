import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { writeSiteSettings } from '../../platform/settings/site-settings.js';
import {
  buildArticle,
  buildTestApp,
  buildToken,
  type TestApp,
} from '../../test-support/test-app.js';

describeEachDialect('article translations', (getDatabase) => {
  let t: TestApp;
  let token = '';
  before(async () => {
    await writeSiteSettings(getDatabase().db, { name: 'The Test Ledger', language: 'en' });
    t = await buildTestApp(getDatabase());
    token = await buildToken(getDatabase(), 'editor');
  });
  after(() => t.close());
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const link = (id: number, translationOf: number | null) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/admin/articles/${id}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: { translation_of: translationOf },
    });

  it('links an article and its translation: hreflang both ways with x-default, a switcher on each', async () => {
    const english = await buildArticle(getDatabase(), {
      title: 'Power restored in Kharkiv',
      language: 'en',
    });
    const ukrainian = await buildArticle(getDatabase(), {
      title: 'У Харкові відновили світло',
      language: 'uk',
    });
    const before = await get(`/${english.slug}/`);
    assert.doesNotMatch(before.body, /hreflang/, 'no alternates before linking');
    const response = await link(ukrainian.id, english.id);
    assert.equal(response.statusCode, 200, response.body);

    const en = (await get(`/${english.slug}/`)).body;
    const uk = (await get(`/${ukrainian.slug}/`)).body;
    for (const page of [en, uk]) {
      assert.match(
        page,
        new RegExp(`<link rel="alternate" hreflang="en" href="http://news.test/${english.slug}/">`),
      );
      assert.match(
        page,
        new RegExp(
          `<link rel="alternate" hreflang="uk" href="http://news.test/${ukrainian.slug}/">`,
        ),
      );
      assert.match(
        page,
        new RegExp(
          `<link rel="alternate" hreflang="x-default" href="http://news.test/${english.slug}/">`,
        ),
        'x-default is the version in the site language',
      );
    }
    assert.match(
      en,
      new RegExp(
        `<a href="/${ukrainian.slug}/" hreflang="uk" lang="uk" rel="alternate">Українською</a>`,
      ),
    );
    assert.match(
      uk,
      new RegExp(
        `<a href="/${english.slug}/" hreflang="en" lang="en" rel="alternate">In English</a>`,
      ),
    );
    assert.match(uk, /<nav class="article__translations" aria-label="Також доступно">/);
    assert.match(uk, /<html lang="en">/);
    assert.match(uk, /<article class="article" data-article-id="\d+" lang="uk">/);
    const report = await new HtmlValidate({
      extends: ['html-validate:recommended'],
    }).validateString(uk);
    assert.deepEqual(
      report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} ${m.message}`)),
      [],
    );

    const unlinked = await link(ukrainian.id, null);
    assert.equal(unlinked.statusCode, 200);
    assert.doesNotMatch((await get(`/${english.slug}/`)).body, /hreflang|Українською/);
    assert.doesNotMatch((await get(`/${ukrainian.slug}/`)).body, /hreflang|In English/);
  });

  it('refuses a link to itself, to a missing article, or a second article in the same language', async () => {
    const first = await buildArticle(getDatabase(), { language: 'en' });
    const second = await buildArticle(getDatabase(), { language: 'en' });
    const self = await link(first.id, first.id);
    assert.equal(self.statusCode, 422);
    assert.match(self.body, /translation_of/);
    const missing = await link(first.id, 999_999);
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /no article with id 999999/);
    const same = await link(second.id, first.id);
    assert.equal(same.statusCode, 422);
    assert.match(same.body, /both be in \\"en\\"|both be in "en"/);
    const bad = await t.app.inject({
      method: 'PATCH',
      url: `/api/admin/articles/${first.id}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: { translation_of: 'abc' },
    });
    assert.equal(bad.statusCode, 422);
    assert.doesNotMatch((await get(`/${first.slug}/`)).body, /hreflang/);
  });

  it('an unpublished translation is not linked to; publishing it updates the other page', async () => {
    const english = await buildArticle(getDatabase(), { language: 'en' });
    const draft = await buildArticle(getDatabase(), { language: 'uk', status: 'draft' });
    assert.equal((await link(draft.id, english.id)).statusCode, 200);
    const first = await get(`/${english.slug}/`);
    assert.doesNotMatch(first.body, /hreflang/);
    assert.match(String(first.headers['surrogate-key']), new RegExp(`article:${draft.id}\\b`));
    const publish = await t.app.inject({
      method: 'POST',
      url: `/api/admin/articles/${draft.id}/publish`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: {},
    });
    assert.equal(publish.statusCode, 200, publish.body);
    assert.match((await get(`/${english.slug}/`)).body, /hreflang="uk"/);
  });
});
