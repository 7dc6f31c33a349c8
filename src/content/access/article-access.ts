import type { Executor } from '../../platform/db/database.js';
import type { ArticleRow } from '../content.table.js';
import { findTagsByNames, findTagsForArticles } from '../tag.repository.js';
import { type AccessLevel, type AccessRule, readAccessRule, ruleFromTags } from './access-level.js';

// How editor input becomes an article's stored access columns. The effective level is stored
// (every reader-facing path reads one column, no join); `access_default` remembers that it came
// from the tags, so a change of a tag's default or of the article's tags recomputes it.

export interface AccessInput {
  access_level?: 'default' | AccessLevel | undefined;
  access_tiers?: string[] | undefined;
  preview_paragraphs?: number | null | undefined;
}

export interface AccessColumns {
  access_level: AccessLevel;
  access_tiers: string;
  access_default: number;
  preview_paragraphs: number | null;
}

/** The rule stored on an article. */
export function articleAccessRule(
  article: Pick<ArticleRow, 'access_level' | 'access_tiers'>,
): AccessRule {
  return readAccessRule(article);
}

/**
 * The access columns for an article being created or changed. `tagNames` are the article's
 * tags after the change, in order (undefined: unchanged, read from the database).
 */
export async function decideAccessColumns(
  executor: Executor,
  input: AccessInput,
  before: ArticleRow | undefined,
  tagNames: string[] | undefined,
): Promise<AccessColumns> {
  const preview =
    input.preview_paragraphs !== undefined
      ? input.preview_paragraphs
      : (before?.preview_paragraphs ?? null);
  const followsTags =
    input.access_level !== undefined
      ? input.access_level === 'default'
      : before?.access_default !== 0;
  if (!followsTags) {
    const level = (input.access_level ?? before?.access_level ?? 'public') as AccessLevel;
    const tiers =
      level === 'tiers' ? (input.access_tiers ?? (before ? readAccessRule(before).tiers : [])) : [];
    return {
      access_level: level,
      access_tiers: JSON.stringify([...new Set(tiers)].sort()),
      access_default: 0,
      preview_paragraphs: preview,
    };
  }
  const rule = ruleFromTags(await tagsInOrder(executor, tagNames, before));
  return {
    access_level: rule.level,
    access_tiers: JSON.stringify(rule.tiers),
    access_default: 1,
    preview_paragraphs: preview,
  };
}

async function tagsInOrder(
  executor: Executor,
  names: string[] | undefined,
  before: ArticleRow | undefined,
) {
  if (names !== undefined) {
    const found = await findTagsByNames(executor, names);
    return names.flatMap((name) => found.filter((tag) => tag.name === name));
  }
  if (!before) return [];
  return (await findTagsForArticles(executor, [before.id])).get(before.id) ?? [];
}

/**
 * Recomputes the level of every article that follows its tags and carries this tag (after the
 * tag's default changed). Returns their ids, for the caller to purge.
 */
export async function recomputeTagFollowers(executor: Executor, tagId: number): Promise<number[]> {
  const rows = await executor
    .selectFrom('article_tags')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .select('articles.id')
    .where('article_tags.tag_id', '=', tagId)
    .where('articles.access_default', '=', 1)
    .execute();
  const ids = rows.map((row) => row.id);
  const tagsOf = await findTagsForArticles(executor, ids);
  for (const id of ids) {
    const rule = ruleFromTags(tagsOf.get(id) ?? []);
    await executor
      .updateTable('articles')
      .set({ access_level: rule.level, access_tiers: JSON.stringify(rule.tiers) })
      .where('id', '=', id)
      .execute();
  }
  return ids;
}
