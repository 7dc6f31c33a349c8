import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const root = new URL('../', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'masthead-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

function masthead(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/main.ts'), ...args],
    {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('masthead CLI', () => {
  it('lists the commands with --help and has --help on every command', () => {
    const help = masthead(['--help']);
    assert.equal(help.code, 0);
    for (const command of ['serve', 'worker', 'migrate', 'seed', 'user', 'token']) {
      assert.match(help.stdout, new RegExp(`\\b${command}\\b`));
      const own = masthead([command, '--help']);
      assert.equal(own.code, 0, `${command} --help`);
      assert.match(own.stdout, new RegExp(`Usage: masthead ${command}`));
    }
  });

  it('refuses unknown commands and bad options with a message and exit 1', () => {
    const unknown = masthead(['publish-everything']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /Unknown command "publish-everything"/);
    const badOption = masthead(['migrate', '--sideways']);
    assert.equal(badOption.code, 1);
    assert.match(badOption.stderr, /Unknown option '--sideways'/);
  });

  it('stops on a bad configuration value, naming the variable', () => {
    const result = masthead(['migrate'], { PORT: 'not-a-port' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /PORT/);
  });

  it('migrates, creates a user and an API token (printed as the last line)', () => {
    assert.equal(masthead(['migrate']).code, 0);
    const user = masthead([
      'user',
      'create',
      '--email',
      'Editor@Example.org',
      '--password',
      'correct horse battery',
      '--role',
      'editor',
      '--name',
      'Olena K.',
    ]);
    assert.equal(user.code, 0, user.stderr);
    assert.match(user.stdout, /editor@example\.org/);
    const duplicate = masthead([
      'user',
      'create',
      '--email',
      'editor@example.org',
      '--password',
      'correct horse battery',
      '--role',
      'editor',
      '--name',
      'Again',
    ]);
    assert.equal(duplicate.code, 1);
    const badRole = masthead([
      'user',
      'create',
      '--email',
      'x@example.org',
      '--password',
      'correct horse battery',
      '--role',
      'overlord',
      '--name',
      'X',
    ]);
    assert.equal(badRole.code, 1);
    assert.match(badRole.stderr, /role/i);
    const token = masthead(['token', 'create', '--name', 'importer', '--role', 'author']);
    assert.equal(token.code, 0, token.stderr);
    const lastLine = token.stdout.trim().split('\n').at(-1) ?? '';
    assert.match(lastLine, /^mh_[A-Za-z0-9_-]{20,}$/);
    const missing = masthead(['token', 'create', '--name', 'x']);
    assert.equal(missing.code, 1);
  });
});
