import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import type { BlobStore } from '../platform/storage/blob-store.js';
import { describeEachStorage } from '../platform/storage/test-fixtures/each-storage.js';
import { buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { audioKey } from './audio-files.js';
import { collectAudioGarbage } from './audio-gc.service.js';
import { findNarration } from './narration.repository.js';
import { narrateArticle } from './narration.service.js';

const dayMs = 24 * 3600 * 1000;
const html = (items: string[]) => items.map((p) => `<p>${p}</p>`).join('');

async function cached(store: BlobStore): Promise<string[]> {
  const names: string[] = [];
  for await (const blob of store.list('audio/cache/')) names.push(blob.key.slice(12));
  return names.sort();
}

describeEachDialect('narration audio garbage collection', (getDatabase) =>
  describeEachStorage('files', (getStore) => {
    let test: TestApp;
    let token: string;
    const exists = async (key: string) => (await getStore().stat(key)) !== undefined;
    const gc = (options: { inDays?: number; graceMs?: number; dryRun?: boolean } = {}) =>
      collectAudioGarbage(
        {
          database: getDatabase(),
          storage: getStore(),
          now: () => new Date(Date.now() + (options.inDays ?? 0) * dayMs),
        },
        { graceMs: options.graceMs ?? 3 * dayMs, dryRun: options.dryRun ?? false },
      );
    const api = (method: 'POST' | 'PATCH', url: string, payload?: object) =>
      test.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });

    before(async () => {
      test = await buildTestApp(getDatabase(), { storage: getStore() });
      token = await buildToken(getDatabase(), 'editor');
    });
    after(() => test.close());

    it('keeps what narrations point to, deletes what was superseded once the grace period is over', async () => {
      const created = await api('POST', '/api/admin/articles', {
        title: 'Bridge reopens',
        authors: ['Desk'],
        status: 'published',
        html: html(['The bridge reopens on Monday.', 'Buses return to the old route.']),
      });
      assert.equal(created.statusCode, 201, created.body);
      const id = created.json<{ article: { id: number } }>().article.id;
      const first = await narrateArticle(test.services, id);
      const edited = await api('PATCH', `/api/admin/articles/${id}`, {
        html: html(['The bridge reopens on Tuesday.', 'Buses return to the old route.']),
      });
      assert.equal(edited.statusCode, 200, edited.body);
      const second = await narrateArticle(test.services, id);
      assert.equal(second.synthesized, 1, 'only the edited paragraph');
      assert.notEqual(first.file, second.file);

      // Leftovers of a crash and an orphan nobody used for a week; a file that is not ours.
      const week = new Date(Date.now() - 7 * dayMs);
      const orphan = audioKey(`${'a'.repeat(32)}.mp3`);
      const leftover = `audio/cache/${'b'.repeat(64)}.mp3.123.456.tmp`;
      const foreign = 'audio/readme.txt';
      for (const key of [orphan, leftover, foreign]) {
        await getStore().put(key, Buffer.from('x'));
        await getStore().touch(key, week);
      }

      // Now: the superseded MP3 and the edited paragraph's cache entry were used minutes ago.
      const dry = await gc({ dryRun: true });
      assert.deepEqual(dry.filesDeleted, [orphan.slice('audio/'.length)]);
      assert.ok(await exists(orphan), 'a dry run deletes nothing');
      const now = await gc();
      assert.deepEqual(now.filesDeleted, [`${'a'.repeat(32)}.mp3`]);
      assert.equal(now.cacheEntriesDeleted, 1, 'the crashed write’s temporary file');
      assert.ok(now.keptInGrace >= 2, `kept in grace: ${now.keptInGrace}`);
      assert.ok(await exists(audioKey(first.file ?? '')), 'superseded but within the grace period');
      assert.ok(await exists(foreign), 'files that are not narration audio are left alone');

      // Four days later: the superseded MP3 and cache entry go; the current ones stay, however old.
      const later = await gc({ inDays: 4 });
      assert.deepEqual(later.filesDeleted, [first.file]);
      assert.equal(later.cacheEntriesDeleted, 1, 'the edited paragraph’s old audio');
      assert.ok(await exists(audioKey(second.file ?? '')), 'the current narration’s file stays');
      const row = await findNarration(getDatabase().db, id);
      const keys = (JSON.parse(row?.paragraphs ?? '[]') as { cacheKey: string }[]).map(
        (p) => p.cacheKey,
      );
      assert.deepEqual(
        await cached(getStore()),
        keys.map((key) => `${key}.mp3`).sort(),
        'exactly the current paragraphs remain cached',
      );

      // An unpublished article's narration is removed after the grace period, then its audio.
      const unpublished = await api('POST', `/api/admin/articles/${id}/unpublish`);
      assert.equal(unpublished.statusCode, 200, unpublished.body);
      const soon = await gc();
      assert.equal(soon.narrationsRemoved, 0, 'just unpublished: within the grace period');
      const afterGrace = await gc({ inDays: 4 });
      assert.equal(afterGrace.narrationsRemoved, 1);
      assert.deepEqual(afterGrace.filesDeleted, [second.file]);
      assert.equal(await findNarration(getDatabase().db, id), undefined);
      assert.deepEqual(await cached(getStore()), []);
    });
  }),
);
