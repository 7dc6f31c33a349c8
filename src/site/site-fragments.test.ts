import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { writeSiteSettings } from '../platform/settings/site-settings.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';

// Bylines and related lists are kept between renders (fragments); every change a reader can
// see must still reach every page that shows it, cached page or not.

describeEachDialect('page fragments', (getDatabase) => {
  let t: TestApp;
  let auth: { authorization: string };
  before(async () => {
    await writeSiteSettings(getDatabase().db, { name: 'The Test Ledger', timeZone: 'Europe/Kyiv' });
    t = await buildTestApp(getDatabase());
    auth = { authorization: `Bearer ${await buildToken(getDatabase(), 'editor')}` };
  });
  after(() => t.close());
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const api = (method: 'POST' | 'PATCH', url: string, payload: object) =>
    t.app.inject({ method, url, headers: auth, payload });

  it('an author renamed in the newsroom is renamed on the article, its related stories, home and tag pages', async () => {
    const first = await buildArticle(getDatabase(), {
      title: 'Grid repairs take weeks',
      authors: ['Mykola Fragmentenko'],
      tags: ['Fragment energy'],
    });
    const second = await buildArticle(getDatabase(), {
      title: 'Generators reach the villages',
      authors: ['Iryna Bylinska'],
      tags: ['Fragment energy'],
    });
    for (const url of ['/', `/${first.slug}/`, `/${second.slug}/`, '/tag/fragment-energy/'])
      assert.match((await get(url)).body, /Mykola Fragmentenko/, `${url} before the rename`);
    const author = await getDatabase()
      .db.selectFrom('authors')
      .select('id')
      .where('name', '=', 'Mykola Fragmentenko')
      .executeTakeFirstOrThrow();
    const renamed = await api('PATCH', `/api/admin/authors/${author.id}`, {
      name: 'Mykola Fragmentenko-Novak',
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    for (const url of ['/', `/${first.slug}/`, `/${second.slug}/`, '/tag/fragment-energy/']) {
      const body = (await get(url)).body;
      assert.match(body, /Mykola Fragmentenko-Novak/, `${url} after the rename`);
      assert.doesNotMatch(body, /Mykola Fragmentenko</, `${url} shows no old name`);
    }
  });

  it('a story published in a tag joins the related list of the tag’s articles already rendered', async () => {
    const older = await buildArticle(getDatabase(), {
      title: 'Ports reopen along the coast',
      tags: ['Fragment ports'],
    });
    assert.doesNotMatch((await get(`/${older.slug}/`)).body, /Dredging resumes/);
    const created = await api('POST', '/api/admin/articles', {
      title: 'Dredging resumes in Odesa',
      tags: ['Fragment ports'],
      authors: ['Olena Shevchuk'],
      status: 'published',
      html: '<p>Work started at dawn.</p>',
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.match((await get(`/${older.slug}/`)).body, /Dredging resumes in Odesa/);
    const id = (created.json() as { article: { id: number; version: number } }).article;
    const retitled = await api('PATCH', `/api/admin/articles/${id.id}`, {
      title: 'Dredging resumes in Odesa port',
      version: id.version,
    });
    assert.equal(retitled.statusCode, 200, retitled.body);
    assert.match(
      (await get(`/${older.slug}/`)).body,
      /Dredging resumes in Odesa port/,
      'a related story’s new headline reaches the article that lists it',
    );
  });
});
