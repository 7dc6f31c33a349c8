import type { Executor } from '../../platform/db/database.js';
import { enqueueJob } from '../../platform/jobs/job-queue.js';
import { readSiteSettings } from '../../platform/settings/site-settings.js';
import { feedPaths } from './feed-model.js';
import { websubPingJob } from './websub-ping.job.js';

// Purges reach other nodes (and CDNs) a moment after commit; a hub that fetched the feed at
// once could read the old one, so the ping waits a little.
const pingDelayMs = 5_000;

/** An article's tags and authors (rows or the refs a content event carries). */
interface Bylines {
  tags: ReadonlyArray<{ slug: string }>;
  authors: ReadonlyArray<{ slug: string }>;
}

/** The feed paths an article appears in: the site's, its tags' and its authors' feeds. */
export function feedTopicPaths(relations: readonly Bylines[]) {
  const bases = new Set<string>(['']);
  for (const side of relations) {
    for (const tag of side.tags) bases.add(`/tag/${tag.slug}`);
    for (const author of side.authors) bases.add(`/author/${author.slug}`);
  }
  return [...bases].flatMap((base) => Object.values(feedPaths(base)));
}

/**
 * Enqueues a WebSub ping (in the caller's transaction) for the feeds a published article's
 * change touches; does nothing when no hub is configured. While a ping for the article is
 * still queued, another change adds nothing: one ping announces both.
 */
export async function enqueueWebSubPing(
  executor: Executor,
  articleId: number,
  relations: readonly Bylines[],
  now = new Date(),
): Promise<void> {
  const settings = await readSiteSettings(executor);
  if (!settings.websubHub) return;
  const paths = feedTopicPaths(relations).slice(0, 60);
  await enqueueJob(
    executor,
    websubPingJob,
    { paths },
    { runAt: new Date(now.getTime() + pingDelayMs), idempotencyKey: `websub:${articleId}` },
  );
}
