import type { Executor } from '../platform/db/database.js';
import type { AudioBriefingRow } from './briefing.table.js';

// Queries for the daily audio briefing; the executor (db or transaction) comes first.

/** A published article as the briefing reads it. */
export interface BriefingStoryRow {
  id: number;
  title: string;
  excerpt: string;
  doc: string;
  access_level: string;
  preview_paragraphs: number | null;
  published_at: string | null;
}

const storyColumns = [
  'articles.id',
  'articles.title',
  'articles.excerpt',
  'articles.doc',
  'articles.access_level',
  'articles.preview_paragraphs',
  'articles.published_at',
] as const;

/** The editors' picks in the language, in the editors' order. */
export function listBriefingPicks(
  executor: Executor,
  language: string,
  limit: number,
): Promise<BriefingStoryRow[]> {
  return executor
    .selectFrom('collection_items')
    .innerJoin('collections', 'collections.id', 'collection_items.collection_id')
    .innerJoin('articles', 'articles.id', 'collection_items.article_id')
    .select(storyColumns)
    .where('collections.slug', '=', 'editors-picks')
    .where('articles.status', '=', 'published')
    .where('articles.language', '=', language)
    .orderBy('collection_items.position')
    .limit(limit)
    .execute();
}

/**
 * The most-read published articles in the language over the given local days (the reading
 * statistics' daily page rows, read only), most views first.
 */
