import type { Executor } from '../platform/db/database.js';
import { validationError } from '../platform/errors.js';
import type { EventPublisher } from '../platform/events/domain-events.js';
import { loadRelations } from './article-relations.js';
import { announceArticleChange } from './content-events.js';
import * as articles from './article.repository.js';
import { setArticleAuthors } from './author.repository.js';
import { addRedirect } from './redirect.repository.js';
import { setCollectionItems } from './collection.repository.js';
import type {
  ExportedArticle,
  ExportedAuthor,
  ExportedCollection,
  ExportedRedirect,
  ExportedTag,
} from './content-transfer.format.js';
import type { DocumentJson, DocumentNode } from './document/document-schema.js';
import { validateDocument } from './document/document-schema.js';
import {
  collectArticleIds,
  countWords,
  documentToPlainText,
  readingMinutes,
} from './document/document-to-text.js';
import { enqueueScheduledPublication } from './publish-scheduled.job.js';
import { isValidSlug } from './slug.js';
import { setArticleTags, syncArticleTagListing } from './tag.repository.js';

// The narrow write path for `masthead import masthead`: rows keep their uuids, slugs, dates and
// statuses exactly as exported (createArticle would mint new ones). Documents go through the
// same validation as the editor's. Callers run everything in one transaction.

const bad = (field: string, message: string) => validationError({ [field]: [message] });

