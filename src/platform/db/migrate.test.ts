import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import { sql } from 'kysely';
import { migrateDown, migrateToLatest } from './migrate.js';
import { createTestDatabase, testDialects } from './test-databases.js';

for (const dialect of testDialects) {
  it(`migrates up, is safe to re-run, and migrates down [${dialect}]`, async () => {
    const database = await createTestDatabase(dialect, { migrate: false });
    after(() => database.cleanup());
    const applied = await migrateToLatest(database.db);
    assert.ok(applied.length >= 1);
    assert.deepEqual(await migrateToLatest(database.db), [], 'a second run applies nothing');
    await database.db
      .insertInto('settings')
      .values({ key: 'k', value: '1', updated_at: 'now' })
      .execute();
    while (await migrateDown(database.db)) {
      // down, one at a time, until nothing is left
    }
    const probe = sql`select count(*) as n from settings`.execute(database.db);
    await assert.rejects(probe, 'settings table is gone after migrating down');
    assert.ok((await migrateToLatest(database.db)).length >= 1, 'migrates up again after down');
  });
}
