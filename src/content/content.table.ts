import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

// Timestamps are ISO-8601 UTC strings (`2022-10-06T12:33:00.000Z`) on both SQLite and
// PostgreSQL so that every query and comparison is the same on both (ADR 0003).

export type ArticleStatus = 'draft' | 'submitted' | 'scheduled' | 'published' | 'unpublished';
export const articleStatuses = [
  'draft',
  'submitted',
  'scheduled',
  'published',
  'unpublished',
] as const;

export interface ArticleTable {
  id: Generated<number>;
  /** Stable identity for feeds (GUID) and the outside world; never changes. */
  uuid: string;
  title: string;
  slug: string;
  excerpt: string;
  /** The body as document JSON (see content/document/document-schema.ts). */
  doc: string;
  plain_text: string;
  word_count: number;
  reading_minutes: number;
  status: ArticleStatus;
  published_at: string | null;
  language: string;
  featured_image_url: string | null;
  featured_image_alt: string;
  featured_image_caption: string;
  /** The featured image's media library entry (when chosen from the library). */
  featured_media_id: number | null;
  created_by: number | null;
  /** Set when an API token (which has no user) created the article: its "own" articles. */
  created_by_token: number | null;
  /** Shared by an article and its translations (ADR 0008); null when it has none. */
  translation_group: number | null;
  /** Who may read the whole body (ADR 0026): public | members | paid | tiers. */
  access_level: Generated<string>;
  /** JSON array of tier ids when `access_level` is `tiers`. */
  access_tiers: Generated<string>;
  /** 1 when the level comes from the article's tags (recomputed when they change). */
  access_default: Generated<number>;
  /** Paragraphs shown before the wall (null: the site's default, or the preview marker). */
  preview_paragraphs: number | null;
  /** Optimistic concurrency: bumped on every save. */
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ArticleSlugTable {
  slug: string;
  article_id: number;
  created_at: string;
}

export type AuthorKind = 'person' | 'desk';

export interface AuthorTable {
  id: Generated<number>;
  kind: AuthorKind;
  name: string;
  slug: string;
  bio: string;
  image_url: string | null;
  created_at: string;
  updated_at: string;
}

export interface ArticleAuthorTable {
  article_id: number;
  author_id: number;
  position: number;
}

export interface TagTable {
  id: Generated<number>;
  name: string;
  slug: string;
  description: string;
  /** The access level this tag gives articles that follow their tags (null: none). */
  access_level: string | null;
  access_tiers: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  position: number;
  /** Kept equal to the article's status and published_at (see syncArticleTagListing). */
  status: Generated<ArticleStatus>;
  published_at: string | null;
}

export interface CollectionTable {
  id: Generated<number>;
  name: string;
  slug: string;
  description: string;
  created_at: string;
  updated_at: string;
}

export interface CollectionItemTable {
  collection_id: number;
  article_id: number;
  position: number;
}

export interface RevisionTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  /** A JSON snapshot of the saved article (title, slug, excerpt, doc, authors, tags, status…). */
  snapshot: string;
  created_by: number | null;
  created_at: string;
}

/** Internal links kept by id so they survive slug changes (and purge the linking pages). */
export interface ArticleLinkTable {
  from_article_id: number;
  to_article_id: number;
}

export type ArticleRow = Selectable<ArticleTable>;
export type NewArticleRow = Insertable<ArticleTable>;
export type ArticleUpdate = Updateable<ArticleTable>;
export type AuthorRow = Selectable<AuthorTable>;
export type TagRow = Selectable<TagTable>;
export type CollectionRow = Selectable<CollectionTable>;
export type RevisionRow = Selectable<RevisionTable>;

declare module '../platform/db/database-schema.js' {
  interface Database {
    articles: ArticleTable;
    article_slugs: ArticleSlugTable;
    authors: AuthorTable;
    article_authors: ArticleAuthorTable;
    tags: TagTable;
    article_tags: ArticleTagTable;
    collections: CollectionTable;
    collection_items: CollectionItemTable;
    revisions: RevisionTable;
    article_links: ArticleLinkTable;
  }
}
