import type { Executor } from '../platform/db/database.js';
import { findAuthorsForArticles } from './author.repository.js';
import type { ArticleRow, AuthorRow, TagRow } from './content.table.js';
import { findTagsForArticles } from './tag.repository.js';

export interface ArticleWithRelations {
  article: ArticleRow;
  authors: AuthorRow[];
  tags: TagRow[];
}

export interface ArticleChange extends ArticleWithRelations {
  /** Surrogate keys of the cached pages this change makes stale. */
  purgeKeys: string[];
}

/** An article with its ordered authors and tags. */
export async function loadRelations(
  executor: Executor,
  article: ArticleRow,
): Promise<ArticleWithRelations> {
  const [authors, tags] = await Promise.all([
    findAuthorsForArticles(executor, [article.id]),
    findTagsForArticles(executor, [article.id]),
  ]);
  return { article, authors: authors.get(article.id) ?? [], tags: tags.get(article.id) ?? [] };
}

/** The cached pages an article change touches: itself, home, feeds, its tags and authors, pages linking to it. */
export function purgeKeysFor(
  after: ArticleWithRelations,
  before: ArticleWithRelations | undefined,
  linkingArticleIds: number[],
): string[] {
  const keys = new Set<string>([`article:${after.article.id}`, 'home', 'feeds', 'sitemap']);
  for (const side of [after, before]) {
    if (!side) continue;
    for (const tag of side.tags) keys.add(`tag:${tag.id}`);
    for (const author of side.authors) keys.add(`author:${author.id}`);
  }
  for (const id of linkingArticleIds) keys.add(`article:${id}`);
  return [...keys];
}
