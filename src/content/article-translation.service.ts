import type { Executor } from '../platform/db/database.js';
import { forbidden, validationError } from '../platform/errors.js';
import type { EventPublisher } from '../platform/events/domain-events.js';
import { findArticleById } from './article.repository.js';
import { type Actor, canEditArticle } from './article.policy.js';

// Linking an article to its translation (ADR 0008). Linked articles share `translation_group`
// (the id of the group's first article), so a story and its English and Ukrainian versions
// all point at each other however they were linked.

function invalid(message: string) {
  return validationError({ translation_of: [message] });
}

async function groupMembers(executor: Executor, group: number | null): Promise<number[]> {
  if (group === null) return [];
  const rows = await executor
    .selectFrom('articles')
    .select('id')
    .where('translation_group', '=', group)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Makes article `id` a translation of `translationOf` (joining its group, and bringing along
 * any translations it already had), or with `null` takes it out of its group. Returns the
 * surrogate keys of every page whose language links change.
 */
export async function linkTranslation(
  executor: Executor,
  events: EventPublisher,
  id: number,
  translationOf: number | null,
  actor: Actor,
): Promise<string[]> {
  const article = await findArticleById(executor, id);
  if (!article) return [];
  const before = await groupMembers(executor, article.translation_group);
  if (translationOf === null) {
    await executor
      .updateTable('articles')
      .set({ translation_group: null })
      .where('id', '=', id)
      .execute();
    const members = [...new Set([id, ...before])];
    await events.publish(executor, `article:${id}`, {
      type: 'article.translation-linked',
      articleId: id,
      translationGroup: null,
      articleIds: members,
    });
    return members.map((member) => `article:${member}`);
  }
  if (translationOf === id) throw invalid('An article cannot be a translation of itself.');
  const target = await findArticleById(executor, translationOf);
  if (!target) throw invalid(`There is no article with id ${translationOf}.`);
  if (!canEditArticle(actor, target))
    throw forbidden('You can only link translations between articles you may edit.');
  const group = target.translation_group ?? target.id;
  const joining = article.translation_group === null ? [id] : before;
  const staying = (await groupMembers(executor, group)).filter((m) => !joining.includes(m));
  const languages = await executor
    .selectFrom('articles')
    .select(['id', 'language', 'title'])
    .where('id', 'in', [...new Set([target.id, ...staying, ...joining])])
    .execute();
  const seen = new Map<string, string>();
  for (const row of languages) {
    const other = seen.get(row.language);
    if (other !== undefined)
      throw invalid(
        `Two articles in one translation group would both be in "${row.language}" ("${other}" and "${row.title}"); each language appears once.`,
      );
    seen.set(row.language, row.title);
  }
  await executor
    .updateTable('articles')
    .set({ translation_group: group })
    .where('id', 'in', [target.id, ...joining])
    .execute();
  const members = [...new Set([target.id, ...staying, ...joining, ...before])];
  await events.publish(executor, `article:${id}`, {
    type: 'article.translation-linked',
    articleId: id,
    translationGroup: group,
    articleIds: members,
  });
  return members.map((member) => `article:${member}`);
}
