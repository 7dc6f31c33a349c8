import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { writeSiteSettings } from '../../platform/settings/site-settings.js';
import { buildArticle, buildTestApp, type TestApp } from '../../test-support/test-app.js';

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'long-title': 'off' },
});

async function htmlProblems(markup: string): Promise<string[]> {
  const report = await validator.validateString(markup);
  return report.results.flatMap((r) =>
    r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
  );
}

describeEachDialect('a Ukrainian-language site', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    await writeSiteSettings(getDatabase().db, {
      name: 'Київський вісник',
      timeZone: 'Europe/Kyiv',
      language: 'uk',
    });
    t = await buildTestApp(getDatabase());
  });
  after(() => t.close());
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('renders an article in Ukrainian: lang="uk", byline, date, reading time, tags, valid HTML', async () => {
    const article = await buildArticle(getDatabase(), {
      title: 'Україна повернула додому 215 полонених',
      language: 'uk',
      authors: ['Олена Шевчук', 'Петро Коваль'],
      tags: ['Війна'],
      published_at: '2022-10-06T15:33',
      html: `<p>${'слово '.repeat(330)}</p>`,
    });
    const response = await get(`/${article.slug}/`);
    assert.equal(response.statusCode, 200);
    const body = response.body;
    assert.match(body, /<html lang="uk">/);
    assert.match(body, /<a class="skip-link" href="#main">Перейти до змісту<\/a>/);
    assert.match(body, /Автори: <a href="\/author\/[^"]+\/">Олена Шевчук<\/a> і <a/);
    assert.match(
      body,
      /<time datetime="2022-10-06T15:33:00\+03:00">6 жовтня 2022 р\.[^<]*15:33<\/time>/,
    );
    assert.match(body, /<span>2 хвилини читання<\/span>/);
    assert.match(body, /<nav aria-label="Теми">/);
    assert.doesNotMatch(body, /Skip to content|min read|>By |Related|Search stories/);
    assert.deepEqual(await htmlProblems(body), []);
  });

  it('renders the home page and errors in Ukrainian', async () => {
    await buildArticle(getDatabase(), { title: 'Друга новина', language: 'uk' });
    const home = await get('/');
    assert.equal(home.statusCode, 200);
    assert.match(home.body, /<html lang="uk">/);
    assert.match(home.body, /<h1 class="section-title">Стрічка новин<\/h1>/);
    assert.match(home.body, /<button type="submit">Шукати<\/button>/);
    assert.match(home.body, /© \d{4} Київський вісник/);
    assert.doesNotMatch(home.body, /News Feed|More News|Editors/);
    assert.deepEqual(await htmlProblems(home.body), []);
    const missing = await get('/no-such-story/');
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /<h1>Сторінку не знайдено<\/h1>/);
    assert.match(missing.body, /<a href="\/">На головну<\/a>/);
    const search = await get(`/search?q=${encodeURIComponent('новина')}`);
    assert.equal(search.statusCode, 200);
    assert.match(search.body, /<h1 class="section-title">Пошук<\/h1>/);
    assert.match(search.body, /\d+ результат[а-я]* за запитом «новина»/);
    assert.deepEqual(await htmlProblems(search.body), []);
    const tag = await get('/tag/ukraine-news/');
    assert.equal(tag.statusCode, 200);
    assert.match(tag.body, /<html lang="uk">/);
  });

  it('an English article on the Ukrainian site: page chrome in Ukrainian, the article in English with lang="en"', async () => {
    const article = await buildArticle(getDatabase(), {
      title: 'Ukraine brings home 215 POWs',
      language: 'en',
      authors: ['Olena Shevchuk'],
      published_at: '2022-10-06T15:33',
    });
    const body = (await get(`/${article.slug}/`)).body;
    assert.match(body, /<html lang="uk">/);
    assert.match(body, /<article class="article" data-article-id="\d+" lang="en">/);
    assert.match(body, /By <a href="\/author\/olena-shevchuk[^"]*\/">Olena Shevchuk<\/a>/);
    assert.match(body, /October 6, 2022 3:33\s?PM/);
    assert.match(body, /1 min read/);
    assert.match(body, /Перейти до змісту/);
    assert.deepEqual(await htmlProblems(body), []);
  });
});
