import { randomUUID } from 'node:crypto';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { AppError, conflict, forbidden, notFound, validationError } from '../platform/errors.js';
import { parseNewsroomDateTime } from '../platform/time-zone.js';
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
import type { ArticleRow, ArticleStatus } from './content.table.js';
import { type DocumentJson, emptyDocument, validateDocument } from './document/document-schema.js';
import {
  collectArticleIds,
  countWords,
  documentToPlainText,
  mapLinks,
  readingMinutes,
} from './document/document-to-text.js';
import { parseHtmlToDocument } from './document/html-to-document.js';
import {
  chooseFeaturedImage,
  type MediaLookup,
  requireAltTextForPublishing,
} from './article-media.service.js';
import { isValidSlug, slugify } from './slug.js';
import { removeFromSearchIndex, updateSearchIndex } from '../search/search.service.js';
import { enqueueWebSubPing } from '../site/distribution/websub.service.js';
import { enqueueScheduledPublication } from './publish-scheduled.job.js';
import { setArticleTags, syncArticleTagListing } from './tag.repository.js';

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
  const article = await articles.insertArticle(executor, {
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
  await updateSearchIndex(executor, [article.id]);
  if (article.status === 'published') await enqueueWebSubPing(executor, article.id, [result], now);
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
  const updated = await articles.updateArticleIfVersion(executor, id, before.version, {
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
  await updateSearchIndex(executor, [id]);
  // Feeds change when a published article is edited, published or taken down.
  if (updated.status === 'published' || before.status === 'published')
    await enqueueWebSubPing(executor, id, [result, beforeRelations], now);
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

/** Publishes now (or keeps the date given); the same rules as an update with status published. */
export function publishArticle(
  executor: Executor,
  deps: ArticleDeps,
  id: number,
  actor: Actor,
  publishedAt?: string,
) {
  return updateArticle(
    executor,
    deps,
    id,
    { status: 'published', ...(publishedAt ? { published_at: publishedAt } : {}) },
    actor,
  );
}

/** Takes an article off the site; its URL answers 410 Gone. */
export function unpublishArticle(executor: Executor, deps: ArticleDeps, id: number, actor: Actor) {
  return updateArticle(executor, deps, id, { status: 'unpublished' }, actor);
}

/** Schedules an article for a future time (wall-clock in the newsroom's zone without an offset). */
export function scheduleArticle(
  executor: Executor,
  deps: ArticleDeps,
  id: number,
  actor: Actor,
  publishAt: string,
) {
  return updateArticle(executor, deps, id, { status: 'scheduled', published_at: publishAt }, actor);
}

/** Deletes an article; returns the keys of pages to purge. */
export async function removeArticle(
  executor: Executor,
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
  await removeFromSearchIndex(executor, id);
  return purgeKeysFor(relations, undefined, linking);
}

/** Loads an article by id with relations, or throws 404. */
export async function getArticle(executor: Executor, id: number): Promise<ArticleWithRelations> {
  const article = await articles.findArticleById(executor, id);
  if (!article) throw notFound('Article');
  return loadRelations(executor, article);
}

function isPublishing(status: ArticleStatus): boolean {
  return status === 'published' || status === 'scheduled' || status === 'unpublished';
}

async function chooseSlug(
  executor: Executor,
  requested: string | undefined,
  title: string,
  articleId: number | undefined,
): Promise<string> {
  if (requested !== undefined && requested !== '') {
    if (!isValidSlug(requested)) {
      throw validationError({
        slug: [
          'must be lowercase letters, digits and single hyphens, e.g. "kyiv-prepares-for-winter"',
        ],
      });
    }
    if (await articles.isSlugTaken(executor, requested, articleId)) {
      throw conflict(`The slug "${requested}" is already used by another article.`, 'slug_taken');
    }
    return requested;
  }
  const base = slugify(title) || 'article';
  for (let n = 1; n < 1000; n += 1) {
    const candidate = n === 1 ? base : `${base.slice(0, 110)}-${n}`;
    if (!(await articles.isSlugTaken(executor, candidate, articleId))) return candidate;
  }
  return `${base.slice(0, 80)}-${randomUUID().slice(0, 8)}`;
}

async function buildDocument(
  executor: Executor,
  deps: ArticleDeps,
  input: { html?: string | undefined; doc?: unknown },
): Promise<DocumentJson> {
  let doc: DocumentJson;
  if (input.doc !== undefined && input.html !== undefined) {
    throw validationError({ doc: ['send either doc or html, not both'] });
  }
  if (input.doc !== undefined) {
    const checked = validateDocument(input.doc);
    if (!checked.ok) throw validationError({ doc: [checked.error] });
    doc = checked.doc;
  } else if (input.html !== undefined) {
    doc = parseHtmlToDocument(input.html, { internalHosts: deps.internalHosts });
  } else {
    doc = emptyDocument();
  }
  return linkInternalArticles(executor, deps, doc);
}

/** Gives links to the site's own articles an article id, so they survive slug changes. */
async function linkInternalArticles(
  executor: Executor,
  deps: ArticleDeps,
  doc: DocumentJson,
): Promise<DocumentJson> {
  const slugOf = (href: string): string | undefined => {
    let url: URL;
    try {
      url = new URL(href, 'http://internal.invalid');
    } catch {
      return undefined;
    }
    const internal = url.host === 'internal.invalid' || deps.internalHosts.includes(url.host);
    const match = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(url.pathname);
    return internal && match ? match[1] : undefined;
  };
  const slugs = new Set<string>();
  mapLinks(doc, (attrs) => {
    const slug = attrs.articleId === null ? slugOf(attrs.href) : undefined;
    if (slug) slugs.add(slug);
    return attrs;
  });
  if (slugs.size === 0) return doc;
  const ids = await articles.findArticleIdsBySlugs(executor, [...slugs]);
  return mapLinks(doc, (attrs) => {
    if (attrs.articleId !== null) return attrs;
    const slug = slugOf(attrs.href);
    const articleId = slug ? ids.get(slug) : undefined;
    return articleId === undefined ? attrs : { ...attrs, articleId };
  });
}

function decidePublication(
  status: ArticleStatus,
  requested: string | null | undefined,
  before: ArticleRow | undefined,
  now: Date,
  timeZone: string,
): string | null {
  let requestedDate: Date | null | undefined;
  if (requested === null) requestedDate = null;
  else if (requested !== undefined && requested !== '') {
    requestedDate = parseNewsroomDateTime(requested, timeZone);
    if (!requestedDate) {
      throw validationError({
        published_at: [
          'must be a date and time such as 2022-10-06T15:33 (newsroom time) or an ISO time with offset',
        ],
      });
    }
  }
  const kept = before?.published_at ?? null;
  switch (status) {
    case 'published': {
      if (requestedDate) return requestedDate.toISOString();
      // Re-publishing keeps the original date; a scheduled piece published early gets "now".
      if (kept && before?.status !== 'scheduled') return kept;
      return nowIso(now);
    }
    case 'scheduled': {
      const at = requestedDate ?? (kept ? new Date(kept) : null);
      if (!at)
        throw validationError({
          published_at: ['a scheduled article needs a publication date and time'],
        });
      if (at.getTime() <= now.getTime())
        throw validationError({ published_at: ['a scheduled time must be in the future'] });
      return at.toISOString();
    }
    case 'draft':
    case 'submitted':
    case 'unpublished':
      return requestedDate === undefined
        ? kept
        : requestedDate === null
          ? null
          : requestedDate.toISOString();
    default: {
      const unreachable: never = status;
      throw new AppError(422, 'validation_failed', `Unknown status ${String(unreachable)}`);
    }
  }
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
