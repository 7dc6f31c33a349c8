import { z } from 'zod';
import type { DocumentJson } from '../content/document/document-schema.js';
import { collectEmbedUrls } from '../content/document/embed-providers.js';
import type { CachePurger } from '../platform/cache/cache-purger.js';
import type { DatabaseHandle, Executor } from '../platform/db/database.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import {
  defaultOEmbedConsumerDeps,
  type OEmbedConsumerDeps,
  refreshEmbeds,
} from './oembed-consumer.service.js';
import { defaultOEmbedProviders, findOEmbedProvider } from './oembed-providers.js';

export interface OEmbedFetchDeps {
  database: Pick<DatabaseHandle, 'db'>;
  purger: CachePurger;
  now: () => Date;
  /** Tests inject local providers and a loopback-allowing fetch; production uses the defaults. */
  oembed?: OEmbedConsumerDeps;
}

/**
 * Fetches the oEmbed answers for an article's embeds into the cache, then purges the article's
 * pages so they render the frames. Pages never fetch: until this runs, embeds are links.
 */
export const oembedFetchJob = defineJob({
  name: 'site.oembed-fetch',
  version: 1,
  payload: z.object({ articleId: z.number().int().positive() }),
  maxAttempts: 3,
  handler: async (payload, deps: OEmbedFetchDeps, context) => {
    const { db } = deps.database;
    const article = await db
      .selectFrom('articles')
      .select(['id', 'doc'])
      .where('id', '=', payload.articleId)
      .executeTakeFirst();
    if (!article) return;
    const urls = collectEmbedUrls(JSON.parse(article.doc) as DocumentJson);
    const report = await refreshEmbeds(
      db,
      deps.oembed ?? defaultOEmbedConsumerDeps(deps.now),
      urls,
    );
    for (const failure of report.failed)
      context.logger.warn({ url: failure.url, error: failure.error }, 'oEmbed fetch failed');
    if (report.fetched > 0 || report.failed.length > 0)
      await deps.purger.purge([`article:${article.id}`, 'feeds']);
  },
});

/**
 * Enqueues the oEmbed fetch for an article version in the caller's transaction, when one of
 * its body's embed URLs is from an allow-listed provider.
 */
export async function enqueueEmbedFetch(
  executor: Executor,
  article: { id: number; version: number },
  urls: readonly string[],
  providers = defaultOEmbedProviders,
): Promise<void> {
  if (!urls.some((url) => findOEmbedProvider(providers, url))) return;
  await enqueueJob(
    executor,
    oembedFetchJob,
    { articleId: article.id },
    { idempotencyKey: `oembed:${article.id}:${article.version}` },
  );
}
