import type { Transaction } from 'kysely';
import type { AppServices } from '../platform/app-services.js';
import { cachePurgeJob } from '../platform/cache/cache-purge.job.js';
import type { Database } from '../platform/db/database-schema.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { enqueueNarration } from '../audio/narrate.job.js';
import { enqueueEmbedFetch } from '../site/oembed-fetch.job.js';
import { lookupMedia } from '../media/media.service.js';
import type { ArticleDeps } from './article.service.js';

/** The article rules' dependencies for this request: clock, newsroom zone, own hosts. */
export async function articleDepsFor(services: AppServices): Promise<ArticleDeps> {
  const settings = await services.settings.get();
  return {
    now: services.now,
    timeZone: settings.timeZone,
    internalHosts: [new URL(services.config.baseUrl).host],
    mediaLookup: lookupMedia,
  };
}

/**
 * Runs a content change in one transaction that also enqueues a `cache.purge` job for the pages
 * it touches, then purges them here at once. The job makes the purge durable: if this process
 * dies after the commit, a worker still purges every node.
 */
export async function commitContentChange<T extends { purgeKeys: string[] }>(
  services: AppServices,
  work: (tx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const result = await services.database.db.transaction().execute(async (tx) => {
    const value = await work(tx);
    // Every change to a published article (re)narrates it, in this transaction.
    const article = (
      value as { article?: { id: number; status: string; version: number; doc: string } }
    ).article;
    if (article) await enqueueNarration(tx, article);
    // Embeds are fetched by a job, never while a page renders.
    if (article) await enqueueEmbedFetch(tx, article);
    if (value.purgeKeys.length > 0) await enqueueJob(tx, cachePurgeJob, { keys: value.purgeKeys });
    return value;
  });
  await services.purger.purge(result.purgeKeys);
  return result;
}
