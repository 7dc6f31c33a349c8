// `npm run build`: compiles the server (tsc) and copies the site's static assets into dist/.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
rmSync(join(root, 'dist/server'), { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  cwd: root,
  stdio: 'inherit',
});
const assets = join(root, 'src/site/assets');
if (existsSync(assets)) cpSync(assets, join(root, 'dist/server/site/assets'), { recursive: true });
