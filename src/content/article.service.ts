// Creating, changing, deleting and loading articles, with their revisions and scheduled
// publication; every change is announced as a content event (content-events.ts), to which
// search, narration, WebSub and oEmbed subscribe. Publish, unpublish and schedule are in
// article-workflow.service.ts; how input becomes stored fields is in article-fields.ts.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { conflict, forbidden, notFound } from '../platform/errors.js';
import { buildDocument, chooseSlug, decidePublication, isPublishing } from './article-fields.js';
import type { ArticleCreateInput, ArticleUpdateInput } from './article.input.js';
import {
  type Actor,
  canDeleteArticle,
  canEditArticle,
  canPublishArticle,
} from './article.policy.js';
import * as articles from './article.repository.js';
import {
  type ArticleChange,
  type ArticleWithRelations,
  loadRelations,
  purgeKeysFor,
} from './article-relations.js';
import { setArticleAuthors } from './author.repository.js';
import { resolveAuthorIds, resolveTagIds } from './byline.service.js';
import type { DocumentJson } from './document/document-schema.js';
import {
  collectArticleIds,
  countWords,
  documentToPlainText,
  readingMinutes,
} from './document/document-to-text.js';
import {
  chooseFeaturedImage,
  type MediaLookup,
  requireAltTextForPublishing,
} from './article-media.service.js';
import type { EventPublisher } from '../platform/events/domain-events.js';
import {
  announceArticleChange,
  announceArticleDeleted,
  type ChangeOrigin,
} from './content-events.js';
import { enqueueScheduledPublication } from './publish-scheduled.job.js';
import { setArticleTags, syncArticleTagListing } from './tag.repository.js';
import { decideAccessColumns } from './access/article-access.js';

/** What article rules need from the outside world. */
export type { ArticleChange, ArticleWithRelations } from './article-relations.js';

export interface ArticleDeps {
  now: () => Date;
  /** The newsroom's zone: a date without an offset is wall-clock time there. */
  timeZone: string;
  /** Hosts whose links are internal (the site's own), e.g. news.example.org. */
  internalHosts: string[];
  /** Media library entries by id (names in messages, featured image URLs); absent in some tests. */
  mediaLookup?: MediaLookup;
  /**
   * Imports bring articles that are already public elsewhere: they stay published even when
   * an image lacks alt text (the import report lists them) so their URLs keep working.
   */
  skipAltTextCheck?: boolean;
  /** Where content events are announced (in the change's transaction). */
  events: EventPublisher;
  /** Who makes the change: the newsroom (default), an import or the demo seed. */
  origin?: ChangeOrigin;
}

