import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';

/**
 * Articles that may use a media library entry: as featured image, or (a cheap text match that
 * the caller confirms by parsing) in an image node of the body. Bodies are stored as JSON, where
 * a quote inside text is always escaped, so `"mediaId":5` only ever matches a real attribute.
 */
export async function findArticlesMentioningMedia(
  executor: Executor,
  mediaId: number,
): Promise<
  Array<{ id: number; title: string; slug: string; doc: string; featured_media_id: number | null }>
> {
  const id = Math.trunc(mediaId);
  return executor
    .selectFrom('articles')
    .select(['id', 'title', 'slug', 'doc', 'featured_media_id'])
    .where((eb) =>
      eb.or([
        eb('featured_media_id', '=', id),
        sql<boolean>`doc like ${`%"mediaId":${id},%`}`,
        sql<boolean>`doc like ${`%"mediaId":${id}}%`}`,
      ]),
    )
    .orderBy('id')
    .execute();
}
