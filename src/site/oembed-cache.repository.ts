import type { Selectable } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type { OEmbedCacheTable } from './oembed-cache.table.js';

export type OEmbedCacheRow = Selectable<OEmbedCacheTable>;

/** The cached answers for these URLs (any age). */
export async function findCachedEmbeds(
  executor: Executor,
  urls: string[],
): Promise<OEmbedCacheRow[]> {
  if (urls.length === 0) return [];
  return executor.selectFrom('oembed_cache').selectAll().where('url', 'in', urls).execute();
}

/** Stores (or replaces) the answer for one URL. */
export async function saveCachedEmbed(executor: Executor, row: OEmbedCacheRow): Promise<void> {
  const { url: _url, ...rest } = row;
  await executor
    .insertInto('oembed_cache')
    .values(row)
    .onConflict((oc) => oc.column('url').doUpdateSet(rest))
    .execute();
}