/** Creates an article from the API/editor input (DESIGN.md contract). */
export async function createArticle(
  executor: Executor,
  deps: ArticleDeps,
  input: ArticleCreateInput,
  actor: Actor,
): Promise<ArticleChange> {
  if (
    input.status !== 'draft' &&
    input.status !== 'submitted' &&
    !canPublishArticle(actor, 'new')
  ) {
    throw forbidden(
      'Your role can write drafts and submit them for review, but not publish or schedule.',
    );
  }
  const now = deps.now();
  const slug = await chooseSlug(executor, input.slug, input.title, undefined);
  const doc = await buildDocument(executor, deps, input);
  const timing = decidePublication(input.status, input.published_at, undefined, now, deps.timeZone);
  const featured = await chooseFeaturedImage(executor, deps.mediaLookup, input, undefined);
  if ((input.status === 'published' || input.status === 'scheduled') && !deps.skipAltTextCheck)
    await requireAltTextForPublishing(
      executor,
      doc,
      { ...featured, alt: input.featured_image_alt ?? '' },
      deps.mediaLookup,
    );
  const text = documentToPlainText(doc);
  const words = countWords(`${input.title} ${text}`);
  const stamp = nowIso(now);
  const access = await decideAccessColumns(executor, input, undefined, input.tags);
  const article = await articles.insertArticle(executor, {
    ...access,
    uuid: randomUUID(),
    title: input.title,
    slug,
    excerpt: input.excerpt ?? '',
    doc: JSON.stringify(doc),
    plain_text: text,
    word_count: words,
    reading_minutes: readingMinutes(words),
    status: input.status,
    published_at: timing,
    language: input.language ?? 'en',
    featured_image_url: featured.url,
    featured_media_id: featured.mediaId,
    featured_image_alt: input.featured_image_alt ?? '',
    featured_image_caption: input.featured_image_caption ?? '',
    created_by: actor.userId,
    created_by_token: actor.tokenId,
    version: 1,
    created_at: stamp,
    updated_at: stamp,
  });
  const authorIds = await resolveAuthorIds(executor, input.authors, stamp);
  const tagIds = await resolveTagIds(executor, input.tags, stamp);
  await setArticleAuthors(executor, article.id, authorIds);
  await setArticleTags(executor, article.id, tagIds);
  await syncArticleTagListing(executor, article.id, article.status, article.published_at);
  await articles.replaceArticleLinks(executor, article.id, collectArticleIds(doc));
  const result = await loadRelations(executor, article);
  await saveRevision(executor, result, actor, stamp);
  await announceArticleChange(executor, deps.events, result, undefined, deps.origin ?? 'newsroom');
  if (article.status === 'scheduled' && article.published_at)
    await enqueueScheduledPublication(executor, article.id, article.published_at);
  return { ...result, purgeKeys: purgeKeysFor(result, undefined, []) };
}

/** Changes an article; refuses with 409 when `version` is stale (someone else saved first). */
export async function updateArticle(
  executor: Executor,
  deps: ArticleDeps,
  id: number,
  input: ArticleUpdateInput,
  actor: Actor,
): Promise<ArticleChange> {
  const before = await articles.findArticleById(executor, id);
  if (!before) throw notFound('Article');
  if (!canEditArticle(actor, before)) throw forbidden('You can only edit your own articles.');
  if (input.version !== undefined && input.version !== before.version) {
    throw conflict(
      `This article was changed by someone else since you opened it (your version ${input.version}, current ${before.version}). Reload to see their changes; your text was not saved over theirs.`,
      'version_conflict',
    );
  }
  const status = input.status ?? before.status;
  const statusChanges = status !== before.status;
  const dateChanges =
    input.published_at !== undefined && status !== 'draft' && status !== 'submitted';
  if (
    (statusChanges || dateChanges) &&
    (isPublishing(status) || isPublishing(before.status)) &&
    !canPublishArticle(actor, before)
  ) {
    throw forbidden(
      'Your role can write drafts and submit them for review, but not publish, schedule or unpublish.',
    );
  }
  const now = deps.now();
  const stamp = nowIso(now);
  const title = input.title ?? before.title;
  const slug =
    input.slug !== undefined && input.slug !== before.slug
      ? await chooseSlug(executor, input.slug, title, before.id)
      : before.slug;
  const bodyChanges = input.html !== undefined || input.doc !== undefined;
  const doc = bodyChanges
    ? await buildDocument(executor, deps, input)
    : (JSON.parse(before.doc) as DocumentJson);
  const text = bodyChanges ? documentToPlainText(doc) : before.plain_text;
  const words = countWords(`${title} ${text}`);
  const publishedAt = decidePublication(status, input.published_at, before, now, deps.timeZone);
  const featured = await chooseFeaturedImage(executor, deps.mediaLookup, input, before);
  if ((status === 'published' || status === 'scheduled') && !deps.skipAltTextCheck)
    await requireAltTextForPublishing(
      executor,
      doc,
      { ...featured, alt: input.featured_image_alt ?? before.featured_image_alt },
      deps.mediaLookup,
    );
  const beforeRelations = await loadRelations(executor, before);
  const access = await decideAccessColumns(executor, input, before, input.tags);
  const updated = await articles.updateArticleIfVersion(executor, id, before.version, {
    ...access,
    title,
    slug,
    excerpt: input.excerpt ?? before.excerpt,
    doc: JSON.stringify(doc),
    plain_text: text,
    word_count: words,
    reading_minutes: readingMinutes(words),
    status,
    published_at: publishedAt,
    language: input.language ?? before.language,
    featured_image_url: featured.url,
    featured_media_id: featured.mediaId,
    featured_image_alt: input.featured_image_alt ?? before.featured_image_alt,
    featured_image_caption: input.featured_image_caption ?? before.featured_image_caption,
    updated_at: stamp,
  });
  if (!updated)
    throw conflict(
      'This article was changed by someone else at the same moment. Reload and try again.',
      'version_conflict',
    );
  if (slug !== before.slug) {
    await articles.forgetOldSlug(executor, slug);
    await articles.recordOldSlug(executor, id, before.slug, stamp);
  }
  if (input.authors)
    await setArticleAuthors(executor, id, await resolveAuthorIds(executor, input.authors, stamp));
  if (input.tags)
    await setArticleTags(executor, id, await resolveTagIds(executor, input.tags, stamp));
  await syncArticleTagListing(executor, id, updated.status, updated.published_at);
  if (bodyChanges) await articles.replaceArticleLinks(executor, id, collectArticleIds(doc));
  const result = await loadRelations(executor, updated);
  await saveRevision(executor, result, actor, stamp);
  await announceArticleChange(
    executor,
    deps.events,
    result,
    beforeRelations,
    deps.origin ?? 'newsroom',
  );
  if (
    updated.status === 'scheduled' &&
    updated.published_at &&
    (before.status !== 'scheduled' || before.published_at !== updated.published_at)
  ) {
    await enqueueScheduledPublication(executor, updated.id, updated.published_at);
  }
  const linking =
    slug !== before.slug || title !== before.title
      ? await articles.findArticlesLinkingTo(executor, id)
      : [];
  return { ...result, purgeKeys: purgeKeysFor(result, beforeRelations, linking) };
}

