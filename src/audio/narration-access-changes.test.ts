import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { runQueuedJobs } from '../test-support/run-jobs.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { findNarration } from './narration.repository.js';
import { narrateArticle } from './narration.service.js';

// When an article's level changes under its narration, the public audio never says more than
// the page: a story gated by its tag's new default (no edit of the story) loses its whole-body
// public file from the page and the podcast feed at once, and is narrated again as gated; a
// gated story edited since its narration offers no audio until narrated again; a story opened
// by its tag plays its whole-body file to everyone.

const html = '<p>One here.</p><p>Two here.</p><p>Three secret.</p><p>Four secret.</p>';

describeEachDialect('narration when access levels change', (getDatabase) => {
  let t: TestApp;
  let token: string;
  let counter = 0;
  const api = (method: 'PATCH' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
  const tagId = async (name: string) =>
    (
      await getDatabase()
        .db.selectFrom('tags')
        .select('id')
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id;
  const page = async (slug: string) => (await t.app.inject({ url: `/${slug}/` })).body;
  const feed = async () => (await t.app.inject({ url: '/podcast.xml' })).body;
  /** A story following its own tag's default (public at first). */
  const storyUnderTag = async () => {
    counter += 1;
    const tag = `Desk ${counter}`;
    const article = await buildArticle(getDatabase(), { html, tags: [tag], preview_paragraphs: 1 });
    return { article, tag };
  };

  before(async () => {
    t = await buildTestApp(getDatabase());
    token = await buildToken(getDatabase(), 'editor');
  });
  after(() => t.close());

  it('drops a whole-body public file of a story its tag gated, then narrates it as gated', async () => {
    const { article, tag } = await storyUnderTag();
    await runQueuedJobs(t.services); // its own narration (and anything else queued)
    const open = await narrateArticle(t.services, article.id);
    assert.equal(open.paragraphs, 5, 'public: the whole body');
    assert.ok((await page(article.slug)).includes(`/audio/${open.file ?? ''}`));
    assert.ok((await feed()).includes(`/audio/${open.file ?? ''}`));

    const gated = await api('PATCH', `/api/admin/tags/${await tagId(tag)}`, {
      access_level: 'paid',
    });
    assert.equal(gated.statusCode, 200, gated.body);
    const preview = await page(article.slug);
    assert.doesNotMatch(preview, /Three secret/, 'the page is gated now');
    assert.ok(!preview.includes(open.file ?? '-'), 'and does not play the whole body');
    assert.doesNotMatch(preview, /data-audio-player/);
    assert.ok(!(await feed()).includes(open.file ?? '-'), 'nor does the podcast feed');

    // The tag change queued a narration of the story as it is now: gated.
    await runQueuedJobs(t.services);
    const row = await findNarration(getDatabase().db, article.id);
    assert.ok(row?.file && row.full_file, 'two files now');
    assert.notEqual(row.file, open.file);
    assert.equal(
      row.full_file,
      open.file,
      'the whole body is the same audio, now behind the check',
    );
    const narrated = await page(article.slug);
    assert.ok(narrated.includes(`src="/audio/${row.file}"`), 'the preview’s audio');
    assert.ok((await feed()).includes(`/audio/${row.file}"`));
    assert.ok(!(await feed()).includes(row.full_file));
  });

  it('offers a gated story no audio between an edit and its next narration', async () => {
    const article = await buildArticle(getDatabase(), {
      html,
      access_level: 'members',
      preview_paragraphs: 3,
    });
    const first = await narrateArticle(t.services, article.id);
    assert.ok((await page(article.slug)).includes(`src="/audio/${first.file ?? ''}"`));
    // The preview shrinks: the old public file speaks more than the new preview shows.
    const edited = await api('PATCH', `/api/admin/articles/${article.id}`, {
      preview_paragraphs: 1,
    });
    assert.equal(edited.statusCode, 200, edited.body);
    assert.doesNotMatch(await page(article.slug), /data-audio-player/);
    assert.ok(!(await feed()).includes(first.file ?? '-'));
    const second = await narrateArticle(t.services, article.id);
    assert.equal(second.paragraphs, 2);
    assert.ok((await page(article.slug)).includes(`src="/audio/${second.file ?? ''}"`));
  });

  it('plays the whole-body file to everyone once the story’s tag opens it', async () => {
    const { article, tag } = await storyUnderTag();
    const id = await tagId(tag);
    assert.equal(
      (await api('PATCH', `/api/admin/tags/${id}`, { access_level: 'paid' })).statusCode,
      200,
    );
    await runQueuedJobs(t.services);
    const gated = await narrateArticle(t.services, article.id);
    assert.ok(gated.fullFile);
    assert.equal(
      (await api('PATCH', `/api/admin/tags/${id}`, { access_level: null })).statusCode,
      200,
    );
    const opened = await page(article.slug);
    assert.match(opened, /Three secret/);
    const src = `/audio/full/${article.id}/${gated.fullFile}`;
    assert.ok(opened.includes(`src="${src}"`), 'the whole body, from the checked route');
    const audio = await t.app.inject({ url: src });
    assert.equal(audio.statusCode, 200, 'which admits everyone to a public story');
    // Narrated again as public: one file, the whole body, public.
    await runQueuedJobs(t.services);
    const row = await findNarration(getDatabase().db, article.id);
    assert.equal(row?.full_file, null);
    assert.ok((await page(article.slug)).includes(`src="/audio/${row?.file ?? ''}"`));
  });
});
