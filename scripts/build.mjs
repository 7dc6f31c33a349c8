// `npm run build`: compiles the server (tsc), copies the site's static assets, and builds the
// admin app (Vite) into dist/admin-ui. `--server` or `--admin` builds only that part.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

/** Compiles src/ into dist/server. */
export function buildServer() {
  rmSync(join(root, 'dist/server'), { recursive: true, force: true });
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
    cwd: root,
    stdio: 'inherit',
  });
  const assets = join(root, 'src/site/assets');
  if (existsSync(assets)) cpSync(assets, join(root, 'dist/server/site/assets'), { recursive: true });
  // scripts/ensure-built.mjs compares this stamp with the sources' modification times.
  writeFileSync(join(root, 'dist/server/.build-stamp'), new Date().toISOString());
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
  if (only !== '--admin') buildServer();
  if (only !== '--server') await buildAdmin();
}
