import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, it } from 'node:test';
import { runNarrate } from './narrate.command.js';

const root = new URL('../../', import.meta.url).pathname;

/** The real CLI in a child process (slow to start: used for the stream and exit-code contract). */
function masthead(args: string[], input?: string) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/main.ts'), ...args],
    {
      cwd: root,
      input,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The command in this process with its own streams. */
async function narrate(args: string[], input = '') {
  const io = { input: new PassThrough(), output: new PassThrough(), errors: new PassThrough() };
  let stdout = '';
  let stderr = '';
  io.output.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  io.errors.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  io.input.end(input);
  const code = await runNarrate(args, io);
  return { code, stdout, stderr };
}

describe('masthead narrate normalize', () => {
  it('reads lines on stdin and prints each spoken form, one per line (child process)', () => {
    const input =
      'Oct. 6, 2022: $1.2 billion for the U.S.\n\nIn 1999, NATO & the FBI met at 3:33 p.m.\r\nPOWs';
    const result = masthead(['narrate', 'normalize'], input);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(
      result.stdout,
      [
        'october sixth, twenty twenty-two: one point two billion dollars for the u s.',
        '',
        'in nineteen ninety-nine, nato and the f b i met at three thirty-three p m.',
        "p o w's",
        '',
      ].join('\n'),
    );
  });

  it('refuses an unknown option with exit code 2 and explains itself with --help (child process)', () => {
    const unknown = masthead(['narrate', 'normalize', '--speed', 'fast']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown option '--speed'/);
    assert.match(unknown.stderr, /Usage: masthead narrate normalize/);
    const help = masthead(['narrate', 'normalize', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: masthead narrate normalize/);
    assert.match(help.stdout, /--language/);
    assert.match(help.stdout, /--text/);
  });

  it('takes --text (one output line per line) and --language', async () => {
    const english = await narrate([
      'normalize',
      '--language',
      'en-GB',
      '--text',
      'Sept. 11\nDr. Who',
    ]);
    assert.deepEqual(english, { code: 0, stdout: 'september eleventh\ndoctor who\n', stderr: '' });
    const piped = await narrate(['normalize'], '3 km\n#1\n');
    assert.deepEqual(piped, { code: 0, stdout: 'three kilometers\nnumber one\n', stderr: '' });
  });

  it('normalizes Ukrainian with --lang uk (or --language uk)', async () => {
    const ukrainian = await narrate([
      'normalize',
      '--lang',
      'uk',
      '--text',
      '6 жовтня 2022\n21 гривня, $2',
    ]);
    assert.deepEqual(ukrainian, {
      code: 0,
      stdout: 'шостого жовтня дві тисячі двадцять другого року\nдвадцять одна гривня, два долари\n',
      stderr: '',
    });
    const long = await narrate(['normalize', '--language', 'uk-UA'], '48%\n');
    assert.deepEqual(long, { code: 0, stdout: 'сорок вісім відсотків\n', stderr: '' });
  });

  it('passes languages without rules through, with a notice on stderr', async () => {
    const polish = await narrate([
      'normalize',
      '--language',
      'pl',
      '--text',
      '  Kraków,  24 lutego ',
    ]);
    assert.equal(polish.code, 0);
    assert.equal(polish.stdout, 'Kraków, 24 lutego\n');
    assert.match(polish.stderr, /No normalization rules for "pl"/);
  });

  it('refuses unknown subcommands, positionals and bad language tags with exit code 2', async () => {
    const subcommand = await narrate(['sing']);
    assert.equal(subcommand.code, 2);
    assert.match(subcommand.stderr, /Unknown subcommand "sing"/);
    assert.equal((await narrate([])).code, 2);
    const positional = await narrate(['normalize', 'Oct. 6']);
    assert.equal(positional.code, 2);
    assert.match(positional.stderr, /Unexpected argument/);
    const language = await narrate(['normalize', '--language', 'english please', '--text', 'x']);
    assert.equal(language.code, 2);
    assert.match(language.stderr, /not a BCP 47 language tag/);
  });
});

describe('masthead narrate gc', () => {
  it('refuses a bad grace period, and reports on an empty data folder (child process)', async () => {
    const bad = await narrate(['gc', '--grace-hours', 'soon']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--grace-hours must be a number/);
    const dir = mkdtempSync(join(tmpdir(), 'masthead-gc-'));
    try {
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', join(root, 'src/main.ts'), 'narrate', 'gc', '--dry-run'],
        {
          cwd: root,
          encoding: 'utf8',
          timeout: 60_000,
          env: {
            ...process.env,
            LOG_LEVEL: 'silent',
            DATA_DIR: dir,
            DATABASE_URL: `sqlite:${join(dir, 'gc.db')}`,
          },
        },
      );
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, /audio files would delete: 0/);
      assert.match(result.stdout, /paragraph cache entries would delete: 0/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
