import type { Executor } from '../../platform/db/database.js';
import { nowIso } from '../../platform/db/database.js';
import type { EventPublisher } from '../../platform/events/domain-events.js';
import { conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { type Actor, hasRole } from '../../platform/http/staff-access.js';
import { parseNewsroomDateTime } from '../../platform/time-zone.js';
import { buildDocument } from '../article-fields.js';
import { canPublishArticle, ownsArticle } from '../article.policy.js';
import { resolveAuthorIds } from '../byline.service.js';
import type { ArticleRow } from '../content.table.js';
import type { DocumentJson } from '../document/document-types.js';
import { documentToPlainText } from '../document/document-to-text.js';
import { announceLive } from './live-events.js';
import type { LiveUpdateCreateInput, LiveUpdateEditInput } from './live.input.js';
import {
  addRevision,
  findCoverage,
  findUpdate,
  type LiveUpdateWithAuthors,
  saveCoverage,
  setUpdateAuthors,
} from './live.repository.js';
import type { LiveCoverageRow, LiveUpdateRow, LiveUpdateStatus } from './live.table.js';
import { enqueueScheduledUpdate } from './live-publish.job.js';
import {
  announcePublished,
  loadArticle,
  loaded,
  livePurgeKeys,
  type LiveChange,
} from './live-publishing.js';

export type { LiveChange } from './live-publishing.js';
export { livePurgeKeys } from './live-publishing.js';

// The rules of live coverage: turning an article into a coverage and ending it, and posting,
// editing and deleting its updates. Roles as for articles: contributors draft, authors publish
// their own, editors do everything; only editors pin others' coverage and send push alerts.

export interface LiveDeps {
  now: () => Date;
  timeZone: string;
  internalHosts: string[];
  events: EventPublisher;
}

export type CoverageState = 'live' | 'ended';

export const coverageState = (row: LiveCoverageRow | undefined): CoverageState | null =>
  row === undefined ? null : row.ended_at === null ? 'live' : 'ended';

/** Starts, ends or reopens a live coverage on an article (the publish right on it is needed). */
export async function setCoverageState(
  executor: Executor,
  deps: LiveDeps,
  articleId: number,
  state: CoverageState,
  actor: Actor,
): Promise<LiveChange<LiveCoverageRow>> {
  const article = await loadArticle(executor, articleId);
  if (!canPublishArticle(actor, article))
    throw forbidden('Only the article’s author or an editor can start or end its live coverage.');
  const existing = await findCoverage(executor, articleId);
  const now = nowIso(deps.now());
  if (state === 'ended' && !existing)
    throw conflict('This article is not a live coverage, so there is nothing to end.', 'not_live');
  if (coverageState(existing) === state && existing) return { value: existing, purgeKeys: [] };
  const row: LiveCoverageRow = {
    article_id: articleId,
    started_at: existing?.started_at ?? now,
    ended_at: state === 'ended' ? now : null,
    updated_at: now,
  };
  await saveCoverage(executor, row);
  await announceLive(executor, deps.events, articleId, {
    type: 'live.coverage-changed',
    articleId,
    state,
    startedAt: row.started_at,
    endedAt: row.ended_at,
  });
  const keys = new Set([...livePurgeKeys(articleId, true), 'feeds', 'sitemap']);
  return { value: row, purgeKeys: [...keys] };
}

/** Whether the actor may change this update at all. */
function canEditUpdate(actor: Actor, update: LiveUpdateRow): boolean {
  if (hasRole(actor, 'editor')) return true;
  if (actor.userId === null || update.created_by !== actor.userId) return false;
  return actor.role !== 'contributor' || update.status === 'draft';
}

function requireVisibleRight(actor: Actor, status: LiveUpdateStatus): void {
  if ((status === 'published' || status === 'scheduled') && !hasRole(actor, 'author'))
    throw forbidden('Contributors can save drafts; an author or editor publishes them.');
}

function requireFlagRights(
  actor: Actor,
  article: ArticleRow,
  flags: { pinned?: boolean | undefined; push?: boolean | undefined },
  before?: LiveUpdateRow,
): void {
  const pinChanged =
    flags.pinned !== undefined && (before ? before.pinned === 1 : false) !== flags.pinned;
  if (
    pinChanged &&
    !hasRole(actor, 'editor') &&
    !(hasRole(actor, 'author') && ownsArticle(actor, article))
  )
    throw forbidden('Only an editor or the coverage’s own author can pin updates.');
  if (flags.push === true && !(before?.push === 1) && !hasRole(actor, 'editor'))
    throw forbidden('Only editors can send push alerts.');
}

function scheduledTime(deps: LiveDeps, value: string | null | undefined): string {
  if (!value) throw validationError({ published_at: ['give the time to publish the update at'] });
  const at = parseNewsroomDateTime(value, deps.timeZone);
  if (!at)
    throw validationError({ published_at: ['must be a date and time like 2026-12-07T18:30'] });
  if (at.getTime() <= deps.now().getTime())
    throw validationError({ published_at: ['must be in the future to schedule the update'] });
  return nowIso(at);
}

async function bodyOf(
  executor: Executor,
  deps: LiveDeps,
  input: { doc?: unknown; html?: string | undefined },
): Promise<DocumentJson> {
  return buildDocument(executor, deps, { doc: input.doc, html: input.html });
}

function hasText(headline: string, plainText: string, doc: DocumentJson): boolean {
  if (headline.trim() !== '' || plainText.trim() !== '') return true;
  // An image or embed alone is an update too.
  return (
    JSON.stringify(doc).includes('"type":"image"') || JSON.stringify(doc).includes('"type":"embed"')
  );
}

/** Posts an update (a draft, published now, or scheduled) to a live coverage. */
export async function createUpdate(
  executor: Executor,
  deps: LiveDeps,
  articleId: number,
  input: LiveUpdateCreateInput,
  actor: Actor,
): Promise<LiveChange<LiveUpdateWithAuthors>> {
  const article = await loadArticle(executor, articleId);
  if (!(await findCoverage(executor, articleId)))
    throw conflict('Start the live coverage on this article before posting updates.', 'not_live');
  requireVisibleRight(actor, input.status);
  requireFlagRights(actor, article, input);
  const doc = await bodyOf(executor, deps, input);
  const plainText = documentToPlainText(doc);
  if (input.status !== 'draft' && !hasText(input.headline, plainText, doc))
    throw validationError({ doc: ['write something (or add an image) before posting the update'] });
  const now = nowIso(deps.now());
  const publishedAt =
    input.status === 'published'
      ? now
      : input.status === 'scheduled'
        ? scheduledTime(deps, input.published_at)
        : null;
  const row = await executor
    .insertInto('live_updates')
    .values({
      article_id: articleId,
      status: input.status,
      headline: input.headline,
      doc: JSON.stringify(doc),
      plain_text: plainText,
      key_event: input.key_event ? 1 : 0,
      pinned: input.pinned ? 1 : 0,
      push: input.push ? 1 : 0,
      correction: '',
      published_at: publishedAt,
      created_by: actor.userId,
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await setUpdateAuthors(executor, row.id, await authorIdsFor(executor, input.authors, actor, now));
  const update = await loaded(executor, row);
  await addRevision(executor, update, actor.userId, deps.now());
  if (row.status === 'published') await announcePublished(executor, deps, article, row);
  if (row.status === 'scheduled' && row.published_at)
    await enqueueScheduledUpdate(executor, row.id, row.published_at);
  return {
    value: update,
    purgeKeys: row.status === 'published' ? livePurgeKeys(articleId, row.key_event === 1) : [],
  };
}

/** The byline: the names given, else the signed-in person's name. */
async function authorIdsFor(
  executor: Executor,
  names: string[] | undefined,
  actor: Actor,
  now: string,
): Promise<number[]> {
  if (names !== undefined) return resolveAuthorIds(executor, names, now);
  if (actor.userId === null) return [];
  const user = await executor
    .selectFrom('users')
    .select('name')
    .where('id', '=', actor.userId)
    .executeTakeFirst();
  return user ? resolveAuthorIds(executor, [user.name], now) : [];
}

async function openUpdate(executor: Executor, updateId: number): Promise<LiveUpdateRow> {
  const update = await findUpdate(executor, updateId);
  if (!update || update.status === 'deleted') throw notFound('Live update');
  return update;
}

/** Edits an update: text, flags, byline, correction note, or its status (draft → published). */
export async function editUpdate(
  executor: Executor,
  deps: LiveDeps,
  updateId: number,
  input: LiveUpdateEditInput,
  actor: Actor,
): Promise<LiveChange<LiveUpdateWithAuthors>> {
  const before = await openUpdate(executor, updateId);
  const article = await loadArticle(executor, before.article_id);
  if (!canEditUpdate(actor, before))
    throw forbidden('You can only change your own updates (editors can change any).');
  if (input.version !== before.version)
    throw conflict(
      `This update was changed by someone else since you opened it (your version ${input.version}, current ${before.version}). Reload to see their changes.`,
      'version_conflict',
    );
  const status = input.status ?? before.status;
  if (before.status === 'published' && status !== 'published')
    throw conflict(
      'A published update cannot go back to a draft; edit it or delete it.',
      'published',
    );
  if (status !== before.status) requireVisibleRight(actor, status);
  requireFlagRights(actor, article, input, before);
  const doc =
    input.doc !== undefined || input.html !== undefined
      ? await bodyOf(executor, deps, input)
      : (JSON.parse(before.doc) as DocumentJson);
  const plainText = documentToPlainText(doc);
  const headline = input.headline ?? before.headline;
  if (status !== 'draft' && !hasText(headline, plainText, doc))
    throw validationError({ doc: ['write something (or add an image) before posting the update'] });
  const now = nowIso(deps.now());
  const publishedAt =
    status === 'published'
      ? before.status === 'published'
        ? before.published_at
        : now
      : status === 'scheduled'
        ? input.published_at !== undefined || before.status !== 'scheduled'
          ? scheduledTime(deps, input.published_at)
          : before.published_at
        : null;
  const row = await executor
    .updateTable('live_updates')
    .set({
      status,
      headline,
      doc: JSON.stringify(doc),
      plain_text: plainText,
      key_event: (input.key_event ?? before.key_event === 1) ? 1 : 0,
      pinned: (input.pinned ?? before.pinned === 1) ? 1 : 0,
      push: (input.push ?? before.push === 1) ? 1 : 0,
      correction: input.correction ?? before.correction,
      published_at: publishedAt,
      version: before.version + 1,
      updated_at: now,
    })
    .where('id', '=', updateId)
    .where('version', '=', before.version)
    .returningAll()
    .executeTakeFirst();
  if (!row)
    throw conflict(
      'This update was changed by someone else at the same moment. Reload and try again.',
      'version_conflict',
    );
  if (input.authors !== undefined)
    await setUpdateAuthors(executor, row.id, await resolveAuthorIds(executor, input.authors, now));
  const update = await loaded(executor, row);
  await addRevision(executor, update, actor.userId, deps.now());
  if (row.status === 'scheduled' && row.published_at && row.published_at !== before.published_at)
    await enqueueScheduledUpdate(executor, row.id, row.published_at);
  if (row.status === 'published' && before.status !== 'published') {
    await announcePublished(executor, deps, article, row);
    return { value: update, purgeKeys: livePurgeKeys(article.id, row.key_event === 1) };
  }
  if (row.status !== 'published') return { value: update, purgeKeys: [] };
  const keyEventsChanged =
    row.key_event !== before.key_event ||
    (row.key_event === 1 &&
      (row.headline !== before.headline || row.plain_text !== before.plain_text));
  await announceLive(executor, deps.events, article.id, {
    type: 'live.update-changed',
    articleId: article.id,
    updateId: row.id,
    version: row.version,
    keyEvent: row.key_event === 1,
    keyEventsChanged,
  });
  return { value: update, purgeKeys: livePurgeKeys(article.id, keyEventsChanged) };
}

/** Deletes an update for readers; its rows and history stay (status `deleted`). */
export async function deleteUpdate(
  executor: Executor,
  deps: LiveDeps,
  updateId: number,
  actor: Actor,
): Promise<LiveChange<undefined>> {
  const before = await openUpdate(executor, updateId);
  if (!canEditUpdate(actor, before))
    throw forbidden('You can only delete your own updates (editors can delete any).');
  const now = nowIso(deps.now());
  const row = await executor
    .updateTable('live_updates')
    .set({ status: 'deleted', deleted_at: now, updated_at: now, version: before.version + 1 })
    .where('id', '=', updateId)
    .where('version', '=', before.version)
    .returningAll()
    .executeTakeFirst();
  if (!row)
    throw conflict(
      'This update was changed at the same moment. Reload and try again.',
      'version_conflict',
    );
  await addRevision(executor, await loaded(executor, row), actor.userId, deps.now());
  if (before.status !== 'published') return { value: undefined, purgeKeys: [] };
  await announceLive(executor, deps.events, before.article_id, {
    type: 'live.update-deleted',
    articleId: before.article_id,
    updateId,
    wasKeyEvent: before.key_event === 1,
  });
  return { value: undefined, purgeKeys: livePurgeKeys(before.article_id, before.key_event === 1) };
}
