import type { Executor } from '../platform/db/database.js';

// Article titles for other domains' reports (revenue attribution, say): other domains read
// articles through this service, never through the content repositories.

export interface ArticleTitle {
  id: number;
  title: string;
  slug: string;
  status: string;
}

/** The titles of these articles (unknown or deleted ids are simply missing from the map). */
export async function findArticleTitles(
  executor: Executor,
  ids: number[],
): Promise<Map<number, ArticleTitle>> {
  const unique = [...new Set(ids)];
  const found = new Map<number, ArticleTitle>();
  // Chunked: PostgreSQL and SQLite both limit bound parameters per statement.
  for (let start = 0; start < unique.length; start += 500) {
    const rows = await executor
      .selectFrom('articles')
      .select(['id', 'title', 'slug', 'status'])
      .where('id', 'in', unique.slice(start, start + 500))
      .execute();
    for (const row of rows) found.set(row.id, row);
  }
  return found;
}
