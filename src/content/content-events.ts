import type { EventPublisher } from '../platform/events/domain-events.js';
import type { Executor } from '../platform/db/database.js';
import type { ArticleWithRelations } from './article-relations.js';
import type { ArticleStatus } from './content.table.js';
import type { DocumentJson } from './document/document-types.js';
import { collectEmbedUrls } from './document/embed-providers.js';

// What content announces (ADR 0015). Search, audio, site distribution and oEmbed subscribe
// at start-up (jobs.ts `subscribeDomains`); content knows none of them.
//
// Every article change records exactly one of created / updated / published / unpublished /
// deleted, in the change's transaction, on the stream `article:<id>`; a slug change also
// records `article.slug-changed`, a translation link `article.translation-linked`.

/** Where a change came from: subscribers may treat an archive import differently. */
export type ChangeOrigin = 'newsroom' | 'import' | 'seed';

export interface ArticleRef {
  id: number;
  slug: string;
}

/** An article as it is after the change, and what it was before (for updates). */
export interface ArticleChanged {
  articleId: number;
  version: number;
  status: ArticleStatus;
  /** null for a new article. */
  previousStatus: ArticleStatus | null;
  slug: string;
  language: string;
  publishedAt: string | null;
  /** When the change was made (the article's updated_at; an import's is its original). */
  changedAt: string;
  tags: ArticleRef[];
  authors: ArticleRef[];
  /** The tags and authors before the change (empty for a new article): their pages change too. */
  previousTags: ArticleRef[];
  previousAuthors: ArticleRef[];
  /** The body's embed URLs (any provider), so no subscriber re-reads the body for them. */
  embedUrls: string[];
  origin: ChangeOrigin;
}

export interface ArticleDeleted {
  articleId: number;
  status: ArticleStatus;
  slug: string;
  tags: ArticleRef[];
  authors: ArticleRef[];
}

export interface ArticleSlugChanged {
  articleId: number;
  slug: string;
  previousSlug: string;
}

export interface TranslationLinked {
  articleId: number;
  /** The group it joined, or null when it was taken out of its group. */
  translationGroup: number | null;
  /** Every article whose language links change. */
  articleIds: number[];
}

export interface TaxonomyChanged {
  id: number;
  /** A new name changes what the articles are found by. */
  renamed: boolean;
  articleIds: number[];
}

export interface TaxonomyDeleted {
  id: number;
  articleIds: number[];
}

/** A curated collection (e.g. Editors' Picks) was created, changed or deleted. */
export interface CollectionChanged {
  id: number;
  slug: string;
  /** The slug before a rename (else the same as `slug`). */
  previousSlug: string;
  /** Its articles in order after the change, and before it (empty when new or deleted). */
  articleIds: number[];
  previousArticleIds: number[];
  deleted: boolean;
}

declare module '../platform/events/domain-events.js' {
  interface DomainEventMap {
    'article.created': ArticleChanged;
    'article.updated': ArticleChanged;
    'article.published': ArticleChanged;
    'article.unpublished': ArticleChanged;
    'article.deleted': ArticleDeleted;
    'article.slug-changed': ArticleSlugChanged;
    'article.translation-linked': TranslationLinked;
    'tag.changed': TaxonomyChanged;
    'tag.deleted': TaxonomyDeleted;
    'author.changed': TaxonomyChanged;
    'author.deleted': TaxonomyDeleted;
    'collection.changed': CollectionChanged;
  }
}

/** The four types that carry `ArticleChanged`. */
export const articleChangeTypes = [
  'article.created',
  'article.updated',
  'article.published',
  'article.unpublished',
] as const;

const refs = (rows: Array<{ id: number; slug: string }>): ArticleRef[] =>
  rows.map((r) => ({ id: r.id, slug: r.slug }));

/** Which of the four an article change is. */
function changeType(after: ArticleStatus, before: ArticleStatus | null) {
  if (before === null) return 'article.created' as const;
  if (after === 'published' && before !== 'published') return 'article.published' as const;
  if (before === 'published' && after !== 'published') return 'article.unpublished' as const;
  return 'article.updated' as const;
}

/** Announces an article change (and a slug change) in the caller's transaction. */
export async function announceArticleChange(
  executor: Executor,
  events: EventPublisher,
  after: ArticleWithRelations,
  before: ArticleWithRelations | undefined,
  origin: ChangeOrigin,
): Promise<void> {
  const { article } = after;
  const stream = `article:${article.id}`;
  await events.publish(executor, stream, {
    type: changeType(article.status, before?.article.status ?? null),
    articleId: article.id,
    version: article.version,
    status: article.status,
    previousStatus: before?.article.status ?? null,
    slug: article.slug,
    language: article.language,
    publishedAt: article.published_at,
    changedAt: article.updated_at,
    tags: refs(after.tags),
    authors: refs(after.authors),
    previousTags: refs(before?.tags ?? []),
    previousAuthors: refs(before?.authors ?? []),
    embedUrls: collectEmbedUrls(JSON.parse(article.doc) as DocumentJson),
    origin,
  });
  if (before && before.article.slug !== article.slug)
    await events.publish(executor, stream, {
      type: 'article.slug-changed',
      articleId: article.id,
      slug: article.slug,
      previousSlug: before.article.slug,
    });
}

/** Announces a deletion (the article's row is gone; this is what it was). */
export function announceArticleDeleted(
  executor: Executor,
  events: EventPublisher,
  was: ArticleWithRelations,
): Promise<void> {
  return events.publish(executor, `article:${was.article.id}`, {
    type: 'article.deleted',
    articleId: was.article.id,
    status: was.article.status,
    slug: was.article.slug,
    tags: refs(was.tags),
    authors: refs(was.authors),
  });
}

async function articleIdsOf(executor: Executor, kind: 'tag' | 'author', id: number) {
  const rows =
    kind === 'tag'
      ? await executor
          .selectFrom('article_tags')
          .select('article_id')
          .where('tag_id', '=', id)
          .execute()
      : await executor
          .selectFrom('article_authors')
          .select('article_id')
          .where('author_id', '=', id)
          .execute();
  return rows.map((r) => r.article_id);
}

/**
 * Runs a change to a tag or an author and announces it (`tag.changed`, `author.deleted`, …)
 * with the articles it had before the change, in the caller's transaction. Returns what the
 * change returned; nothing is announced when it returns undefined or false (not found).
 */
export async function withTaxonomyAnnounced<T>(
  executor: Executor,
  events: EventPublisher,
  target: { kind: 'tag' | 'author'; id: number; change: 'changed' | 'deleted'; renamed?: boolean },
  change: () => Promise<T>,
): Promise<T> {
  const articleIds = await articleIdsOf(executor, target.kind, target.id);
  const result = await change();
  if (result === undefined || result === false) return result;
  const stream = `${target.kind}:${target.id}`;
  const id = target.id;
  if (target.change === 'deleted')
    await events.publish(executor, stream, {
      type: target.kind === 'tag' ? 'tag.deleted' : 'author.deleted',
      id,
      articleIds,
    });
  else
    await events.publish(executor, stream, {
      type: target.kind === 'tag' ? 'tag.changed' : 'author.changed',
      id,
      renamed: target.renamed ?? false,
      articleIds,
    });
  return result;
}

/** Announces a change to a collection (its stream: `collection:<id>`) in the caller's transaction. */
export function announceCollectionChange(
  executor: Executor,
  events: EventPublisher,
  change: CollectionChanged,
): Promise<void> {
  return events.publish(executor, `collection:${change.id}`, {
    type: 'collection.changed',
    ...change,
  });
}
