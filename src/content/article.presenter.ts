import type { ArticleWithRelations } from './article-relations.js';
import type { AuthorRow, TagRow } from './content.table.js';
import type { DocumentJson } from './document/document-schema.js';

/** An author as APIs show it. */
export function presentAuthor(author: AuthorRow) {
  return {
    id: author.id,
    kind: author.kind,
    name: author.name,
    slug: author.slug,
    bio: author.bio,
    image_url: author.image_url,
  };
}

/** A tag as APIs show it. */
export function presentTag(tag: TagRow) {
  return {
    id: tag.id,
    name: tag.name,
    slug: tag.slug,
    description: tag.description,
    access_level: tag.access_level,
    access_tiers: JSON.parse(tag.access_tiers) as string[],
  };
}

/** The public URL of an article. */
export function articleUrl(baseUrl: string, slug: string): string {
  return `${baseUrl}/${slug}/`;
}

/** An article for the admin API: everything the editor needs, including the document and version. */
export function presentAdminArticle(
  { article, authors, tags }: ArticleWithRelations,
  baseUrl: string,
) {
  return {
    id: article.id,
    uuid: article.uuid,
    title: article.title,
    slug: article.slug,
    excerpt: article.excerpt,
    status: article.status,
    published_at: article.published_at,
    created_at: article.created_at,
    updated_at: article.updated_at,
    language: article.language,
    word_count: article.word_count,
    reading_minutes: article.reading_minutes,
    featured_image_url: article.featured_image_url,
    featured_media_id: article.featured_media_id,
    featured_image_alt: article.featured_image_alt,
    featured_image_caption: article.featured_image_caption,
    version: article.version,
    access_level: article.access_default === 1 ? 'default' : article.access_level,
    /** The level readers are checked against (the tags' when `access_level` is default). */
    effective_access_level: article.access_level,
    access_tiers: JSON.parse(article.access_tiers) as string[],
    preview_paragraphs: article.preview_paragraphs,
    doc: JSON.parse(article.doc) as DocumentJson,
    authors: authors.map(presentAuthor),
    tags: tags.map(presentTag),
    url: articleUrl(baseUrl, article.slug),
  };
}
