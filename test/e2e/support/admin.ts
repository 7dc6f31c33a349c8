import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
// @ts-expect-error -- a plain .mjs script without type declarations
import { ensureAdminBuilt } from '../../../scripts/ensure-built.mjs';
import { type RunningServer, startServer } from './server.js';

/** Builds dist/admin-ui when missing or stale (the server started from sources serves it). */
export function buildAdminUi(): void {
  (ensureAdminBuilt as (options: { quiet: boolean }) => void)({ quiet: true });
}

/**
 * Starts the test server with a generous start window: on a loaded 2-core machine, loading the
 * TypeScript sources from cold can take longer than startServer's default 30 s.
 */
export function startAdminTestServer(): Promise<RunningServer> {
  return startServer({ startTimeoutMs: 120_000 });
}

/** Signs in through the admin's sign-in form and waits for the article list. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/admin/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
}

/** The newest email in the test server's outbox folder whose text matches `pattern`. */
export function findOutboxLink(server: RunningServer, pattern: RegExp): string {
  const dir = join(server.dataDir, 'outbox');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .reverse();
  for (const file of files) {
    // Quoted-printable soft line breaks ("=\r\n") and "=3D" would split the URL: undo them.
    const text = readFileSync(join(dir, file), 'utf8')
      .replace(/=\r?\n/g, '')
      .replace(/=3D/gi, '=');
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  throw new Error(`no email in ${dir} matches ${pattern}`);
}
