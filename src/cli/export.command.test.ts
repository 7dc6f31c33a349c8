import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importMasthead, MastheadExportError } from '../importers/masthead/masthead-import.js';
import { createTestDatabase, type TestDatabase } from '../platform/db/test-databases.js';
import { buildArticle, testEvents } from '../test-support/test-app.js';

const root = new URL('../../', import.meta.url).pathname;

/** The real CLI in a child process against the given database. */
function masthead(args: string[], databaseUrl: string) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/main.ts'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function articleCount(database: TestDatabase): Promise<number> {
  const row = await database.db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

// SQLite only: the commands are dialect-neutral, and the round-trip test covers both dialects.
describe('masthead export / import masthead (CLI)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'masthead-export-cli-'));
  const file = join(scratch, 'site.json');
  let source: TestDatabase;
  let empty: TestDatabase;
  before(async () => {
    source = await createTestDatabase('sqlite');
    empty = await createTestDatabase('sqlite');
    await buildArticle(source, { title: 'First' });
    await buildArticle(source, { title: 'Second', status: 'draft' });
  });
  after(async () => {
    await source.cleanup();
    await empty.cleanup();
  });

  it('exports, and refuses to import into a database that has articles', () => {
    const exported = masthead(['export', file], source.url);
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /Exported 2 article\(s\), 1 author\(s\), 1 tag\(s\)/);
    assert.match(readFileSync(file, 'utf8'), /^\{"masthead_export": 1,/);
    const refused = masthead(['import', 'masthead', file], source.url);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already has 2 article\(s\).*--merge/);
  });

  it('imports nothing from a truncated file or another format version', async () => {
    const json = readFileSync(file, 'utf8');
    const cut = join(scratch, 'cut.json');
    writeFileSync(cut, json.slice(0, json.indexOf('"collections"')));
    const truncated = masthead(['import', 'masthead', cut], empty.url);
    assert.equal(truncated.code, 1);
    assert.match(truncated.stderr, /Nothing was imported: .*truncated/);
    const newer = join(scratch, 'newer.json');
    writeFileSync(newer, json.replace('"masthead_export": 1', '"masthead_export": 2'));
    const wrong = masthead(['import', 'masthead', newer], empty.url);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /format version 2; this Masthead reads version 1/);
    assert.equal(await articleCount(empty), 0);
  });

  it('names the bad row of an invalid file and imports nothing', async () => {
    const json = readFileSync(file, 'utf8');
    const invalid = join(scratch, 'invalid.json');
    writeFileSync(invalid, json.replace('"status":"draft"', '"status":"lost"'));
    await assert.rejects(
      importMasthead(empty.db, invalid, { events: testEvents() }),
      (error: unknown) => {
        assert.ok(error instanceof MastheadExportError);
        assert.match(error.message, /^articles\[1\]: status /);
        return true;
      },
    );
    assert.equal(await articleCount(empty), 0);
  });

  it('imports a good file into an empty database', async () => {
    const imported = masthead(['import', 'masthead', file], empty.url);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Imported 2 article\(s\) \(1 published, 1 draft\)/);
    assert.equal(await articleCount(empty), 2);
  });
});
