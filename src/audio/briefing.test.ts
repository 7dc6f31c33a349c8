import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { openDatabase } from '../platform/db/database.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createLogger } from '../platform/logger.js';
import { waitUntil } from '../platform/jobs/test-fixtures/worker-fixtures.js';
import { startWorker } from '../platform/jobs/worker.js';
import { buildArticle, buildTestApp, signInAs, type TestApp } from '../test-support/test-app.js';
import { audioKey } from './audio-files.js';
import { localDateOf, nextBriefingSlot, shiftLocalDate } from './briefing-schedule.js';
import { writeBriefingSettings } from './briefing-settings.js';
import {
  briefingJob,
  briefingRegenerationDelayMs,
  briefingSlotJob,
  scheduleBriefings,
} from './briefing.job.js';
import { findBriefing } from './briefing.repository.js';
import { buildBriefing, selectBriefingStories } from './briefing.service.js';
import { describeMp3 } from './encode/mp3-frames.js';

const schema = new URL('../../test/fixtures/rss/podcast.rng', import.meta.url).pathname;

/** Validates a feed with Debian's xmllint against the RSS 2.0 + iTunes RelaxNG schema. */
function assertValidFeed(xml: string) {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-feed-'));
  try {
    const file = join(dir, 'feed.xml');
    writeFileSync(file, xml);
    const result = spawnSync('/usr/bin/xmllint', ['--noout', '--relaxng', schema, file], {
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, `xmllint rejected the feed:\n${result.stderr}\n${xml}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describeEachDialect(
  'daily audio briefing: line-up → job → MP3 → home page and podcast',
  (getDatabase) => {
    let t: TestApp;
    let editor: Record<string, string>;
    let today = '';
    const ids: Record<string, number> = {};

    before(async () => {
      t = await buildTestApp(getDatabase());
      editor = (await signInAs(t, 'editor', 'Briefing Editor')).headers;
      today = localDateOf(new Date(), (await t.services.settings.get()).timeZone);
    });
    after(() => t.close());

    const call = (method: 'POST' | 'PUT' | 'PATCH', url: string, body: unknown) =>
      t.app.inject({
        method,
        url,
        headers: { ...editor, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });

    it('chooses picks, then most read of the last day, then latest, in the language', async () => {
      const db = getDatabase().db;
      for (const name of ['old', 'read', 'picked', 'latest']) {
        const article = await buildArticle(getDatabase(), {
          title: `The ${name} story`,
          excerpt: name === 'latest' ? '' : `Standfirst of the ${name} story.`,
          html: `<p>First paragraph of the ${name} story. It goes on.</p><p>Second paragraph.</p>`,
        });
        ids[name] = article.id;
      }
      await buildArticle(getDatabase(), { title: 'Українська новина', language: 'uk' });
      const created = await call('POST', '/api/admin/collections', {
        name: "Editors' Picks",
        slug: 'editors-picks',
        article_ids: [ids.picked],
      });
      assert.equal(created.statusCode, 201, created.body);
      ids.collection = (created.json() as { collection: { id: number } }).collection.id;
      const yesterday = shiftLocalDate(today, -1);
      const views = (day: string, articleId: number, n: number) => ({
        day,
        path: `/p-${articleId}-${day}/`,
        article_id: articleId,
        views: n,
        visitors: n,
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
      });
      await db
        .insertInto('analytics_page_days')
        .values([
          views(yesterday, ids.read ?? 0, 40),
          views(today, ids.read ?? 0, 5),
          views(today, ids.old ?? 0, 30),
          // A week ago does not count as "the last day".
          views(shiftLocalDate(today, -7), ids.latest ?? 0, 1000),
        ] as never)
        .execute();
      const stories = await selectBriefingStories(db, 'en', today, 3);
      assert.deepEqual(
        stories.map((s) => s.id),
        [ids.picked, ids.read, ids.old],
      );
      const all = await selectBriefingStories(db, 'en', today, 10);
      assert.deepEqual(
        all.map((s) => s.id),
        [ids.picked, ids.read, ids.old, ids.latest],
        'then the latest; the Ukrainian story is not in the English briefing',
      );
    });

    it('makes the briefing: intro, headline and standfirst (or first paragraph), outro; purges home', async () => {
      await writeBriefingSettings(getDatabase().db, {
        enabled: true,
        time: '00:00',
        stories: 10,
        intro: { en: 'Hello from {site} on {date}.' },
        outro: {},
      });
      t.purged.length = 0;
      const result = await buildBriefing(t.services, 'en', today);
      assert.equal(result.status, 'ready');
      assert.deepEqual(result.articleIds, [ids.picked, ids.read, ids.old, ids.latest]);
      assert.equal(result.synthesized, 6, 'intro, four stories, outro');
      assert.ok(t.purged.includes('home') && t.purged.includes('podcast-briefing'));
      const row = await findBriefing(getDatabase().db, 'en', today);
      assert.ok(row);
      const lines = row.spoken_text.split('\n');
      assert.match(
        lines[0] ?? '',
        /^hello from masthead news on [a-z]+day the [a-z-]+ of [a-z]+\.$/,
      );
      assert.match(lines[1] ?? '', /the picked story\. standfirst of the picked story\./i);
      assert.match(
        lines[4] ?? '',
        /the latest story\. first paragraph of the latest story\. it goes on\./i,
        'no standfirst: the first paragraph',
      );
      assert.doesNotMatch(row.spoken_text, /second paragraph/i);
      assert.match(lines[5] ?? '', /thank you for listening/i);
      const mp3 = await t.services.storage.get(audioKey(row.file));
      assert.ok(mp3);
      assert.equal(mp3.length, row.bytes);
      assert.ok(Math.abs(describeMp3(mp3).durationSeconds * 1000 - row.duration_ms) < 50);

      const again = await buildBriefing(t.services, 'en', today);
      assert.equal(again.status, 'unchanged', 'the same line-up is not made again');
    });

    it('shows a labelled player of the briefing on the cached home page, in the site language', async () => {
      const home = await t.app.inject({ method: 'GET', url: '/' });
      assert.equal(home.statusCode, 200);
      const row = await findBriefing(getDatabase().db, 'en', today);
      assert.ok(row);
      assert.match(home.body, /<div data-slot="home-briefing">/);
      assert.match(
        home.body,
        /<h2 class="audio-player__title" id="briefing-player-title">The daily briefing <span/,
      );
      assert.match(
        home.body,
        new RegExp(`<audio controls preload="none" src="/audio/${row.file}"`),
      );
      assert.match(home.body, /Briefing for [A-Z][a-z]+day \d+ [A-Z][a-z]+ · 4 stories/);
      const again = await t.app.inject({ method: 'GET', url: '/' });
      assert.equal(again.body, home.body, 'one cached copy for everyone');
    });

    it('publishes a valid RSS 2.0 + iTunes feed at /podcast/briefing.xml, one item per briefing', async () => {
      const feed = await t.app.inject({ method: 'GET', url: '/podcast/briefing.xml' });
      assert.equal(feed.statusCode, 200);
      assert.match(String(feed.headers['content-type']), /application\/rss\+xml/);
      assertValidFeed(feed.body);
      assert.equal(feed.body.match(/<item>/g)?.length, 1);
      const row = await findBriefing(getDatabase().db, 'en', today);
      assert.ok(row);
      assert.ok(feed.body.includes(`<guid isPermaLink="false">${row.uuid}</guid>`));
      assert.ok(
        feed.body.includes(
          `<enclosure url="http://news.test/audio/${row.file}" length="${row.bytes}" type="audio/mpeg"/>`,
        ),
      );
      const empty = await t.app.inject({ method: 'GET', url: '/podcast/briefing.xml?lang=uk' });
      assertValidFeed(empty.body);
      assert.match(empty.body, /щоденний аудіовипуск/);
      const bad = await t.app.inject({ method: 'GET', url: '/podcast/briefing.xml?lang=%3Cx%3E' });
      assert.equal(bad.statusCode, 422);
    });

    it('regenerates when an editor changes the picks (a content event, one delayed job)', async () => {
      const db = getDatabase().db;
      const jobs = () =>
        db
          .selectFrom('jobs')
          .select(['id', 'run_at', 'idempotency_key', 'status'])
          .where('name', '=', briefingJob.name)
          .where('status', '=', 'queued')
          .execute();
      const started = Date.now();
      const changed = await call('PATCH', `/api/admin/collections/${ids.collection}`, {
        article_ids: [ids.old, ids.picked],
      });
      assert.equal(changed.statusCode, 200, changed.body);
      await call('PATCH', `/api/admin/collections/${ids.collection}`, {
        article_ids: [ids.latest, ids.old, ids.picked],
      });
      const queued = await jobs();
      assert.equal(queued.length, 1, 'a burst of changes makes one job');
      assert.equal(queued[0]?.idempotency_key, `briefing:en:${today}`);
      const delay = Date.parse(queued[0]?.run_at ?? '') - started;
      assert.ok(delay >= briefingRegenerationDelayMs - 1000, `${delay}`);

      const before = await findBriefing(db, 'en', today);
      const result = await buildBriefing(t.services, 'en', today);
      assert.equal(result.status, 'ready');
      assert.deepEqual(result.articleIds, [ids.latest, ids.old, ids.picked, ids.read]);
      assert.equal(result.synthesized, 0, 'every story was spoken before: the paragraph cache');
      const after = await findBriefing(db, 'en', today);
      assert.equal(after?.uuid, before?.uuid, 'the same podcast episode');
      assert.notEqual(after?.file, before?.file);
      await db.deleteFrom('jobs').where('name', '=', briefingJob.name).execute();

      // Another collection changing is not the line-up.
      await call('POST', '/api/admin/collections', { name: 'Weekend reads', article_ids: [] });
      assert.equal((await jobs()).length, 0);
    });

    it('editors set time, on/off, stories and intro/outro; bad input is refused', async () => {
      const bad = await call('PUT', '/api/admin/audio/briefing', { time: '25:00', stories: 0 });
      assert.equal(bad.statusCode, 422);
      const ok = await call('PUT', '/api/admin/audio/briefing', {
        enabled: true,
        time: '00:00',
        stories: 10,
        intro: { uk: 'Доброго ранку від {site}.' },
        outro: {},
      });
      assert.equal(ok.statusCode, 200, ok.body);
      const read = await t.app.inject({
        method: 'GET',
        url: '/api/admin/audio/briefing',
        headers: editor,
      });
      assert.equal((read.json() as { settings: { time: string } }).settings.time, '00:00');
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/admin/audio/briefing' });
      assert.equal(anonymous.statusCode, 401);

      // A new time moves the queued slot; switching off leaves none.
      const slots = () =>
        getDatabase()
          .db.selectFrom('jobs')
          .select(['run_at', 'idempotency_key'])
          .where('name', '=', briefingSlotJob.name)
          .where('status', '=', 'queued')
          .execute();
      await call('PUT', '/api/admin/audio/briefing', { time: '23:59' });
      const timeZone = (await t.services.settings.get()).timeZone;
      const expected = nextBriefingSlot(new Date(), '23:59', timeZone);
      assert.deepEqual(
        (await slots()).map((j) => [j.idempotency_key, Date.parse(j.run_at)]),
        [[`briefing-slot:${expected.date}`, expected.at.getTime()]],
      );
      await call('PUT', '/api/admin/audio/briefing', { enabled: false });
      assert.deepEqual(await slots(), []);
      const off = await t.app.inject({ method: 'GET', url: '/' });
      assert.doesNotMatch(off.body, /home-briefing/, 'switched off: no player on the home page');
      await call('PUT', '/api/admin/audio/briefing', {
        time: '00:00',
        intro: { uk: 'Доброго ранку від {site}.' },
      });
    });

    it('runs once per slot with two workers: one slot job, one build per language', async () => {
      const database = getDatabase();
      // The newsroom made yesterday's briefing; today's slot passed while no worker ran.
      await database.db.deleteFrom('audio_briefings').where('language', '!=', 'en').execute();
      await database.db
        .updateTable('audio_briefings')
        .set({ local_date: shiftLocalDate(today, -1) })
        .execute();
      await database.db
        .deleteFrom('jobs')
        .where('name', 'in', [briefingJob.name, briefingSlotJob.name])
        .execute();
      const second = openDatabase(database.url, { poolSize: 2 });
      const logger = createLogger('silent');
      const definitions = [briefingSlotJob, briefingJob];
      // Both workers start (each schedules, as startAppWorker does), then both poll.
      await scheduleBriefings(t.services);
      await scheduleBriefings({ database: second, now: () => new Date() });
      const workers = [
        startWorker({
          database,
          definitions,
          deps: t.services,
          logger,
          workerId: 'w1',
          pollIntervalMs: 30,
        }),
        startWorker({
          database: second,
          definitions,
          deps: { ...t.services, database: second },
          logger,
          workerId: 'w2',
          pollIntervalMs: 30,
        }),
      ];
      try {
        await waitUntil(async () => {
          const rows = await database.db
            .selectFrom('jobs')
            .select('status')
            .where('name', '=', briefingJob.name)
            .execute();
          return rows.length === 2 && rows.every((r) => r.status === 'done');
        }, 60_000);
        // Starting again later schedules nothing new for today.
        await scheduleBriefings(t.services);
        await scheduleBriefings({ database: second, now: () => new Date() });
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await second.destroy();
      }
      const jobs = await database.db
        .selectFrom('jobs')
        .select(['name', 'idempotency_key', 'status'])
        .where('name', 'in', [briefingJob.name, briefingSlotJob.name])
        .orderBy('idempotency_key')
        .execute();
      const tomorrow = shiftLocalDate(today, 1);
      assert.deepEqual(
        jobs.map((j) => [j.idempotency_key, j.status]),
        [
          [`briefing-slot:${today}`, 'done'],
          [`briefing-slot:${tomorrow}`, 'queued'],
          [`briefing:en:${today}`, 'done'],
          [`briefing:uk:${today}`, 'done'],
        ],
      );
      const uk = await findBriefing(database.db, 'uk', today);
      assert.ok(uk, 'a briefing per language');
      assert.match(uk.spoken_text, /^доброго ранку від masthead news\./i);
      assert.ok(await findBriefing(database.db, 'en', today));
    });

    it('a fresh newsroom (no briefing yet) starts at its next slot, not at worker start', async () => {
      const database = getDatabase();
      await database.db.deleteFrom('audio_briefings').execute();
      await database.db
        .deleteFrom('jobs')
        .where('name', 'in', [briefingJob.name, briefingSlotJob.name])
        .execute();
      await scheduleBriefings(t.services);
      const jobs = await database.db
        .selectFrom('jobs')
        .select(['idempotency_key'])
        .where('name', 'in', [briefingJob.name, briefingSlotJob.name])
        .execute();
      assert.deepEqual(
        jobs.map((j) => j.idempotency_key),
        [`briefing-slot:${shiftLocalDate(today, 1)}`],
      );
    });
  },
);
