import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { readJsonSetting, storeJsonSetting } from '../platform/settings/json-setting.js';
import type { CommentMode } from './comments.table.js';

// Who may comment and what is held for review. The site's rule is one settings row
// (`comments`); an article may override the mode (`comment_article_settings`). Every process
// keeps a copy in memory (the article page's comments slot renders synchronously, without a
// query), re-read on a timer and after a change made through this process's admin API.

export const commentModes = ['off', 'members', 'paying'] as const satisfies readonly CommentMode[];

export const commentSettingsSchema = z
  .object({
    /** The site's default: nobody, any signed-in member, or paying members only. */
    mode: z.enum(commentModes).default('off'),
    /** Hold a reader's comments until staff approve one (then the reader is trusted). */
    firstCommentModeration: z.boolean().default(true),
    /** Words or phrases (case-insensitive) that hold a comment for review. */
    heldKeywords: z.array(z.string().trim().min(1).max(60)).max(200).default([]),
    /** More links than this holds a comment for review. */
    maxLinks: z.number().int().min(0).max(20).default(2),
    /** Reports from different readers that hold a published comment for review again. */
    reportsToHold: z.number().int().min(1).max(100).default(3),
  })
  .strict();

export type CommentSettings = z.infer<typeof commentSettingsSchema>;

/** A partial update from the admin API (every field optional). */
export const commentSettingsPatch = commentSettingsSchema.partial().strict();

const key = 'comments';

let current: CommentSettings = commentSettingsSchema.parse({});
let overrides = new Map<number, CommentMode>();

export function readCommentSettings(executor: Executor): Promise<CommentSettings> {
  return readJsonSetting(executor, key, commentSettingsSchema);
}

export async function storeCommentSettings(
  executor: Executor,
  settings: CommentSettings,
): Promise<void> {
  await storeJsonSetting(executor, key, settings);
}

/** The per-article mode, or undefined when the article follows the site's. */
export async function findArticleCommentMode(
  executor: Executor,
  articleId: number,
): Promise<CommentMode | undefined> {
  const row = await executor
    .selectFrom('comment_article_settings')
    .select('mode')
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row?.mode;
}

/** Sets (mode) or removes (null: follow the site) an article's override. */
export async function storeArticleCommentMode(
  executor: Executor,
  articleId: number,
  mode: CommentMode | null,
  now: Date,
): Promise<void> {
  if (mode === null) {
    await executor
      .deleteFrom('comment_article_settings')
      .where('article_id', '=', articleId)
      .execute();
    return;
  }
  const updated_at = nowIso(now);
  await executor
    .insertInto('comment_article_settings')
    .values({ article_id: articleId, mode, updated_at })
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ mode, updated_at }))
    .execute();
}

/** The mode that applies to an article: its override, else the site's. */
export function effectiveMode(settings: CommentSettings, override: CommentMode | undefined) {
  return override ?? settings.mode;
}

/** The settings and overrides as last loaded in this process (defaults before the first). */
export function currentCommentSettings(): CommentSettings {
  return current;
}

/** The mode of an article from this process's copy (for the page slot). */
export function currentArticleMode(articleId: number): CommentMode {
  return effectiveMode(current, overrides.get(articleId));
}

/** True when comments are open anywhere (the site's rule, or one article's override). */
export function anyCommentsOpen(): boolean {
  return current.mode !== 'off' || [...overrides.values()].some((mode) => mode !== 'off');
}

/** Loads the row and the overrides into this process's copy; true when anything changed. */
export async function refreshCommentSettings(executor: Executor): Promise<boolean> {
  const [next, rows] = await Promise.all([
    readCommentSettings(executor),
    executor.selectFrom('comment_article_settings').select(['article_id', 'mode']).execute(),
  ]);
  const nextOverrides = new Map(rows.map((row) => [row.article_id, row.mode]));
  const changed =
    JSON.stringify(next) !== JSON.stringify(current) ||
    JSON.stringify([...nextOverrides].sort()) !== JSON.stringify([...overrides].sort());
  current = next;
  overrides = nextOverrides;
  return changed;
}
