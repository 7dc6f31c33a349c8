import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../main.js';
import { createTestDatabase, type TestDatabase } from '../platform/db/test-databases.js';
import { createLocalBlobStore } from '../platform/storage/local-blob-store.js';
import { buildBackupTestSite } from '../test-support/backup-test-site.js';
import { buildArticle } from '../test-support/test-app.js';

// The commands as an operator runs them: exit codes, messages, and nothing half-restored.

/** Runs `masthead …` with DATABASE_URL and DATA_DIR set; returns the exit code and stderr. */
async function masthead(args: string[], databaseUrl: string, dataDir: string) {
  const saved = { ...process.env };
  const errors: string[] = [];
  const originalError = console.error;
  const originalLog = console.log;
  const output: string[] = [];
  Object.assign(process.env, { DATABASE_URL: databaseUrl, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  delete process.env.STORAGE_URL;
  console.error = (...parts: unknown[]) => errors.push(parts.join(' '));
  console.log = (...parts: unknown[]) => output.push(parts.join(' '));
  try {
    const code = await runCli(args);
    return { code, stderr: errors.join('\n'), stdout: output.join('\n') };
  } finally {
    console.error = originalError;
    console.log = originalLog;
    process.env = saved;
  }
}

async function countArticles(database: TestDatabase) {
  const row = await database.db
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

describe('masthead backup / restore on the command line', () => {
  let dir = '';
  let source: TestDatabase | undefined;
  let target: TestDatabase | undefined;
  const file = () => join(dir, 'site.tar.gz');

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'masthead-restore-'));
    source = await createTestDatabase('sqlite');
    target = await createTestDatabase('sqlite');
    const store = createLocalBlobStore(join(dir, 'source'));
    await buildBackupTestSite(source, store);
    store.close();
    const backup = await masthead(['backup', file()], source.url, join(dir, 'source'));
    assert.equal(backup.code, 0, backup.stderr);
    assert.match(backup.stdout, /Backed up \d+ rows/);
  });
  after(async () => {
    await source?.cleanup();
    await target?.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('has --help on both commands', async () => {
    for (const command of ['backup', 'restore']) {
      const help = await masthead([command, '--help'], 'sqlite::memory:', dir);
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`Usage: masthead ${command} FILE`));
    }
  });

  it('--verify passes a sound file and catches one flipped byte', async () => {
    assert(source);
    const good = await masthead(['backup', '--verify', file()], source.url, dir);
    assert.equal(good.code, 0, good.stderr);
    assert.match(good.stdout, /OK: every one of \d+ entries matches/);

    // Flip a byte inside a table's data (tar has no checksum there; only the manifest notices).
    const tarBytes = gunzipSync(await readFile(file()));
    const at = tarBytes.indexOf('The council voted');
    assert.ok(at > 0);
    tarBytes[at] = tarBytes[at]! ^ 1;
    const flipped = join(dir, 'flipped.tar.gz');
    await writeFile(flipped, gzipSync(tarBytes));
    const bad = await masthead(['backup', '--verify', flipped], source.url, dir);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /table articles: sha256 does not match the manifest/);

    assert(target);
    const restore = await masthead(['restore', flipped], target.url, join(dir, 'flipped-target'));
    assert.equal(restore.code, 1);
    assert.match(restore.stderr, /damaged; nothing was restored/);
    assert.equal(await countArticles(target), 0);
  });

  it('refuses a truncated file, restoring nothing', async () => {
    assert(target);
    const whole = await readFile(file());
    const truncated = join(dir, 'truncated.tar.gz');
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const verify = await masthead(['backup', '--verify', truncated], target.url, dir);
    assert.equal(verify.code, 1);
    assert.match(verify.stderr, /truncated or corrupt/);
    const restore = await masthead(
      ['restore', truncated],
      target.url,
      join(dir, 'truncated-target'),
    );
    assert.equal(restore.code, 1);
    assert.equal(await countArticles(target), 0);
  });

  it('refuses a non-empty database without --force, and replaces it with --force', async () => {
    const busy = await createTestDatabase('sqlite');
    try {
      await buildArticle(busy, { title: 'Already here', slug: 'already-here' });
      const refused = await masthead(['restore', file()], busy.url, join(dir, 'busy'));
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /already has content \(1 articles.*--force/);
      assert.equal(await countArticles(busy), 1);

      const forced = await masthead(['restore', file(), '--force'], busy.url, join(dir, 'busy'));
      assert.equal(forced.code, 0, forced.stderr);
      assert.match(forced.stdout, /Restored \d+ rows .* and \d+ files/);
      assert.equal(await countArticles(busy), 7);
      const old = await busy.db
        .selectFrom('articles')
        .where('slug', '=', 'already-here')
        .select('id')
        .executeTakeFirst();
      assert.equal(old, undefined);
    } finally {
      await busy.cleanup();
    }
  });

  it('refuses a file from a newer Masthead (a migration unknown here)', async () => {
    const newer = await createTestDatabase('sqlite');
    try {
      await newer.db
        .insertInto('masthead_migrations' as never)
        .values({
          name: '2099010101-from-the-future',
          timestamp: new Date().toISOString(),
        } as never)
        .execute();
      const newerFile = join(dir, 'newer.tar.gz');
      assert.equal((await masthead(['backup', newerFile], newer.url, join(dir, 'n'))).code, 0);
      assert(target);
      const restore = await masthead(['restore', newerFile], target.url, join(dir, 'newer-target'));
      assert.equal(restore.code, 1);
      assert.match(restore.stderr, /newer Masthead .*2099010101-from-the-future, unknown here/);
    } finally {
      await newer.cleanup();
    }
  });
});
