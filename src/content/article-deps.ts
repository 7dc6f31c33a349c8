import type { Transaction } from 'kysely';
import type { AppServices } from '../platform/app-services.js';
import { cachePurgeJob } from '../platform/cache/cache-purge.job.js';
import type { Database } from '../platform/db/database-schema.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import type { MediaLookup } from './article-media.service.js';
import type { ArticleDeps } from './article.service.js';

/** What content's staff routes are given by the layer that registers them (admin/). */
export interface ContentRouteOptions {
  /** Media library entries by id (the media domain's lookup). */
  mediaLookup: MediaLookup;
}

/** The article rules' dependencies for this request: clock, newsroom zone, own hosts, events. */
export async function articleDepsFor(
  services: AppServices,
  options: ContentRouteOptions,
): Promise<ArticleDeps> {
  const settings = await services.settings.get();
  return {
    now: services.now,
    timeZone: settings.timeZone,
    internalHosts: [new URL(services.config.baseUrl).host],
    mediaLookup: options.mediaLookup,
    events: services.events,
  };
}

/**
 * Runs a content change in one transaction that also enqueues a `cache.purge` job for the pages
 * it touches, then purges them here at once. The job makes the purge durable: if this process
 * dies after the commit, a worker still purges every node. What else reacts to the change
 * (narration, search, WebSub, oEmbed) subscribes to the events the change announces.
 */
export async function commitContentChange<T extends { purgeKeys: string[] }>(
  services: AppServices,
  work: (tx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const result = await services.database.db.transaction().execute(async (tx) => {
    const value = await work(tx);
    if (value.purgeKeys.length > 0) await enqueueJob(tx, cachePurgeJob, { keys: value.purgeKeys });
    return value;
  });
  await services.purger.purge(result.purgeKeys);
  return result;
}