export function listBriefingMostRead(
  executor: Executor,
  language: string,
  days: string[],
  limit: number,
): Promise<BriefingStoryRow[]> {
  return executor
    .selectFrom('analytics_page_days')
    .innerJoin('articles', 'articles.id', 'analytics_page_days.article_id')
    .select(storyColumns)
    .select((eb) => eb.fn.sum<number>('analytics_page_days.views').as('views'))
    .where('analytics_page_days.day', 'in', days)
    .where('articles.status', '=', 'published')
    .where('articles.language', '=', language)
    .groupBy(storyColumns)
    .orderBy('views', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
}

/** The latest published articles in the language. */
export function listBriefingLatest(
  executor: Executor,
  language: string,
  limit: number,
): Promise<BriefingStoryRow[]> {
  return executor
    .selectFrom('articles')
    .select(storyColumns)
    .where('articles.status', '=', 'published')
    .where('articles.language', '=', language)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Those of `ids` that the briefing may still read: published and in the language (a story
 * unpublished, deleted or moved to another language is not returned). In no particular order.
 */
export function listBriefingStoriesByIds(
  executor: Executor,
  language: string,
  ids: readonly number[],
): Promise<BriefingStoryRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('articles')
    .select(storyColumns)
    .where('articles.id', 'in', [...ids])
    .where('articles.status', '=', 'published')
    .where('articles.language', '=', language)
    .execute();
}

/** The languages with a story published since `since` (ISO), each gets a briefing. */
export async function listBriefingLanguages(executor: Executor, since: string): Promise<string[]> {
  const rows = await executor
    .selectFrom('articles')
    .select('language')
    .distinct()
    .where('status', '=', 'published')
    .where('published_at', '>=', since)
    .execute();
  return rows.map((r) => r.language).sort();
}

export function findBriefing(
  executor: Executor,
  language: string,
  localDate: string,
): Promise<AudioBriefingRow | undefined> {
  return executor
    .selectFrom('audio_briefings')
    .selectAll()
    .where('language', '=', language)
    .where('local_date', '=', localDate)
    .executeTakeFirst();
}

/** The newest briefing in the language (the home page's player). */
export function findLatestBriefing(
  executor: Executor,
  language: string,
): Promise<AudioBriefingRow | undefined> {
  return executor
    .selectFrom('audio_briefings')
    .selectAll()
    .where('language', '=', language)
    .orderBy('local_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The newest briefings in the language, newest first (the briefing podcast). */
export function listBriefings(
  executor: Executor,
  language: string,
  limit: number,
): Promise<AudioBriefingRow[]> {
  return executor
    .selectFrom('audio_briefings')
    .selectAll()
    .where('language', '=', language)
    .orderBy('local_date', 'desc')
    .limit(limit)
    .execute();
}

/** One article as the briefing reads it, with its status and language (any status). */
export function findBriefingStory(
  executor: Executor,
  articleId: number,
): Promise<(BriefingStoryRow & { status: string; language: string }) | undefined> {
  return executor
    .selectFrom('articles')
    .select([...storyColumns, 'articles.status', 'articles.language'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
}

/** What a content change is compared with: the briefings of a local date. */
export type BriefingLineupRow = Pick<
  AudioBriefingRow,
  'language' | 'article_ids' | 'spoken_text' | 'engine'
>;

/** The briefings of a local date: their stories, what was said and by which engine. */
export function listBriefingLineupsOn(
  executor: Executor,
  localDate: string,
): Promise<BriefingLineupRow[]> {
  return executor
    .selectFrom('audio_briefings')
    .select(['language', 'article_ids', 'spoken_text', 'engine'])
    .where('local_date', '=', localDate)
    .execute();
}

/**
 * The languages whose briefing for the local date a worker is building now (a running job
 * under `briefing:<language>:<date>` or its `:next` key): it may have read the line-up already.
 */
export async function listBriefingLanguagesBuilding(
  executor: Executor,
  jobName: string,
  localDate: string,
): Promise<string[]> {
  const rows = await executor
    .selectFrom('jobs')
    .select('idempotency_key')
    .where('name', '=', jobName)
    .where('status', '=', 'running')
    .where('idempotency_key', 'like', `briefing:%:${localDate}%`)
    .execute();
  const languages = rows.map((r) => r.idempotency_key?.split(':')[1] ?? '');
  return [...new Set(languages.filter(Boolean))];
}

/** The languages that have a briefing for the local date. */
export async function listBriefingLanguagesOn(
  executor: Executor,
  localDate: string,
): Promise<string[]> {
  const rows = await executor
    .selectFrom('audio_briefings')
    .select('language')
    .where('local_date', '=', localDate)
    .execute();
  return rows.map((r) => r.language);
}

/** Keeps `row` as the briefing of its language and date (replacing the one before). */
export async function saveBriefing(executor: Executor, row: AudioBriefingRow): Promise<void> {
  const { language: _l, local_date: _d, created_at: _c, uuid: _u, ...changes } = row;
  await executor
    .insertInto('audio_briefings')
    .values(row)
    .onConflict((oc) => oc.columns(['language', 'local_date']).doUpdateSet(changes))
    .execute();
}

/** Records where a briefing's stories came from when its audio stays as it is. */
export async function updateBriefingSources(
  executor: Executor,
  language: string,
  localDate: string,
  storySources: string,
): Promise<void> {
  await executor
    .updateTable('audio_briefings')
    .set({ story_sources: storySources })
    .where('language', '=', language)
    .where('local_date', '=', localDate)
    .execute();
}

/** Every briefing's file and paragraphs: what garbage collection must keep. */
export function listBriefingReferences(executor: Executor) {
  return executor.selectFrom('audio_briefings').select(['file', 'paragraphs']).execute();
}

/** Removes briefings of local dates before `beforeDate` (YYYY-MM-DD); returns how many. */
export async function deleteBriefingsBefore(
  executor: Executor,
  beforeDate: string,
): Promise<number> {
  const result = await executor
    .deleteFrom('audio_briefings')
    .where('local_date', '<', beforeDate)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Drops the queued (not yet running) slot jobs: the schedule changed, the next is queued anew. */
export async function deleteQueuedBriefingSlots(
  executor: Executor,
  jobName: string,
): Promise<void> {
  await executor
    .deleteFrom('jobs')
    .where('name', '=', jobName)
    .where('status', '=', 'queued')
    .execute();
}
