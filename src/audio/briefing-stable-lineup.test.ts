import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import { describeEachDialect } from '../platform/db/test-databases.js';
import * as storySourcesMigration from '../platform/db/migrations/2026120812-briefing-story-sources.js';
import { buildArticle, buildTestApp, signInAs, type TestApp } from '../test-support/test-app.js';
import { localDateOf } from './briefing-schedule.js';
import { writeBriefingSettings } from './briefing-settings.js';
import { briefingJob } from './briefing.job.js';
import { findBriefing } from './briefing.repository.js';
import { buildBriefing, selectBriefingStories } from './briefing.service.js';

// A regeneration changes only what the editors changed (ADR 0029, addendum 2): the briefing
// records which stories it read from which source, and a remake of the day keeps its most-read
// and latest stories however the standings moved, replacing only those no longer eligible.

describeEachDialect('daily briefing: a regeneration keeps the most read it read', (getDatabase) => {
  let t: TestApp;
  let editor: Record<string, string>;
  let today = '';
  const ids: Record<string, number> = {};
  const id = (name: string) => ids[name] ?? 0;
  let picksId = 0;

  before(async () => {
    t = await buildTestApp(getDatabase());
    editor = (await signInAs(t, 'editor', 'Stable Line-up Editor')).headers;
    today = localDateOf(new Date(), (await t.services.settings.get()).timeZone);
  });
  after(() => t.close());

  const call = async (method: 'POST' | 'PATCH', url: string, body: unknown) => {
    const response = await t.app.inject({
      method,
      url,
      headers: { ...editor, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    assert.ok(response.statusCode < 300, `${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  const addViews = (name: string, views: number) =>
    getDatabase()
      .db.insertInto('analytics_page_days')
      .values({
        day: today,
        path: `/${name}-${views}/`,
        article_id: id(name),
        views,
        visitors: views,
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
  const stored = async () => {
    const row = await findBriefing(getDatabase().db, 'en', today);
    assert.ok(row, "today's briefing");
    return {
      row,
      ids: JSON.parse(row.article_ids) as number[],
      sources: JSON.parse(row.story_sources ?? 'null') as string[] | null,
    };
  };
  const names = (list: number[]) =>
    list.map((n) => Object.keys(ids).find((name) => ids[name] === n) ?? String(n));
  /** What an editor's change queued, then the regeneration it stands for, run now. */
  async function regenerate() {
    const db = getDatabase().db;
    const queued = await db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', briefingJob.name)
      .where('status', '=', 'queued')
      .execute();
    await db.deleteFrom('jobs').where('name', '=', briefingJob.name).execute();
    return { queued: queued.length, result: await buildBriefing(t.services, 'en', today) };
  }

  it("builds the morning's briefing: the pick, the most read, the latest, with their sources", async () => {
    // Oldest first; "riser" and "new" are read only later, "new" becomes a pick.
    const minutesAgo = { pick: 600, m1: 500, m2: 400, m3: 300, riser: 200, new: 150, l1: 100 };
    for (const [name, minutes] of Object.entries(minutesAgo)) {
      const article = await buildArticle(getDatabase(), {
        title: `The ${name} story`,
        excerpt: `Standfirst of the ${name} story.`,
        published_at: new Date(Date.now() - minutes * 60_000).toISOString(),
      });
      ids[name] = article.id;
    }
    const created = await call('POST', '/api/admin/collections', {
      name: "Editors' Picks",
      slug: 'editors-picks',
      article_ids: [id('pick')],
    });
    picksId = (created.json() as { collection: { id: number } }).collection.id;
    await addViews('m1', 50);
    await addViews('m2', 40);
    await addViews('m3', 30);
    await writeBriefingSettings(getDatabase().db, {
      enabled: true,
      time: '00:00',
      stories: 5,
      intro: {},
      outro: {},
    });
    const result = await buildBriefing(t.services, 'en', today);
    assert.equal(result.status, 'ready');
    const { ids: read, sources } = await stored();
    assert.deepEqual(names(read), ['pick', 'm1', 'm2', 'm3', 'l1']);
    assert.deepEqual(sources, ['pick', 'most-read', 'most-read', 'most-read', 'latest']);
  });

  it('a regeneration after the standings moved keeps the earlier most read', async () => {
    await addViews('riser', 1000);
    await addViews('new', 900);
    // The standings did move: a first build now would read the risers.
    const fresh = await selectBriefingStories(getDatabase().db, 'en', today, 5);
    assert.deepEqual(names(fresh.map((s) => s.id)), ['pick', 'riser', 'new', 'm1', 'm2']);

    await call('PATCH', `/api/admin/articles/${id('pick')}`, { title: 'The pick, updated' });
    const { queued, result } = await regenerate();
    assert.equal(queued, 1, "the editor's headline edit queued the regeneration");
    assert.equal(result.status, 'ready');
    const { row, ids: read, sources } = await stored();
    assert.deepEqual(names(read), ['pick', 'm1', 'm2', 'm3', 'l1']);
    assert.deepEqual(sources, ['pick', 'most-read', 'most-read', 'most-read', 'latest']);
    assert.match(row.spoken_text, /the pick, updated\./);
    assert.doesNotMatch(row.spoken_text, /the riser story/);
  });

  it('an unpublished most-read story is replaced by the next eligible most read', async () => {
    await call('POST', `/api/admin/articles/${id('m2')}/unpublish`, {});
    // A story moved to another language leaves the English briefing too.
    await call('PATCH', `/api/admin/articles/${id('m3')}`, { language: 'uk' });
    const { queued, result } = await regenerate();
    assert.equal(queued, 1, 'one regeneration for both changes');
    assert.equal(result.status, 'ready');
    const { ids: read, sources } = await stored();
    // The two free places go to the day's most read now, in their order; the latest stays.
    assert.deepEqual(names(read), ['pick', 'm1', 'riser', 'new', 'l1']);
    assert.deepEqual(sources, ['pick', 'most-read', 'most-read', 'most-read', 'latest']);
  });

  it('a new pick comes first and the line-up stays at the limit', async () => {
    await call('PATCH', `/api/admin/collections/${picksId}`, {
      article_ids: [id('new'), id('pick')],
    });
    await addViews('l1', 5000);
    const { queued, result } = await regenerate();
    assert.equal(queued, 1);
    assert.equal(result.status, 'ready');
    const { ids: read, sources } = await stored();
    // "new" moves from the most read to the picks; l1 stays, read as the latest it was
    // read as this morning, though it now leads the most read.
    assert.deepEqual(names(read), ['new', 'pick', 'm1', 'riser', 'l1']);
    assert.deepEqual(sources, ['pick', 'pick', 'most-read', 'most-read', 'latest']);

    // Two more picks: the kept stories give way from the end, the latest first.
    await call('PATCH', `/api/admin/collections/${picksId}`, {
      article_ids: [id('new'), id('m2'), id('pick'), id('m3')],
    });
    await call('POST', `/api/admin/articles/${id('m2')}/publish`, {});
    await call('PATCH', `/api/admin/articles/${id('m3')}`, { language: 'en' });
    await regenerate();
    const after = await stored();
    assert.deepEqual(names(after.ids), ['new', 'm2', 'pick', 'm3', 'm1']);
    assert.deepEqual(after.sources, ['pick', 'pick', 'pick', 'pick', 'most-read']);
  });

  it('the migration keeps existing briefings; one without sources keeps its non-picks as most read', async () => {
    const db = getDatabase().db;
    const before = await stored();
    // As the database was before the migration, with today's briefing in it.
    await storySourcesMigration.down(db);
    const columns = async () =>
      (await db.introspection.getTables())
        .find((table) => table.name === 'audio_briefings')
        ?.columns.map((c) => c.name) ?? [];
    assert.ok(!(await columns()).includes('story_sources'));
    await storySourcesMigration.up(db);
    await storySourcesMigration.up(db); // safe to re-run
    assert.ok((await columns()).includes('story_sources'));
    const { n } = await sql<{ n: number | string }>`select count(*) as n from audio_briefings`
      .execute(db)
      .then((r) => r.rows[0] ?? { n: 0 });
    assert.equal(Number(n), 1);
    const migrated = await stored();
    assert.equal(migrated.sources, null, 'no source recorded before the migration');
    assert.deepEqual(migrated.ids, before.ids);
    assert.equal(migrated.row.uuid, before.row.uuid);
    assert.equal(migrated.row.file, before.row.file);
    assert.equal(migrated.row.spoken_text, before.row.spoken_text);

    // The editors take "m2" and "m3" out of the picks, and the standings move again.
    await call('PATCH', `/api/admin/collections/${picksId}`, {
      article_ids: [id('new'), id('pick')],
    });
    await addViews('l1', 50_000);
    const { result } = await regenerate();
    assert.equal(result.status, 'ready');
    const rebuilt = await stored();
    // Without a record, every story not picked now counts as this morning's most read.
    assert.deepEqual(names(rebuilt.ids), ['new', 'pick', 'm2', 'm3', 'm1']);
    assert.deepEqual(rebuilt.sources, ['pick', 'pick', 'most-read', 'most-read', 'most-read']);
    assert.equal(rebuilt.row.uuid, before.row.uuid, 'the same podcast episode');

    // Sources are recorded even when the audio stays (a most-read story picked, same order).
    await call('PATCH', `/api/admin/collections/${picksId}`, {
      article_ids: [id('new'), id('pick'), id('m2')],
    });
    const same = await regenerate();
    assert.equal(same.result.status, 'unchanged');
    assert.deepEqual((await stored()).sources, ['pick', 'pick', 'pick', 'most-read', 'most-read']);
  });
});
