import { openDocJson } from '../../content/access/preview-cut.js';
import { listPublishedArticles } from '../../content/article-listing.repository.js';
import { findAuthorBySlug } from '../../content/author.repository.js';
import type { AuthorRow, TagRow } from '../../content/content.table.js';
import { findTagBySlug } from '../../content/tag.repository.js';
import type { Executor } from '../../platform/db/database.js';
import { type StorySummary, withBylines } from '../site.queries.js';

/** How many of the newest articles a feed carries. */
export const feedSize = 20;

export type FeedScope =
  { kind: 'site' } | { kind: 'tag'; subject: TagRow } | { kind: 'author'; subject: AuthorRow };

export interface FeedArticle extends StorySummary {
  /** The body document JSON; only loaded when the feed carries full content. */
  doc: string | undefined;
}

/** The tag or author a feed URL names, or undefined when there is none. */
export async function findFeedScope(
  executor: Executor,
  kind: 'tag' | 'author',
  slug: string,
): Promise<FeedScope | undefined> {
  if (kind === 'tag') {
    const tag = await findTagBySlug(executor, slug);
    return tag ? { kind, subject: tag } : undefined;
  }
  const author = await findAuthorBySlug(executor, slug);
  return author ? { kind, subject: author } : undefined;
}

/** The newest published articles in a scope, with bylines, tags and (optionally) bodies. */
export async function loadFeedArticles(
  executor: Executor,
  scope: FeedScope,
  options: { withBodies: boolean; limit?: number },
): Promise<FeedArticle[]> {
  const rows = await listPublishedArticles(executor, {
    limit: options.limit ?? feedSize,
    offset: 0,
    tagId: scope.kind === 'tag' ? scope.subject.id : undefined,
    authorId: scope.kind === 'author' ? scope.subject.id : undefined,
  });
  const ids = rows.map((row) => row.id);
  const [stories, bodies] = await Promise.all([
    withBylines(executor, rows),
    options.withBodies && ids.length > 0
      ? executor
          .selectFrom('articles')
          .select(['id', 'doc', 'access_level', 'preview_paragraphs'])
          .where('id', 'in', ids)
          .execute()
      : Promise.resolve([]),
  ]);
  // Feeds are public: a gated article's item carries its preview only (ADR 0026).
  const docs = new Map(bodies.map((row) => [row.id, openDocJson(row)]));
  return stories.map((story) => ({ ...story, doc: docs.get(story.id) }));
}