/** Deletes an article; returns the keys of pages to purge. */
export async function removeArticle(
  executor: Executor,
  events: EventPublisher,
  id: number,
  actor: Actor,
): Promise<string[]> {
  const article = await articles.findArticleById(executor, id);
  if (!article) throw notFound('Article');
  if (!canDeleteArticle(actor, article))
    throw forbidden('Only editors can delete articles that were published.');
  const relations = await loadRelations(executor, article);
  const linking = await articles.findArticlesLinkingTo(executor, id);
  await articles.deleteArticle(executor, id);
  await announceArticleDeleted(executor, events, relations);
  return purgeKeysFor(relations, undefined, linking);
}

/** Loads an article by id with relations, or throws 404. */
export async function getArticle(executor: Executor, id: number): Promise<ArticleWithRelations> {
  const article = await articles.findArticleById(executor, id);
  if (!article) throw notFound('Article');
  return loadRelations(executor, article);
}

async function saveRevision(
  executor: Executor,
  current: ArticleWithRelations,
  actor: Actor,
  stamp: string,
): Promise<void> {
  const { article } = current;
  const snapshot = {
    title: article.title,
    slug: article.slug,
    excerpt: article.excerpt,
    doc: JSON.parse(article.doc) as unknown,
    status: article.status,
    published_at: article.published_at,
    language: article.language,
    featured_image_url: article.featured_image_url,
    featured_media_id: article.featured_media_id,
    featured_image_alt: article.featured_image_alt,
    featured_image_caption: article.featured_image_caption,
    authors: current.authors.map((a) => a.name),
    tags: current.tags.map((t) => t.name),
  };
  await articles.insertRevision(executor, {
    article_id: article.id,
    version: article.version,
    snapshot: JSON.stringify(snapshot),
    created_by: actor.userId,
    created_at: stamp,
  });
}
