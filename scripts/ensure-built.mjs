// Builds the server and the admin app into dist/ when they are missing or older than their
// sources, so `npm start` and `npx masthead` work on a fresh clone with nothing but `npm ci`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry.name)));
  }
  return newest;
}

function isFresh(stamp, sources) {
  const newest = Math.max(...sources.map((s) => newestMtime(join(root, s))));
  return existsSync(stamp) && statSync(stamp).mtimeMs >= newest;
}

function viteAvailable() {
  try {
    createRequire(import.meta.url).resolve('vite');
    return true;
  } catch {
    return false;
  }
}

function run(part) {
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), part], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Builds what is missing or stale (server, admin app); quiet when everything is up to date. */
export function ensureBuilt({ quiet = false } = {}) {
  const serverStamp = join(root, 'dist/server/.build-stamp');
  if (!isFresh(serverStamp, ['src', 'package.json'])) {
    if (!quiet) process.stderr.write('Building Masthead (first run or sources changed)…\n');
    run('--server');
  }
  ensureAdminBuilt({ quiet });
}

/** Builds the admin app when dist/admin-ui is missing or older than admin-ui/ and the shared document modules. */
export function ensureAdminBuilt({ quiet = false } = {}) {
  const adminStamp = join(root, 'dist/admin-ui/.build-stamp');
  const sources = ['admin-ui', 'src/content/document', 'package.json'];
  if (isFresh(adminStamp, sources)) return;
  if (!viteAvailable()) {
    // Installed without devDependencies: the server answers /admin/ with a 503 page saying so.
    if (!quiet) process.stderr.write('Admin app not built: run `npm ci` (with dev dependencies) and `npm run build`.\n');
    return;
  }
  withLock(join(root, 'dist/.admin-build.lock'), () => {
    // Another process (a parallel test file, say) may have built it while we waited.
    if (isFresh(adminStamp, sources)) return;
    if (!quiet) process.stderr.write('Building the admin app…\n');
    run('--admin');
  });
}

/** Runs `fn` holding a lock directory, so parallel callers build once, one after the other. */
function withLock(lock, fn) {
  mkdirSync(dirname(lock), { recursive: true });
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      // A lock left by a killed build: older than any real build takes.
      if (Date.now() - statSync(lock).mtimeMs > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureBuilt();