export async function countArticles(executor: Executor): Promise<number> {
  const row = await executor
    .selectFrom('articles')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Adds an author unless one with the slug exists (then false). */
export async function importAuthor(executor: Executor, a: ExportedAuthor): Promise<boolean> {
  if (!isValidSlug(a.slug)) throw bad('authors', `"${a.slug}" is not a valid slug.`);
  const taken = await executor
    .selectFrom('authors')
    .select('id')
    .where('slug', '=', a.slug)
    .executeTakeFirst();
  if (taken) return false;
  await executor.insertInto('authors').values(a).execute();
  return true;
}

/** Adds a tag unless one with the slug exists (then false). */
export async function importTag(executor: Executor, t: ExportedTag): Promise<boolean> {
  if (!isValidSlug(t.slug)) throw bad('tags', `"${t.slug}" is not a valid slug.`);
  const taken = await executor
    .selectFrom('tags')
    .select('id')
    .where('slug', '=', t.slug)
    .executeTakeFirst();
  if (taken) return false;
  await executor.insertInto('tags').values(t).execute();
  return true;
}

async function idsByUuid(executor: Executor, uuids: string[]): Promise<Map<string, number>> {
  if (uuids.length === 0) return new Map();
  const rows = await executor
    .selectFrom('articles')
    .select(['id', 'uuid'])
    .where('uuid', 'in', [...new Set(uuids)])
    .execute();
  return new Map(rows.map((r) => [r.uuid, r.id]));
}

/**
 * Turns uuid references (as exported) into article ids. Targets not (yet) in the database get
 * a placeholder (0, or null for links) and `unresolved` is true.
 */
async function resolveReferences(
  executor: Executor,
  doc: unknown,
): Promise<{ doc: unknown; unresolved: boolean }> {
  const uuids: string[] = [];
  const walk = (node: DocumentNode, map: (uuid: string, isCard: boolean) => unknown) => {
    const next: DocumentNode = { ...node };
    if (node.type === 'relatedArticle' && typeof node.attrs?.articleId === 'string')
      next.attrs = { ...node.attrs, articleId: map(node.attrs.articleId, true) };
    if (node.marks)
      next.marks = node.marks.map((mark) => {
        const target = mark.type === 'link' ? (mark.attrs.articleId as unknown) : undefined;
        return typeof target === 'string' && mark.type === 'link'
          ? { type: 'link', attrs: { ...mark.attrs, articleId: map(target, false) } }
          : mark;
      }) as DocumentNode['marks'];
    if (node.content) next.content = node.content.map((child) => walk(child, map));
    return next;
  };
  const root = doc as DocumentNode;
  walk(root, (uuid) => uuids.push(uuid));
  const ids = await idsByUuid(executor, uuids);
  let unresolved = false;
  const resolved = walk(root, (uuid, isCard) => {
    const id = ids.get(uuid);
    if (id === undefined) unresolved = true;
    return id ?? (isCard ? 0 : null);
  });
  return { doc: resolved, unresolved };
}

async function slugIds(executor: Executor, table: 'authors' | 'tags', slugs: string[]) {
  if (slugs.length === 0) return [];
  const rows = await executor
    .selectFrom(table)
    .select(['id', 'slug'])
    .where('slug', 'in', slugs)
    .execute();
  const bySlug = new Map(rows.map((r) => [r.slug, r.id]));
  return slugs.map((slug) => {
    const id = bySlug.get(slug);
    if (id === undefined) throw bad(table, `No ${table.slice(0, -1)} with the slug "${slug}".`);
    return id;
  });
}

/**
 * Inserts an exported article as it was. Returns its new id and whether its body points at
 * articles not imported yet (call `finishArticleReferences` once all are in), or undefined
 * when an article with this uuid exists already.
 */
export async function importArticle(
  executor: Executor,
  events: EventPublisher,
  a: ExportedArticle,
): Promise<{ id: number; unresolved: boolean } | undefined> {
  if ((await idsByUuid(executor, [a.uuid])).size > 0) return undefined;
  for (const slug of [a.slug, ...a.old_slugs.map((s) => s.slug)]) {
    if (!isValidSlug(slug)) throw bad('slug', `"${slug}" is not a valid slug.`);
    if (await articles.isSlugTaken(executor, slug))
      throw bad('slug', `The slug "${slug}" (article ${a.uuid}) is already used here.`);
  }
  const { doc: resolved, unresolved } = await resolveReferences(executor, a.doc);
  const checked = validateDocument(resolved);
  if (!checked.ok) throw bad('doc', `Article ${a.uuid}: ${checked.error}`);
  const plain = documentToPlainText(checked.doc);
  const words = countWords(`${a.title} ${plain}`);
  const row = await articles.insertArticle(executor, {
    uuid: a.uuid,
    title: a.title,
    slug: a.slug,
    excerpt: a.excerpt,
    // Unresolved uuids stay in the stored body until finishArticleReferences replaces them.
    doc: JSON.stringify(unresolved ? a.doc : checked.doc),
    plain_text: plain,
    word_count: words,
    reading_minutes: readingMinutes(words),
    status: a.status,
    published_at: a.published_at,
    language: a.language,
    featured_image_url: a.featured_image_url,
    featured_media_id: null,
    featured_image_alt: a.featured_image_alt,
    featured_image_caption: a.featured_image_caption,
    created_by: null,
    created_by_token: null,
    version: 1,
    created_at: a.created_at,
    updated_at: a.updated_at,
  });
  for (const old of a.old_slugs)
    await executor
      .insertInto('article_slugs')
      .values({ slug: old.slug, article_id: row.id, created_at: old.created_at })
      .execute();
  await setArticleAuthors(executor, row.id, await slugIds(executor, 'authors', a.authors));
  await setArticleTags(executor, row.id, await slugIds(executor, 'tags', a.tags));
  await syncArticleTagListing(executor, row.id, row.status, row.published_at);
  if (!unresolved)
    await articles.replaceArticleLinks(executor, row.id, collectArticleIds(checked.doc));
  await announceArticleChange(
    executor,
    events,
    await loadRelations(executor, row),
    undefined,
    'import',
  );
  if (row.status === 'scheduled' && row.published_at)
    await enqueueScheduledPublication(executor, row.id, row.published_at);
  return { id: row.id, unresolved };
}

/** Resolves the uuid references left in an imported body once every article is in. */
export async function finishArticleReferences(executor: Executor, id: number): Promise<void> {
  const row = await articles.findArticleById(executor, id);
  if (!row) return;
  const { doc } = await resolveReferences(executor, JSON.parse(row.doc));
  const checked = validateDocument(doc);
  if (!checked.ok) throw bad('doc', `Article ${row.uuid}: ${checked.error}`);
  await executor
    .updateTable('articles')
    .set({ doc: JSON.stringify(checked.doc as DocumentJson) })
    .where('id', '=', id)
    .execute();
  await articles.replaceArticleLinks(executor, id, collectArticleIds(checked.doc));
}

/** Adds a collection (its articles by uuid, in order) unless the slug exists (then false). */
export async function importCollection(
  executor: Executor,
  c: ExportedCollection,
): Promise<boolean> {
  if (!isValidSlug(c.slug)) throw bad('collections', `"${c.slug}" is not a valid slug.`);
  const taken = await executor
    .selectFrom('collections')
    .select('id')
    .where('slug', '=', c.slug)
    .executeTakeFirst();
  if (taken) return false;
  const { article_uuids: uuids, ...values } = c;
  const row = await executor
    .insertInto('collections')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids = await idsByUuid(executor, uuids);
  await setCollectionItems(
    executor,
    row.id,
    uuids.flatMap((uuid) => ids.get(uuid) ?? []),
  );
  return true;
}

/** Adds an old path redirecting to an article (by uuid); false when the article is absent. */
export async function importRedirect(executor: Executor, r: ExportedRedirect): Promise<boolean> {
  const id = (await idsByUuid(executor, [r.article_uuid])).get(r.article_uuid);
  if (id === undefined) return false;
  return addRedirect(executor, r.path, id, r.created_at);
}
