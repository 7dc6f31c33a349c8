import type { Executor } from '../platform/db/database.js';

/** The article an earlier import made from this source item, or undefined when it is new. */
export async function findImported(
  executor: Executor,
  source: string,
  sourceKey: string,
): Promise<{ articleId: number | null } | undefined> {
  const row = await executor
    .selectFrom('import_records')
    .select('article_id')
    .where('source', '=', source)
    .where('source_key', '=', sourceKey)
    .executeTakeFirst();
  return row ? { articleId: row.article_id } : undefined;
}

/** Remembers that this source item was imported (as this article). */
export async function recordImported(
  executor: Executor,
  values: { source: string; sourceKey: string; articleId: number | null; createdAt: string },
): Promise<void> {
  await executor
    .insertInto('import_records')
    .values({
      source: values.source,
      source_key: values.sourceKey,
      article_id: values.articleId,
      created_at: values.createdAt,
    })
    .execute();
}
