import type { Executor } from '../platform/db/database.js';
import type { Logger } from '../platform/logger.js';
import { listPublicNewsletters } from './newsletter.repository.js';

// Signup forms render inside synchronous page slots, so the public newsletters they offer
// are held in memory here rather than read per page view. Each process refreshes the list on
// a timer (one small query per interval) and at once after a change it made itself; when the
// list changed, the process drops its cached pages, so a page never keeps an outdated form
// for longer than one interval.

export interface PublicNewsletter {
  slug: string;
  name: string;
  description: string;
  signupDefault: boolean;
}

let current: PublicNewsletter[] = [];
let currentKey = '[]';

/** The public newsletters as last loaded (empty before the first load). */
export function publicNewsletters(): readonly PublicNewsletter[] {
  return current;
}

export interface NewsletterDirectory {
  /** Loads the list now; purges pages when it changed. */
  refresh(): Promise<void>;
  stop(): void;
}

/** Starts keeping the process's list of public newsletters fresh. */
export function startNewsletterDirectory(options: {
  db: Executor;
  logger: Logger;
  onChange: () => void;
  intervalMs?: number;
}): NewsletterDirectory {
  async function refresh(): Promise<void> {
    const rows = await listPublicNewsletters(options.db);
    const next = rows.map((row) => ({
      slug: row.slug,
      name: row.name,
      description: row.description,
      signupDefault: row.signup_default === 1,
    }));
    const key = JSON.stringify(next);
    if (key === currentKey) return;
    current = next;
    currentKey = key;
    options.onChange();
  }
  const timer = setInterval(() => {
    refresh().catch((error: unknown) =>
      options.logger.warn({ err: error }, 'refreshing the newsletter list failed'),
    );
  }, options.intervalMs ?? 15_000);
  timer.unref();
  return { refresh, stop: () => clearInterval(timer) };
}
