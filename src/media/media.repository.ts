import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type { MediaRow, NewMediaRow } from './media.table.js';

/** Stores a library entry. */
export async function insertMedia(executor: Executor, row: NewMediaRow): Promise<MediaRow> {
  return executor.insertInto('media').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findMediaById(executor: Executor, id: number): Promise<MediaRow | undefined> {
  return executor.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Several entries in one query (a page's images). */
export async function findMediaByIds(executor: Executor, ids: number[]): Promise<MediaRow[]> {
  if (ids.length === 0) return [];
  return executor.selectFrom('media').selectAll().where('id', 'in', ids).execute();
}

/** An entry with the same bytes, whose files can be reused. */
export async function findMediaByHash(
  executor: Executor,
  hash: string,
): Promise<MediaRow | undefined> {
  return executor
    .selectFrom('media')
    .selectAll()
    .where('hash', '=', hash)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** How many entries share these bytes (files are removed with the last one). */
export async function countMediaWithHash(executor: Executor, hash: string): Promise<number> {
  const row = await executor
    .selectFrom('media')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('hash', '=', hash)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface MediaListQuery {
  /** Matched (case-insensitively, literally) against alt text, caption, credit and file name. */
  search?: string | undefined;
  limit: number;
  offset: number;
}

/** Newest first, with the total for paging. */
export async function listMedia(
  executor: Executor,
  query: MediaListQuery,
): Promise<{ rows: MediaRow[]; total: number }> {
  let q = executor.selectFrom('media');
  if (query.search) {
    // LIKE wildcards in the user's text are escaped so they match literally.
    const pattern = `%${query.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // SQLite's LIKE has no escape character unless one is named, so name it on both dialects.
    const like = (column: 'alt' | 'caption' | 'credit' | 'original_name') =>
      sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    q = q.where((eb) =>
      eb.or([like('alt'), like('caption'), like('credit'), like('original_name')]),
    );
  }
  const [rows, totalRow] = await Promise.all([
    q
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(totalRow.count) };
}

/** Changes an entry's texts. */
export async function updateMediaText(
  executor: Executor,
  id: number,
  changes: { alt?: string; caption?: string; credit?: string; updated_at: string },
): Promise<MediaRow | undefined> {
  return executor
    .updateTable('media')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteMedia(executor: Executor, id: number): Promise<void> {
  await executor.deleteFrom('media').where('id', '=', id).execute();
}

/** Every entry's variants column (garbage collection reads which files are in use). */
export async function listMediaVariants(executor: Executor): Promise<string[]> {
  const rows = await executor.selectFrom('media').select('variants').execute();
  return rows.map((row) => row.variants);
}
