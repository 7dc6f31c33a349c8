import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { openDatabase } from '../platform/db/database.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { waitUntil } from '../platform/jobs/test-fixtures/worker-fixtures.js';
import { startWorker } from '../platform/jobs/worker.js';
import { createLogger } from '../platform/logger.js';
import { buildArticle, buildTestApp, signInAs, type TestApp } from '../test-support/test-app.js';
import { audioKey } from './audio-files.js';
import { collectAudioGarbage } from './audio-gc.service.js';
import { localDateOf } from './briefing-schedule.js';
import { writeBriefingSettings } from './briefing-settings.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { briefingJob } from './briefing.job.js';
import { findBriefing } from './briefing.repository.js';
import { buildBriefing } from './briefing.service.js';

// Today's briefing follows the editors after the morning (ADR 0029, addendum): a change to the
// picks, or to what the briefing says of a story in it, queues one regeneration per burst,
// which replaces the episode's audio under the same GUID; anything else regenerates nothing.

describeEachDialect(
  'daily briefing: regenerated when editors change its line-up',
  (getDatabase) => {
    let t: TestApp;
    let editor: Record<string, string>;
    let today = '';
    const ids: Record<string, number> = {};
    const id = (name: string) => ids[name] ?? 0;

    before(async () => {
      t = await buildTestApp(getDatabase());
      editor = (await signInAs(t, 'editor', 'Line-up Editor')).headers;
      today = localDateOf(new Date(), (await t.services.settings.get()).timeZone);
    });
    after(() => t.close());

    const call = (method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: {
          ...editor,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });
    const queuedJobs = () =>
      getDatabase()
        .db.selectFrom('jobs')
        .select(['idempotency_key', 'status'])
        .where('name', '=', briefingJob.name)
        .where('status', 'in', ['queued', 'running'])
        .execute();
    const briefing = async () => {
      const row = await findBriefing(getDatabase().db, 'en', today);
      assert.ok(row, "today's briefing");
      return row;
    };
    const storyIds = async () => JSON.parse((await briefing()).article_ids) as number[];
    const body = (first: string, fifth = 'Fifth paragraph.') =>
      `<p>${first}</p><p>Second.</p><p>Third.</p><p>Fourth.</p><p>${fifth}</p>`;

    /** Runs the queued regeneration now (not 30 s later) with two workers; returns its jobs. */
    async function runRegeneration() {
      const database = getDatabase();
      await database.db
        .updateTable('jobs')
        .set({ run_at: new Date(Date.now() - 1000).toISOString() })
        .where('name', '=', briefingJob.name)
        .where('status', '=', 'queued')
        .execute();
      const second = openDatabase(database.url, { poolSize: 2 });
      const logger = createLogger('silent');
      const workers = [
        startWorker({
          database,
          definitions: [briefingJob],
          deps: t.services,
          logger,
          workerId: 'r1',
          pollIntervalMs: 30,
        }),
        startWorker({
          database: second,
          definitions: [briefingJob],
          deps: { ...t.services, database: second },
          logger,
          workerId: 'r2',
          pollIntervalMs: 30,
        }),
      ];
      try {
        await waitUntil(async () => (await queuedJobs()).length === 0, 60_000);
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await second.destroy();
      }
      const jobs = await database.db
        .selectFrom('jobs')
        .select(['idempotency_key', 'status', 'attempts'])
        .where('name', '=', briefingJob.name)
        .execute();
      await database.db.deleteFrom('jobs').where('name', '=', briefingJob.name).execute();
      return jobs;
    }

    it("builds the morning's briefing: the picks, then the latest", async () => {
      // Oldest first: "outside" is the one story the four-story briefing does not read.
      for (const name of ['outside', 'closing', 'third', 'first', 'second']) {
        const article = await buildArticle(getDatabase(), {
          title: `The ${name} story`,
          excerpt: name === 'third' ? '' : `Standfirst of the ${name} story.`,
          html: body(`Opening of the ${name} story.`),
        });
        ids[name] = article.id;
      }
      const draft = await buildArticle(getDatabase(), {
        title: 'The new story',
        excerpt: 'Standfirst of the new story.',
        status: 'draft',
      });
      ids.new = draft.id;
      const created = await call('POST', '/api/admin/collections', {
        name: "Editors' Picks",
        slug: 'editors-picks',
        article_ids: [id('first'), id('second')],
      });
      assert.equal(created.statusCode, 201, created.body);
      ids.picks = (created.json() as { collection: { id: number } }).collection.id;
      await writeBriefingSettings(getDatabase().db, {
        enabled: true,
        time: '00:00',
        stories: 4,
        intro: {},
        outro: {},
      });
      const result = await buildBriefing(t.services, 'en', today);
      assert.equal(result.status, 'ready');
      assert.deepEqual(result.articleIds, [id('first'), id('second'), id('third'), id('closing')]);
      // As if it was made this morning, so a regeneration's new pubDate shows.
      const morning = new Date(Date.now() - 3_600_000).toISOString();
      await getDatabase()
        .db.updateTable('audio_briefings')
        .set({ created_at: morning, updated_at: morning })
        .execute();
    });

    it('does not regenerate for a change the briefing does not say', async () => {
      const db = getDatabase().db;
      const patch = (name: string, input: Record<string, unknown>) =>
        call('PATCH', `/api/admin/articles/${id(name)}`, input);
      // A fifth paragraph; the body of a story read by its standfirst; a story it does not read.
      for (const [name, input] of [
        ['third', { html: body('Opening of the third story.', 'A new fifth paragraph.') }],
        ['first', { html: body('A rewritten opening the standfirst covers.') }],
        ['outside', { title: 'The outside story, retitled', excerpt: 'A new standfirst.' }],
        ['closing', { tags: ['Economy'] }],
      ] as const) {
        const response = await patch(name, input);
        assert.equal(response.statusCode, 200, response.body);
      }
      // A story published after the morning that is not a pick (the briefing is a morning
      // edition); most read moving during the day (no editor's change at all).
      assert.equal(
        (await call('POST', `/api/admin/articles/${id('new')}/publish`, {})).statusCode,
        200,
      );
      await db
        .insertInto('analytics_page_days')
        .values({
          day: today,
          path: '/the-outside-story/',
          article_id: id('outside'),
          views: 5000,
          visitors: 4000,
          engaged_seconds: 0,
          scroll25: 0,
          scroll50: 0,
          scroll75: 0,
          scroll100: 0,
          clicks_out: 0,
          clicks_in: 0,
          plays: 0,
          form_views: 0,
          form_submits: 0,
          prompt_views: 0,
          prompt_clicks: 0,
        } as never)
        .execute();
      assert.deepEqual(await queuedJobs(), []);
      // A regeneration keeps the stories it read (briefing-stable-lineup.test.ts) but fills a
      // place freed by an editor from the most read then: the views go, so the rest of this
      // file is about the editors' changes alone.
      await db.deleteFrom('analytics_page_days').execute();
    });

    it('regenerates once for a burst of picks and headline edits: same episode, new audio', async () => {
      const before = await briefing();
      const started = Date.now();
      // The third story has no standfirst: its first paragraph is what the briefing says.
      const opening = await call('PATCH', `/api/admin/articles/${id('third')}`, {
        html: body('The opening of the third story, rewritten.'),
      });
      assert.equal(opening.statusCode, 200, opening.body);
      assert.equal((await queuedJobs()).length, 1, 'the first paragraph it reads changed');
      const picked = await call('PATCH', `/api/admin/collections/${id('picks')}`, {
        article_ids: [id('new'), id('first'), id('second')],
      });
      assert.equal(picked.statusCode, 200, picked.body);
      for (const title of ['The third story, updated', 'The third story, corrected']) {
        const edited = await call('PATCH', `/api/admin/articles/${id('third')}`, { title });
        assert.equal(edited.statusCode, 200, edited.body);
      }
      const queued = await queuedJobs();
      assert.deepEqual(queued, [{ idempotency_key: `briefing:en:${today}`, status: 'queued' }]);
      const runAt = await getDatabase()
        .db.selectFrom('jobs')
        .select('run_at')
        .where('name', '=', briefingJob.name)
        .executeTakeFirstOrThrow();
      assert.ok(Date.parse(runAt.run_at) - started >= 25_000, 'debounced: it runs later');

      const jobs = await runRegeneration();
      assert.deepEqual(jobs, [
        { idempotency_key: `briefing:en:${today}`, status: 'done', attempts: 1 },
      ]);
      const row = await briefing();
      assert.deepEqual(await storyIds(), [id('new'), id('first'), id('second'), id('third')]);
      assert.match(row.spoken_text, /the new story\. standfirst of the new story\./);
      assert.match(
        row.spoken_text,
        /the third story, corrected\. the opening of the third story, rewritten\./,
      );
      assert.doesNotMatch(row.spoken_text, /closing/, 'pushed out by the new pick');
      assert.equal(row.uuid, before.uuid, 'the same podcast episode');
      assert.notEqual(row.file, before.file);
      assert.ok(row.updated_at > before.updated_at);

      const feed = await t.app.inject({ method: 'GET', url: '/podcast/briefing.xml' });
      assert.equal(feed.body.match(/<item>/g)?.length, 1);
      assert.ok(feed.body.includes(`<guid isPermaLink="false">${row.uuid}</guid>`));
      assert.ok(feed.body.includes(`<pubDate>${new Date(row.updated_at).toUTCString()}</pubDate>`));
      assert.ok(
        feed.body.includes(
          `<enclosure url="http://news.test/audio/${row.file}" length="${row.bytes}" type="audio/mpeg"/>`,
        ),
      );
      const home = await t.app.inject({ method: 'GET', url: '/' });
      assert.ok(
        home.body.includes(`src="/audio/${row.file}"`),
        'the home player plays the new file',
      );
      assert.ok(!home.body.includes(before.file));

      // The replaced file is garbage once its grace period is over; the new one stays.
      const gc = await collectAudioGarbage(
        { ...t.services, now: () => new Date(Date.now() + 60_000) },
        { graceMs: 1000 },
      );
      assert.ok(
        gc.filesDeleted.some((key) => key.endsWith(before.file)),
        gc.filesDeleted.join(),
      );
      assert.equal(await t.services.storage.stat(audioKey(before.file)), undefined);
      assert.ok(await t.services.storage.stat(audioKey(row.file)));
    });

    it('regenerates without a story unpublished or deleted', async () => {
      const unpublished = await call('POST', `/api/admin/articles/${id('first')}/unpublish`, {});
      assert.equal(unpublished.statusCode, 200, unpublished.body);
      const deleted = await call('DELETE', `/api/admin/articles/${id('third')}`);
      assert.equal(deleted.statusCode, 204, deleted.body);
      assert.equal((await queuedJobs()).length, 1, 'one job for both');
      await runRegeneration();
      const spoken = (await briefing()).spoken_text;
      const read = await storyIds();
      assert.ok(!read.includes(id('first')) && !read.includes(id('third')), read.join());
      assert.deepEqual(read.slice(0, 2), [id('new'), id('second')]);
      assert.doesNotMatch(spoken, /the first story|the third story/);
    });

    it("queues a rebuild for a change while the day's first build runs (nothing stored yet)", async () => {
      const db = getDatabase().db;
      const story = await buildArticle(getDatabase(), { title: 'Перша новина', language: 'uk' });
      const draft = await buildArticle(getDatabase(), {
        title: 'Чернетка',
        language: 'uk',
        status: 'draft',
      });
      const job = await enqueueJob(
        db,
        briefingJob,
        { language: 'uk', localDate: today },
        { idempotencyKey: `briefing:uk:${today}` },
      );
      assert.ok(job);
      await db.updateTable('jobs').set({ status: 'running' }).where('id', '=', job).execute();
      const draftEdit = await call('PATCH', `/api/admin/articles/${draft.id}`, {
        title: 'Ще чернетка',
      });
      assert.equal(draftEdit.statusCode, 200, draftEdit.body);
      assert.equal((await queuedJobs()).length, 1, 'a draft is in no line-up');
      const edited = await call('PATCH', `/api/admin/articles/${story.id}`, {
        title: 'Перша новина, оновлено',
      });
      assert.equal(edited.statusCode, 200, edited.body);
      assert.deepEqual((await queuedJobs()).map((j) => [j.idempotency_key, j.status]).sort(), [
        [`briefing:uk:${today}`, 'running'],
        [`briefing:uk:${today}:next`, 'queued'],
      ]);
      await db.deleteFrom('jobs').where('name', '=', briefingJob.name).execute();
    });
  },
);
