// `npm run build`: bundles the server (esbuild), copies the site's static assets, and builds the
// admin app (Vite) into dist/admin-ui. `--server` or `--admin` builds only that part.
import { cpSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

// Server code that is bundled into the server's files instead of loaded module by module
// from node_modules: pure-JavaScript ESM packages of hundreds of small files each, loaded on
// every start (ADR 0017). Everything else stays in node_modules as installed (native addons,
// packages that read their own files, packages loaded only on first use).
const bundledPackages = ['kysely', 'zod'];

/**
 * Bundles src/ into dist/server with esbuild: the CLI (main.js), the narration child
 * (audio.child.js) and shared chunks beside them, each command and lazily loaded module in its
 * own chunk. Types are checked by `npm run typecheck` (tsc), not here.
 */
export async function buildServer() {
  const { build } = await import('esbuild');
  const out = join(root, 'dist/server');
  rmSync(out, { recursive: true, force: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const external = Object.keys(pkg.dependencies)
    .filter((name) => !bundledPackages.includes(name))
    .flatMap((name) => [name, `${name}/*`]);
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/main.ts', 'audio.child': 'src/audio/engines/audio.child.ts' },
    outdir: out,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    legalComments: 'eof',
    logLevel: 'warning',
  });
  const assets = join(root, 'src/site/assets');
  if (existsSync(assets)) cpSync(assets, join(out, 'site/assets'), { recursive: true });
  // scripts/ensure-built.mjs compares this stamp with the sources' modification times.
  writeFileSync(join(out, '.build-stamp'), new Date().toISOString());
}

/**
 * Builds the admin single-page app (admin-ui/) into dist/admin-ui with hashed assets. It builds
 * into a fresh folder and swaps it in, so a running server never serves a half-written build.
 */
export async function buildAdmin() {
  const { build } = await import('vite');
  const target = join(root, 'dist/admin-ui');
  const fresh = join(root, `dist/.admin-ui-${process.pid}`);
  const old = join(root, `dist/.admin-ui-old-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  await build({
    configFile: join(root, 'admin-ui/vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: fresh, emptyOutDir: true },
  });
  writeFileSync(join(fresh, '.build-stamp'), new Date().toISOString());
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv[2];
  if (only !== '--admin') await buildServer();
  if (only !== '--server') await buildAdmin();
}
