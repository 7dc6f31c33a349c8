import type { Executor } from '../platform/db/database.js';
import type { DocumentJson, DocumentNode } from './document/document-schema.js';
import type {
  ExportedArticle,
  ExportedAuthor,
  ExportedCollection,
  ExportedRedirect,
  ExportedTag,
} from './content-transfer.format.js';

// Reads content in the export shape (content-transfer.format.ts). Articles and redirects come
// in keyset batches so that an exporter can write a million of them without holding them.

export async function exportAuthors(executor: Executor): Promise<ExportedAuthor[]> {
  const rows = await executor.selectFrom('authors').selectAll().orderBy('id').execute();
  return rows.map(({ kind, name, slug, bio, image_url, created_at, updated_at }) => ({
    kind,
    name,
    slug,
    bio,
    image_url,
    created_at,
    updated_at,
  }));
}

export async function exportTags(executor: Executor): Promise<ExportedTag[]> {
  const rows = await executor.selectFrom('tags').selectAll().orderBy('id').execute();
  return rows.map(({ name, slug, description, created_at, updated_at }) => ({
    name,
    slug,
    description,
    created_at,
    updated_at,
  }));
}

export async function exportCollections(executor: Executor): Promise<ExportedCollection[]> {
  const collections = await executor.selectFrom('collections').selectAll().orderBy('id').execute();
  const result: ExportedCollection[] = [];
  for (const c of collections) {
    const items = await executor
      .selectFrom('collection_items')
      .innerJoin('articles', 'articles.id', 'collection_items.article_id')
      .select('articles.uuid')
      .where('collection_items.collection_id', '=', c.id)
      .orderBy('collection_items.position')
      .execute();
    result.push({
      name: c.name,
      slug: c.slug,
      description: c.description,
      article_uuids: items.map((i) => i.uuid),
      created_at: c.created_at,
      updated_at: c.updated_at,
    });
  }
  return result;
}

/** One batch of redirects after `afterPath` (paths are unique and ordered). */
export async function exportRedirectBatch(
  executor: Executor,
  afterPath: string | undefined,
  limit: number,
): Promise<ExportedRedirect[]> {
  return executor
    .selectFrom('redirects')
    .innerJoin('articles', 'articles.id', 'redirects.article_id')
    .select(['redirects.path', 'articles.uuid as article_uuid', 'redirects.created_at'])
    .$if(afterPath !== undefined, (q) => q.where('redirects.path', '>', afterPath ?? ''))
    .orderBy('redirects.path')
    .limit(limit)
    .execute();
}

const sortedKeys = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) as T;

/** Replaces article ids in links and related-article cards with uuids (null when gone). */
function idsToUuids(doc: DocumentJson, uuids: Map<number, string>): DocumentJson {
  const visit = (node: DocumentNode): DocumentNode | undefined => {
    // Keys in one fixed order, so the same document always exports as the same text.
    const next: DocumentNode = { type: node.type };
    if (node.attrs) next.attrs = sortedKeys(node.attrs);
    if (node.text !== undefined) next.text = node.text;
    if (node.marks) next.marks = node.marks;
    if (node.content) next.content = node.content;
    if (node.type === 'relatedArticle') {
      const uuid = uuids.get(Number(node.attrs?.articleId));
      if (!uuid) return undefined; // the card's article was deleted: nothing to point at
      next.attrs = sortedKeys({ ...node.attrs, articleId: uuid });
    }
    if (node.marks)
      next.marks = node.marks.map((mark) =>
        mark.type === 'link'
          ? {
              type: 'link',
              attrs: sortedKeys({
                ...mark.attrs,
                articleId:
                  mark.attrs.articleId === null ? null : (uuids.get(mark.attrs.articleId) ?? null),
              }),
            }
          : mark,
      ) as DocumentNode['marks'];
    if (node.content)
      next.content = node.content
        .map(visit)
        .filter((child): child is DocumentNode => child !== undefined);
    return next;
  };
  return visit(doc) as DocumentJson;
}

function referencedIds(doc: DocumentJson): number[] {
  const ids: number[] = [];
  const visit = (node: DocumentNode): void => {
    if (node.type === 'relatedArticle' && typeof node.attrs?.articleId === 'number')
      ids.push(node.attrs.articleId);
    for (const mark of node.marks ?? [])
      if (mark.type === 'link' && mark.attrs.articleId !== null) ids.push(mark.attrs.articleId);
    node.content?.forEach(visit);
  };
  visit(doc);
  return ids;
}

/** One batch of articles with id greater than `afterId`, in id order, and the last id read. */
export async function exportArticleBatch(
  executor: Executor,
  afterId: number,
  limit: number,
): Promise<{ articles: ExportedArticle[]; lastId: number | undefined }> {
  const rows = await executor
    .selectFrom('articles')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  if (rows.length === 0) return { articles: [], lastId: undefined };
  const ids = rows.map((r) => r.id);
  const [authors, tags, oldSlugs] = await Promise.all([
    executor
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select(['article_authors.article_id', 'authors.slug'])
      .where('article_authors.article_id', 'in', ids)
      .orderBy('article_authors.article_id')
      .orderBy('article_authors.position')
      .execute(),
    executor
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select(['article_tags.article_id', 'tags.slug'])
      .where('article_tags.article_id', 'in', ids)
      .orderBy('article_tags.article_id')
      .orderBy('article_tags.position')
      .execute(),
    executor
      .selectFrom('article_slugs')
      .select(['article_id', 'slug', 'created_at'])
      .where('article_id', 'in', ids)
      .orderBy('slug')
      .execute(),
  ]);
  const docs = rows.map((r) => JSON.parse(r.doc) as DocumentJson);
  const wanted = [...new Set(docs.flatMap(referencedIds))];
  const uuids = new Map<number, string>();
  if (wanted.length > 0)
    for (const t of await executor
      .selectFrom('articles')
      .select(['id', 'uuid'])
      .where('id', 'in', wanted)
      .execute())
      uuids.set(t.id, t.uuid);
  const articles = rows.map((r, index): ExportedArticle => ({
    uuid: r.uuid,
    slug: r.slug,
    old_slugs: oldSlugs
      .filter((s) => s.article_id === r.id)
      .map(({ slug, created_at }) => ({ slug, created_at })),
    title: r.title,
    excerpt: r.excerpt,
    doc: idsToUuids(docs[index] as DocumentJson, uuids) as unknown as Record<string, unknown>,
    status: r.status,
    published_at: r.published_at,
    language: r.language,
    featured_image_url: r.featured_image_url,
    featured_image_alt: r.featured_image_alt,
    featured_image_caption: r.featured_image_caption,
    authors: authors.filter((a) => a.article_id === r.id).map((a) => a.slug),
    tags: tags.filter((t) => t.article_id === r.id).map((t) => t.slug),
    created_at: r.created_at,
    updated_at: r.updated_at,
  }));
  return { articles, lastId: ids[ids.length - 1] };
}
