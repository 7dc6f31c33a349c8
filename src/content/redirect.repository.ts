import type { Executor } from '../platform/db/database.js';

/** Normalizes a path for lookups: no query, a single leading slash, a trailing slash. */
export function normalizeRedirectPath(path: string): string {
  const bare = (path.split(/[?#]/)[0] ?? '').replace(/\/{2,}/g, '/');
  const withLead = bare.startsWith('/') ? bare : `/${bare}`;
  return withLead.endsWith('/') ? withLead : `${withLead}/`;
}

/** Adds an old path for an article; an existing path is left pointing where it pointed. */
export async function addRedirect(
  executor: Executor,
  path: string,
  articleId: number,
  createdAt: string,
): Promise<boolean> {
  const result = await executor
    .insertInto('redirects')
    .values({ path: normalizeRedirectPath(path), article_id: articleId, created_at: createdAt })
    .onConflict((oc) => oc.column('path').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The published article's current slug that an old path redirects to, if any. */
export async function findRedirectTarget(
  executor: Executor,
  path: string,
): Promise<string | undefined> {
  const row = await executor
    .selectFrom('redirects')
    .innerJoin('articles', 'articles.id', 'redirects.article_id')
    .select(['articles.slug'])
    .where('redirects.path', '=', normalizeRedirectPath(path))
    .where('articles.status', '=', 'published')
    .executeTakeFirst();
  return row?.slug;
}
