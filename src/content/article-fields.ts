// How editor input becomes an article's stored fields: the slug, the body document (with
// links to the site's own articles resolved to ids) and the publication time.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { AppError, conflict, validationError } from '../platform/errors.js';
import { parseNewsroomDateTime } from '../platform/time-zone.js';
import { findArticleIdsBySlugs, isSlugTaken } from './article.repository.js';
import type { ArticleRow, ArticleStatus } from './content.table.js';
import { type DocumentJson, emptyDocument, validateDocument } from './document/document-schema.js';
import { mapLinks } from './document/document-to-text.js';
import { parseHtmlToDocument } from './document/html-to-document.js';
import { isReservedSlug, isValidSlug, slugify } from './slug.js';

/** True for the statuses only a role that may publish can set or leave. */
export function isPublishing(status: ArticleStatus): boolean {
  return status === 'published' || status === 'scheduled' || status === 'unpublished';
}

/** The requested slug when valid and free (422 / 409 otherwise), else a free one from the title. */
export async function chooseSlug(
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
    if (isReservedSlug(requested)) {
      throw validationError({
        slug: [`"${requested}" is the address of one of the site's own pages; choose another slug`],
      });
    }
    if (await isSlugTaken(executor, requested, articleId)) {
      throw conflict(`The slug "${requested}" is already used by another article.`, 'slug_taken');
    }
    return requested;
  }
  const base = slugify(title) || 'article';
  for (let n = 1; n < 1000; n += 1) {
    const candidate = n === 1 ? base : `${base.slice(0, 110)}-${n}`;
    if (!isReservedSlug(candidate) && !(await isSlugTaken(executor, candidate, articleId)))
      return candidate;
  }
  return `${base.slice(0, 80)}-${randomUUID().slice(0, 8)}`;
}

/** The body document from `doc` or `html` (not both), with internal links given article ids. */
export async function buildDocument(
  executor: Executor,
  deps: { internalHosts: string[] },
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
  deps: { internalHosts: string[] },
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
  const ids = await findArticleIdsBySlugs(executor, [...slugs]);
  return mapLinks(doc, (attrs) => {
    if (attrs.articleId !== null) return attrs;
    const slug = slugOf(attrs.href);
    const articleId = slug ? ids.get(slug) : undefined;
    return articleId === undefined ? attrs : { ...attrs, articleId };
  });
}

/** The article's `published_at` for a status and the requested date (422 when impossible). */
export function decidePublication(
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
