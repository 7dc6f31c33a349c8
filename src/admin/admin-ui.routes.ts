import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

// Serves the admin single-page app (admin-ui/, built by `npm run build` into dist/admin-ui) at
// /admin/: hashed assets cached forever, the HTML never cached and under a strict CSP, and
// every other /admin/* path answered with index.html so the app's own router takes over.

/** The repository root, found from this file whether it runs from src/ (tsx) or dist/server/. */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return dir;
}

/** No inline scripts, no foreign origins; inline styles only because sandboxed email previews need them. */
export const adminContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' https: data: blob:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const missingBuildPage = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Admin app not built</title></head><body><main><h1>The admin app is not built yet</h1><p>Run <code>npm run build</code> (or start the server with <code>npm start</code>, which builds it) and reload this page.</p></main></body></html>`;

export function registerAdminUiRoutes(app: FastifyInstance, options: { dir?: string } = {}): void {
  const dir = options.dir ?? join(findRoot(), 'dist/admin-ui');

  function sendIndex(reply: FastifyReply) {
    const headers = {
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-robots-tag': 'noindex, nofollow',
      'referrer-policy': 'same-origin',
    };
    let page: string;
    try {
      // Read per request: a rebuild changes the hashed asset names, and admin traffic is light.
      page = readFileSync(join(dir, 'index.html'), 'utf8');
    } catch {
      return reply
        .status(503)
        .headers(headers)
        .type('text/html; charset=utf-8')
        .send(missingBuildPage);
    }
    return reply
      .headers({ ...headers, 'content-security-policy': adminContentSecurityPolicy })
      .type('text/html; charset=utf-8')
      .send(page);
  }

  app.get('/admin/assets/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    // Only the flat, generated names Vite writes: nothing from the URL reaches a path otherwise.
    const ext = /^[\w-]+(\.[\w-]+)*(\.[a-z0-9]+)$/i.exec(file)?.[2]?.toLowerCase();
    const path = join(dir, 'assets', file);
    if (!ext || !contentTypes[ext] || !existsSync(path) || !statSync(path).isFile())
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send('No such admin asset. Reload the admin page: the app may have been rebuilt.');
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .type(contentTypes[ext])
      .send(createReadStream(path));
  });
  app.get('/admin', async (request, reply) => {
    const search = request.url.indexOf('?');
    return reply.redirect(`/admin/${search >= 0 ? request.url.slice(search) : ''}`, 301);
  });
  app.get('/admin/', async (_request, reply) => sendIndex(reply));
  app.get('/admin/*', async (_request, reply) => sendIndex(reply));
}
