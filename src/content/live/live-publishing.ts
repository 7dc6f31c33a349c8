import type { Executor } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { EventPublisher } from '../../platform/events/domain-events.js';
import { notFound } from '../../platform/errors.js';
import type { ArticleRow } from '../content.table.js';
import { announceLive } from './live-events.js';
import {
  addRevision,
  findDueUpdates,
  type LiveUpdateWithAuthors,
  withAuthors,
} from './live.repository.js';
import type { LiveUpdateRow } from './live.table.js';

// Making live updates visible: what a publication announces and purges, shared by the desk's
// rules (live.service.ts) and the scheduled-publication job.

export interface PublishDeps {
  now: () => Date;
  events: EventPublisher;
}

export interface LiveChange<T> {
  value: T;
  purgeKeys: string[];
}

/** Pages a visible change of a coverage touches: the live page, its JSON and feed; the home page
 * too when its key events or its state change (the home page shows both). */
export function livePurgeKeys(articleId: number, home: boolean): string[] {
  return [`article:${articleId}`, `live:${articleId}`, ...(home ? ['home'] : [])];
}

export async function loadArticle(executor: Executor, articleId: number): Promise<ArticleRow> {
  const article = await executor
    .selectFrom('articles')
    .selectAll()
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!article) throw notFound('Article');
  return article;
}

export async function loaded(
  executor: Executor,
  row: LiveUpdateRow,
): Promise<LiveUpdateWithAuthors> {
  const [full] = await withAuthors(executor, [row]);
  if (!full) throw new Error(`live update ${row.id} vanished`);
  return full;
}

function summaryOf(update: LiveUpdateRow): string {
  const text = `${update.headline ? `${update.headline}. ` : ''}${update.plain_text}`
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= 200 ? text : `${text.slice(0, 199).trimEnd()}…`;
}

export async function announcePublished(
  executor: Executor,
  deps: PublishDeps,
  article: ArticleRow,
  update: LiveUpdateRow,
): Promise<void> {
  await announceLive(executor, deps.events, article.id, {
    type: 'live.update-published',
    articleId: article.id,
    updateId: update.id,
    version: update.version,
    slug: article.slug,
    language: article.language,
    headline: update.headline,
    summary: summaryOf(update),
    keyEvent: update.key_event === 1,
    pinned: update.pinned === 1,
    push: update.push === 1,
    publishedAt: update.published_at ?? nowIso(deps.now()),
    url: `/${article.slug}/#update-${update.id}`,
  });
}

/** Publishes one scheduled update whose time has come (a no-op when it is not scheduled now). */
export async function publishScheduledUpdate(
  executor: Executor,
  deps: PublishDeps,
  update: LiveUpdateRow,
): Promise<LiveChange<LiveUpdateRow> | undefined> {
  const now = nowIso(deps.now());
  const row = await executor
    .updateTable('live_updates')
    .set({ status: 'published', version: update.version + 1, updated_at: now })
    .where('id', '=', update.id)
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', now)
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  const article = await loadArticle(executor, row.article_id);
  await addRevision(executor, await loaded(executor, row), null, deps.now());
  await announcePublished(executor, deps, article, row);
  return { value: row, purgeKeys: livePurgeKeys(row.article_id, row.key_event === 1) };
}

/** Publishes every scheduled update whose time has come (the job's work, in one transaction). */
export async function publishDueUpdates(
  executor: Executor,
  deps: PublishDeps,
): Promise<LiveChange<LiveUpdateRow>[]> {
  const done: LiveChange<LiveUpdateRow>[] = [];
  for (const update of await findDueUpdates(executor, nowIso(deps.now()))) {
    const change = await publishScheduledUpdate(executor, deps, update);
    if (change) done.push(change);
  }
  return done;
}
