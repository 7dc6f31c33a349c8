import { type Actor, hasRole } from '../platform/http/staff-access.js';
import type { ArticleRow, ArticleStatus } from './content.table.js';

export type { Actor } from '../platform/http/staff-access.js';
export { hasRole } from '../platform/http/staff-access.js';

/** True when the actor created the article (tokens own what they created). */
export function ownsArticle(
  actor: Actor,
  article: Pick<ArticleRow, 'created_by' | 'created_by_token'>,
): boolean {
  if (actor.userId !== null) return article.created_by === actor.userId;
  if (actor.tokenId !== null) return article.created_by_token === actor.tokenId;
  return false;
}

/** Editors edit everything; contributors and authors edit their own. */
export function canEditArticle(
  actor: Actor,
  article: Pick<ArticleRow, 'created_by' | 'created_by_token' | 'status'>,
): boolean {
  if (hasRole(actor, 'editor')) return true;
  if (!ownsArticle(actor, article)) return false;
  // A contributor's piece is the editors' once it is published.
  if (actor.role === 'contributor')
    return article.status === 'draft' || article.status === 'submitted';
  return true;
}

/** Statuses that put an article (or a date for it) before readers need the publish right. */
export const publishingStatuses: readonly ArticleStatus[] = [
  'published',
  'scheduled',
  'unpublished',
];

/** Authors publish their own; editors and admins publish anything; contributors never. */
export function canPublishArticle(
  actor: Actor,
  article: Pick<ArticleRow, 'created_by' | 'created_by_token'> | 'new',
): boolean {
  if (hasRole(actor, 'editor')) return true;
  if (actor.role !== 'author') return false;
  return article === 'new' || ownsArticle(actor, article);
}

/** Only editors and admins delete articles; authors may delete their own unpublished drafts. */
export function canDeleteArticle(
  actor: Actor,
  article: Pick<ArticleRow, 'created_by' | 'created_by_token' | 'status'>,
): boolean {
  if (hasRole(actor, 'editor')) return true;
  return (
    ownsArticle(actor, article) && (article.status === 'draft' || article.status === 'submitted')
  );
}

/** Authors, tags and collections are managed by editors and admins. */
export function canManageTaxonomy(actor: Actor): boolean {
  return hasRole(actor, 'editor');
}
