import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import type { NarrationParagraph, NarrationRow, NarrationStatus } from './narration.table.js';

/** The article fields narration reads (the audio domain reads the articles table directly). */
export function findArticleForNarration(executor: Executor, articleId: number) {
  return executor
    .selectFrom('articles')
    .select([
      'id',
      'uuid',
      'title',
      'slug',
      'doc',
      'language',
      'status',
      'version',
      'access_level',
      'access_tiers',
      'preview_paragraphs',
    ])
    .where('id', '=', articleId)
    .executeTakeFirst();
}

/** The article's tags in their order on the article (voice rules match them). */
export function findArticleTagsForNarration(executor: Executor, articleId: number) {
  return executor
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.slug', 'tags.name'])
    .where('article_tags.article_id', '=', articleId)
    .orderBy('article_tags.position')
    .execute();
}

export function findNarration(
  executor: Executor,
  articleId: number,
): Promise<NarrationRow | undefined> {
  return executor
    .selectFrom('narrations')
    .selectAll()
    .where('article_id', '=', articleId)
    .executeTakeFirst();
}

/** Sets the status (and error), creating the row when the article has none yet. */
export async function setNarrationStatus(
  executor: Executor,
  articleId: number,
  status: NarrationStatus,
  error = '',
): Promise<void> {
  const stamp = nowIso();
  await executor
    .insertInto('narrations')
    .values({
      article_id: articleId,
      status,
      error,
      file: null,
      bytes: 0,
      duration_ms: 0,
      paragraphs: '[]',
      engine: '',
      voice: '',
      article_version: 0,
      created_at: stamp,
      updated_at: stamp,
    })
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ status, error, updated_at: stamp }))
    .execute();
}

export async function saveReadyNarration(
  executor: Executor,
  articleId: number,
  ready: {
    file: string;
    bytes: number;
    durationMs: number;
    paragraphs: NarrationParagraph[];
    engine: string;
    voice: string;
    articleVersion: number;
    /** A gated article's whole-body narration (null: public, `file` is the whole body). */
    full: {
      file: string;
      bytes: number;
      durationMs: number;
      paragraphs: NarrationParagraph[];
    } | null;
  },
): Promise<void> {
  const stamp = nowIso();
  const values = {
    status: 'ready' as const,
    error: '',
    file: ready.file,
    bytes: ready.bytes,
    duration_ms: ready.durationMs,
    paragraphs: JSON.stringify(ready.paragraphs),
    engine: ready.engine,
    voice: ready.voice,
    article_version: ready.articleVersion,
    full_file: ready.full?.file ?? null,
    full_bytes: ready.full?.bytes ?? 0,
    full_duration_ms: ready.full?.durationMs ?? 0,
    full_paragraphs: JSON.stringify(ready.full?.paragraphs ?? []),
    updated_at: stamp,
  };
  await executor
    .insertInto('narrations')
    .values({ article_id: articleId, ...values, created_at: stamp })
    .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
    .execute();
}

/** Every narration's files and paragraphs (public and whole-body): what garbage collection must keep. */
export function listNarrationReferences(executor: Executor) {
  return executor
    .selectFrom('narrations')
    .select(['article_id', 'file', 'paragraphs', 'full_file', 'full_paragraphs'])
    .execute();
}

/**
 * A published article's whole-body narration and what its entitlement check needs: the access
 * rule, and who made the article (staff who may preview it may listen).
 */
export function findFullNarrationForListening(executor: Executor, articleId: number) {
  return executor
    .selectFrom('narrations')
    .innerJoin('articles', 'articles.id', 'narrations.article_id')
    .select([
      'narrations.full_file',
      'articles.language',
      'articles.slug',
      'articles.status',
      'articles.access_level',
      'articles.access_tiers',
      'articles.created_by',
      'articles.created_by_token',
    ])
    .where('narrations.article_id', '=', articleId)
    .where('articles.status', '=', 'published')
    .executeTakeFirst();
}

/**
 * Narrations of articles that are no longer published (unpublished, back to draft, scheduled
 * again) and have not changed since `before`: their audio is off the page and the feed.
 */
export function listNarrationsOfUnpublishedArticles(executor: Executor, before: string) {
  return executor
    .selectFrom('narrations')
    .innerJoin('articles', 'articles.id', 'narrations.article_id')
    .select(['narrations.article_id', 'narrations.file'])
    .where('articles.status', '!=', 'published')
    .where('articles.updated_at', '<', before)
    .where('narrations.updated_at', '<', before)
    .where('narrations.status', 'in', ['ready', 'failed'])
    .execute();
}

/** Removes an article's narration row (publishing again narrates it afresh). */
export async function deleteNarration(executor: Executor, articleId: number): Promise<void> {
  await executor.deleteFrom('narrations').where('article_id', '=', articleId).execute();
}

/**
 * An article's narration with the article's access level and version: whether its public file
 * still speaks only what anyone may read (player.ts, `narrationForReaders`).
 */
export function findNarrationWithAccess(executor: Executor, articleId: number) {
  return executor
    .selectFrom('narrations')
    .innerJoin('articles', 'articles.id', 'narrations.article_id')
    .selectAll('narrations')
    .select(['articles.access_level', 'articles.version'])
    .where('narrations.article_id', '=', articleId)
    .executeTakeFirst();
}

/**
 * Published articles among `articleIds` whose narration does not match their access level: a
 * gated article narrated while it was public (one file, the whole body), or a public one
 * narrated while gated (its public file is only the preview). A tag default's change does that
 * without an edit of the article (narration-subscriptions.ts narrates them again).
 */
export function listNarrationsOutOfStepWithAccess(executor: Executor, articleIds: number[]) {
  if (articleIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('narrations')
    .innerJoin('articles', 'articles.id', 'narrations.article_id')
    .select(['articles.id', 'articles.status', 'articles.version'])
    .where('articles.id', 'in', articleIds)
    .where('articles.status', '=', 'published')
    .where('narrations.file', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('articles.access_level', '!=', 'public'),
          eb('narrations.full_file', 'is', null),
        ]),
        eb.and([
          eb('articles.access_level', '=', 'public'),
          eb('narrations.full_file', 'is not', null),
        ]),
      ]),
    )
    .execute();
}

/**
 * Narrations with audio, of published articles, newest first (the podcast feed). A gated
 * article's episode is its public file only when that was made for its current version as a
 * gated article (a whole-body narration of a story gated since is left out until narrated again).
 */
export function listPublishedNarrations(executor: Executor, limit: number) {
  return executor
    .selectFrom('narrations')
    .innerJoin('articles', 'articles.id', 'narrations.article_id')
    .select([
      'articles.id',
      'articles.uuid',
      'articles.title',
      'articles.slug',
      'articles.excerpt',
      'articles.published_at',
      'narrations.file',
      'narrations.bytes',
      'narrations.duration_ms',
      'narrations.updated_at',
    ])
    .where('articles.status', '=', 'published')
    .where('narrations.file', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('articles.access_level', '=', 'public'),
        eb.and([
          eb('narrations.full_file', 'is not', null),
          eb('narrations.article_version', '=', eb.ref('articles.version')),
        ]),
      ]),
    )
    .orderBy('articles.published_at', 'desc')
    .limit(limit)
    .execute();
}
