// The publishing workflow: publish, unpublish and schedule are updates with a status (and
// date), so they follow the same permission, validation and side-effect rules as an edit.
import type { Executor } from '../platform/db/database.js';
import type { Actor } from './article.policy.js';
import { type ArticleDeps, updateArticle } from './article.service.js';

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
