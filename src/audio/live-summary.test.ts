import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { loadLiveSummaryAudio, renderSlot } from '../site/slots.js';
import { buildArticle, buildTestApp, signInAs, type TestApp } from '../test-support/test-app.js';
import { audioKey } from './audio-files.js';
import { collectAudioGarbage } from './audio-gc.service.js';
import { describeMp3 } from './encode/mp3-frames.js';
import { findLiveSummary } from './live-summary.repository.js';
import { liveSummaryDelayMs } from './live-summary.job.js';
import { summarizeKeyEvents } from './live-summary.service.js';

type Headers = Record<string, string>;
interface Update {
  id: number;
  version: number;
}
const dayMs = 24 * 3600 * 1000;

describeEachDialect(
  'live key-events summary: key events → job → MP3 → live page',
  (getDatabase) => {
    let t: TestApp;
    let editor: Headers;
    let articleId = 0;
    const updates: Record<string, Update> = {};

    before(async () => {
      t = await buildTestApp(getDatabase());
      editor = (await signInAs(t, 'editor', 'Desk Editor')).headers;
    });
    after(() => t.close());

    const call = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: body === undefined ? editor : { ...editor, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });

    async function startCoverage(language = 'en') {
      const article = await buildArticle(getDatabase(), {
        status: 'published',
        title: language === 'uk' ? 'Війна: останні новини' : 'War latest',
        language,
      });
      const started = await call('PUT', `/api/admin/articles/${article.id}/live`, {
        state: 'live',
      });
      assert.equal(started.statusCode, 200, started.body);
      return article.id;
    }

    async function post(id: number, body: Record<string, unknown>): Promise<Update> {
      const response = await call('POST', `/api/admin/articles/${id}/live/updates`, {
        status: 'published',
        ...body,
      });
      assert.equal(response.statusCode, 201, response.body);
      return (response.json() as { update: Update }).update;
    }

    async function edit(name: string, body: Record<string, unknown>) {
      const update = updates[name];
      assert.ok(update);
      const response = await call('PATCH', `/api/admin/live/updates/${update.id}`, {
        version: update.version,
        ...body,
      });
      assert.equal(response.statusCode, 200, response.body);
      updates[name] = (response.json() as { update: Update }).update;
    }

    const summaryJobs = (id: number) =>
      getDatabase()
        .db.selectFrom('jobs')
        .select(['id', 'status', 'run_at', 'idempotency_key', 'payload'])
        .where('name', '=', 'audio.live-summary')
        .where('idempotency_key', 'like', `live-summary:${id}%`)
        .where('status', 'in', ['queued', 'running'])
        .execute();

    /** What a worker does with the due job: runs it, then marks it done. */
    async function runSummaryJob(id: number) {
      const result = await summarizeKeyEvents(t.services, id);
      await getDatabase()
        .db.updateTable('jobs')
        .set({ status: 'done' })
        .where('name', '=', 'audio.live-summary')
        .where('idempotency_key', 'like', `live-summary:${id}%`)
        .execute();
      return result;
    }

    it('a non-key update enqueues nothing; a key event enqueues one delayed summary job', async () => {
      articleId = await startCoverage();
      updates.plain = await post(articleId, {
        headline: 'Trains running late',
        html: '<p>Delays of up to an hour.</p>',
      });
      assert.equal((await summaryJobs(articleId)).length, 0, 'not a key event');

      const before = Date.now();
      updates.first = await post(articleId, {
        headline: 'Explosions heard in Kyiv',
        html: '<p>Air defence is working over the capital.</p>',
        key_event: true,
      });
      const jobs = await summaryJobs(articleId);
      assert.equal(jobs.length, 1);
      assert.equal(jobs[0]?.idempotency_key, `live-summary:${articleId}`);
      assert.deepEqual(JSON.parse(jobs[0]?.payload ?? '{}'), { v: 1, data: { articleId } });
      const delay = Date.parse(jobs[0]?.run_at ?? '') - before;
      assert.ok(
        delay >= liveSummaryDelayMs - 1000 && delay <= liveSummaryDelayMs + 5000,
        `${delay}`,
      );
    });

    it('a burst of key-event changes coalesces into that one job', async () => {
      updates.second = await post(articleId, {
        html: '<p>The mayor says the metro is open as a shelter. Stations stay open all night.</p>',
        key_event: true,
      });
      await edit('first', { headline: 'Explosions heard across Kyiv' });
      updates.third = await post(articleId, {
        headline: 'Power cut in two districts',
        html: '<p>Crews are on the way.</p>',
        key_event: true,
      });
      assert.equal((await summaryJobs(articleId)).length, 1);
    });

    it('the job stores an MP3 that speaks the key events newest first, and purges the live page', async () => {
      t.purged.length = 0;
      const result = await runSummaryJob(articleId);
      assert.equal(result.status, 'ready');
      assert.equal(result.keyEvents, 3);
      assert.equal(result.synthesized, 4, 'the intro and three key events');
      assert.ok(
        t.purged.includes(`article:${articleId}`) && t.purged.includes(`live:${articleId}`),
      );

      const row = await findLiveSummary(getDatabase().db, articleId);
      assert.ok(row);
      const lines = row.spoken_text.split('\n');
      assert.match(lines[0] ?? '', /^key events, as of [a-z -]+\.$/);
      assert.match(lines[1] ?? '', /power cut in two districts/);
      assert.match(
        lines[2] ?? '',
        /the mayor says the metro is open as a shelter\.$/,
        'first sentence',
      );
      assert.match(lines[3] ?? '', /explosions heard across kyiv/, 'the edited headline');
      assert.doesNotMatch(row.spoken_text, /trains|stations stay open/);
      assert.deepEqual(
        (JSON.parse(row.paragraphs) as { index: number }[]).map((p) => p.index),
        [-1, updates.third?.id, updates.second?.id, updates.first?.id],
      );
      const mp3 = await t.services.storage.get(audioKey(row.file));
      assert.ok(mp3);
      assert.equal(mp3.length, row.bytes);
      const described = describeMp3(mp3);
      assert.equal(described.sampleRate, 44100);
      assert.ok(Math.abs(described.durationSeconds * 1000 - row.duration_ms) < 50);

      const again = await runSummaryJob(articleId);
      assert.equal(again.status, 'unchanged', 'the same key events are not made again');
    });

    it('fills the live-summary-audio slot: a labelled audio element with its length', async () => {
      const liveSummary = await loadLiveSummaryAudio(getDatabase().db, articleId);
      assert.ok(liveSummary);
      const markup = renderSlot('live-summary-audio', {
        page: 'article',
        articleId,
        language: 'en',
        liveSummary,
      }).toString();
      assert.match(markup, /Listen to the key events \(1 min\)/);
      assert.match(
        markup,
        new RegExp(
          `<audio controls preload="none" src="/audio/${liveSummary.file}" aria-labelledby="live-summary-audio-${articleId}">`,
        ),
      );
      const uk = renderSlot('live-summary-audio', {
        page: 'article',
        articleId,
        language: 'uk',
        liveSummary,
      }).toString();
      assert.match(uk, /Прослухати ключові події \(1 хв\)/);
      const none = renderSlot('live-summary-audio', { page: 'article', articleId, language: 'en' });
      assert.match(none.toString(), /hidden/);
      // And on the live page itself (the job purged it).
      const { slug } = await getDatabase()
        .db.selectFrom('articles')
        .select('slug')
        .where('id', '=', articleId)
        .executeTakeFirstOrThrow();
      const page = await t.app.inject({ url: `/${slug}/` });
      assert.match(page.body, /Listen to the key events \(1 min\)/);
      assert.match(page.body, new RegExp(`src="/audio/${liveSummary.file}"`));
    });

    it('editing a non-key update, or only pinning a key event, enqueues nothing', async () => {
      await edit('plain', { html: '<p>Delays of up to two hours.</p>' });
      await edit('second', { pinned: true });
      assert.equal((await summaryJobs(articleId)).length, 0);
    });

    it('deleting a key event refreshes the summary from the paragraph cache; GC keeps its files', async () => {
      const previous = await findLiveSummary(getDatabase().db, articleId);
      assert.ok(previous);
      const deleted = await call('DELETE', `/api/admin/live/updates/${updates.third?.id}`);
      assert.ok(deleted.statusCode < 300, deleted.body);
      assert.equal((await summaryJobs(articleId)).length, 1);
      const result = await runSummaryJob(articleId);
      assert.equal(result.status, 'ready');
      assert.equal(result.keyEvents, 2);
      assert.ok(result.synthesized <= 1, 'only the intro, at most, is new');
      const row = await findLiveSummary(getDatabase().db, articleId);
      assert.ok(row);
      assert.doesNotMatch(row.spoken_text, /power cut/);
      assert.notEqual(row.file, previous.file);

      const gc = await collectAudioGarbage(
        {
          database: getDatabase(),
          storage: t.services.storage,
          now: () => new Date(Date.now() + 10 * dayMs),
        },
        { graceMs: 3 * dayMs },
      );
      assert.ok(
        gc.filesDeleted.includes(previous.file),
        'the superseded summary goes after its grace',
      );
      assert.ok(await t.services.storage.stat(audioKey(row.file)), 'the current summary stays');
      for (const paragraph of JSON.parse(row.paragraphs) as { cacheKey: string }[])
        assert.ok(await t.services.storage.stat(`audio/cache/${paragraph.cacheKey}.mp3`));
    });

    it('a change while the job runs queues a follow-up under the second key', async () => {
      await edit('second', { key_event: false });
      const [job] = await summaryJobs(articleId);
      assert.ok(job);
      await getDatabase()
        .db.updateTable('jobs')
        .set({ status: 'running' })
        .where('id', '=', job.id)
        .execute();
      await edit('first', { headline: 'Blasts heard across Kyiv' });
      const jobs = await summaryJobs(articleId);
      assert.deepEqual(jobs.map((j) => j.idempotency_key).sort(), [
        `live-summary:${articleId}`,
        `live-summary:${articleId}:next`,
      ]);
      const result = await runSummaryJob(articleId);
      assert.equal(result.keyEvents, 1);
      assert.match(
        (await findLiveSummary(getDatabase().db, articleId))?.spoken_text ?? '',
        /blasts/,
      );
    });

    it('unmarking the last key event removes the summary', async () => {
      await edit('first', { key_event: false });
      assert.equal((await summaryJobs(articleId)).length, 1);
      const result = await runSummaryJob(articleId);
      assert.equal(result.status, 'removed');
      assert.equal(await findLiveSummary(getDatabase().db, articleId), undefined);
      assert.equal(await loadLiveSummaryAudio(getDatabase().db, articleId), undefined);
    });

    it('speaks a Ukrainian coverage in Ukrainian', async () => {
      const id = await startCoverage('uk');
      await post(id, { headline: 'Вибухи в Києві', html: '<p>Працює ППО.</p>', key_event: true });
      const result = await runSummaryJob(id);
      assert.equal(result.status, 'ready');
      const row = await findLiveSummary(getDatabase().db, id);
      assert.match(
        row?.spoken_text ?? '',
        /^ключові події станом на [^\n]+\.\nо [^\n]+\. вибухи в києві\.$/,
      );
      assert.equal(row?.language, 'uk');

      // Unpublished: once the grace period is over, GC drops the summary, then its file.
      const unpublished = await call('POST', `/api/admin/articles/${id}/unpublish`);
      assert.equal(unpublished.statusCode, 200, unpublished.body);
      const gc = await collectAudioGarbage(
        {
          database: getDatabase(),
          storage: t.services.storage,
          now: () => new Date(Date.now() + 10 * dayMs),
        },
        { graceMs: 3 * dayMs },
      );
      assert.equal(gc.liveSummariesRemoved, 1);
      assert.equal(await findLiveSummary(getDatabase().db, id), undefined);
      assert.ok(row && gc.filesDeleted.includes(row.file));
    });
  },
);
