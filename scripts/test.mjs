#!/usr/bin/env node
// Runs the whole test suite with node:test (+ tsx for TypeScript) and ends with `N passed, N failed`.
// Usage: node scripts/test.mjs [path-filter ...]   e.g. node scripts/test.mjs src/content
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function findTests(dir, found = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) findTests(path, found);
    else if (/\.test\.ts$/.test(name)) found.push(relative(root, path));
  }
  return found;
}

const files = [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))]
  .filter((file) => filters.length === 0 || filters.some((f) => file.startsWith(f)))
  .sort();
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}
// The README's one test command also covers PostgreSQL when a local server answers
// (CI sets MASTHEAD_TEST_POSTGRES_URL explicitly).
if (!process.env.MASTHEAD_TEST_POSTGRES_URL) {
  const candidate = 'postgres://postgres@127.0.0.1:5432/postgres';
  const probe = spawnSync(process.execPath, ['-e', `
    const pg = require('pg'); const c = new pg.Client({ connectionString: ${JSON.stringify(candidate)}, connectionTimeoutMillis: 1500 });
    c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));`], { cwd: root, timeout: 5000 });
  if (probe.status === 0) {
    process.env.MASTHEAD_TEST_POSTGRES_URL = candidate;
    console.log(`PostgreSQL found at 127.0.0.1:5432: database tests run on SQLite and PostgreSQL.`);
  } else {
    console.log('No PostgreSQL at 127.0.0.1:5432 and MASTHEAD_TEST_POSTGRES_URL unset: database tests run on SQLite only.');
  }
}

const summaryFile = join(mkdtempSync(join(tmpdir(), 'masthead-test-')), 'summary.txt');
const child = spawn(
  process.execPath,
  [
    '--import', 'tsx',
    '--test',
    `--test-concurrency=${process.env.TEST_CONCURRENCY ?? '2'}`,
    // A test file that leaks a timer or a connection after its tests ended must not keep the
    // whole run waiting (it once held CI until its 90-minute limit), and a test stuck on an
    // await fails after ten minutes instead of never.
    '--test-force-exit',
    `--test-timeout=${process.env.TEST_TIMEOUT_MS ?? '600000'}`,
    '--test-reporter=spec', '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts/summary-reporter.mjs')}`, '--test-reporter-destination=stderr',
    ...files,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
      MASTHEAD_TEST_SUMMARY_FILE: summaryFile,
    },
  },
);
child.on('exit', (code, signal) => {
  let summary = '';
  try {
    summary = readFileSync(summaryFile, 'utf8').trim();
  } catch {
    summary = '0 passed, 1 failed';
  }
  // The tally is printed last so it is the closing line of the run.
  console.log(`\n${summary}`);
  process.exit(signal ? 1 : (code ?? 1));
});
