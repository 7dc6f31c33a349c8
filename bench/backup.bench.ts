import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLocalBlobStore } from '../src/platform/storage/local-blob-store.js';
import { generateArticles } from './generate.js';
import { type LoadResult, runLoad } from './load.js';
import { startMasthead } from './site.bench.js';

// `npm run bench backup`: `masthead backup` of a site with 10,000 articles and 5,000 images
// while it serves readers (their p99 before and during the backup, same run), then
// `masthead restore` of that file into a fresh install, timed.

const root = new URL('../', import.meta.url).pathname;

function run(args: string[], env: Record<string, string>) {
  return new Promise<{ ms: number; code: number | null; output: string }>((resolve) => {
    const started = performance.now();
    let output = '';
    const child = spawn(process.execPath, [join(root, 'bin/masthead.js'), ...args], {
      env: { ...process.env, LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ ms: performance.now() - started, code, output }));
  });
}

const line = (name: string, r: LoadResult) =>
  `| ${name} | ${Math.round(r.requestsPerSecond)} | ${r.p50Ms.toFixed(1)} | ${r.p99Ms.toFixed(1)} | ${r.non2xx} |`;

export async function benchBackup(options: {
  articles: number;
  images: number;
  seconds: number;
}): Promise<string> {
  const workDir = mkdtempSync(join(tmpdir(), 'masthead-bench-backup-'));
  const freshDir = mkdtempSync(join(tmpdir(), 'masthead-bench-restore-'));
  try {
    const database = openDatabase(`sqlite:${join(workDir, 'masthead.db')}`);
    await migrateToLatest(database.db);
    await generateArticles(database, options.articles);
    const slugs = (await database.db.selectFrom('articles').select('slug').execute()).map(
      (r) => `/${r.slug}/`,
    );
    await database.destroy();
    const store = createLocalBlobStore(workDir);
    for (let i = 0; i < options.images; i += 1) {
      const hash = randomBytes(32).toString('hex');
      await store.put(`media/${hash.slice(0, 2)}/${hash}-640.webp`, randomBytes(20 * 1024));
    }
    const { child, baseUrl } = await startMasthead(workDir, {}, '/healthz');
    // Readers over 500 articles: hits and, after each purge or at first view, renders.
    const paths = slugs.filter((_, i) => i % Math.max(1, Math.floor(slugs.length / 500)) === 0);
    for (const path of paths) await (await fetch(`${baseUrl}${path}`)).arrayBuffer(); // warm
    const load = { seconds: options.seconds, connections: 16, workDir };
    const before = await runLoad(baseUrl, paths, load);
    const file = join(workDir, 'site.backup.tar.gz');
    const [during, backup] = await Promise.all([
      runLoad(baseUrl, paths, { ...load, seconds: options.seconds * 2 }),
      run(['backup', file], { DATA_DIR: workDir }),
    ]);
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    if (backup.code !== 0) throw new Error(`backup failed:\n${backup.output}`);
    const bytes = statSync(file).size;
    const restore = await run(['restore', file], { DATA_DIR: freshDir });
    if (restore.code !== 0) throw new Error(`restore failed:\n${restore.output}`);
    return [
      '## Backup while serving, and restore',
      '',
      `${options.articles} articles, ${options.images} images of 20 KB on SQLite; readers: 16 connections over ${paths.length} article pages.`,
      '',
      '| readers | req/s | p50 ms | p99 ms | non-2xx |',
      '|---|---:|---:|---:|---:|',
      line('before the backup', before),
      line(`during (${options.seconds * 2} s window, backup inside it)`, during),
      '',
      `Backup: ${(backup.ms / 1000).toFixed(1)} s, ${(bytes / 1e6).toFixed(0)} MB${backup.ms > options.seconds * 2000 ? ' (longer than the load window)' : ''}. Restore into an empty install: ${(restore.ms / 1000).toFixed(1)} s.`,
    ].join('\n');
  } finally {
    rmSync(workDir, { recursive: true, force: true });
    rmSync(freshDir, { recursive: true, force: true });
  }
}
