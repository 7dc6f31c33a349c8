import { collectMediaIds } from '../../content/article-media.service.js';
import type { DocumentJson } from '../../content/document/document-types.js';
import {
  findCoverage,
  findUpdate,
  listFeed,
  listKeyEvents,
  listPinned,
  type LiveUpdateWithAuthors,
  withAuthors,
} from '../../content/live/live.repository.js';
import { coverageState } from '../../content/live/live.service.js';
import { loadPictures } from '../../media/media.service.js';
import type { Executor } from '../../platform/db/database.js';
import { renderArticleBody } from '../article-body.js';
import { updateTitle } from '../../content/live/live-title.js';

// A live coverage as readers see it: its state, pinned updates, key events and one page of
// published updates with their bodies rendered. The live page, its JSON, the update pages, the
// per-coverage feeds and the SSE fan-out all read through here, so they always agree.

export const livePageSize = 20;

export interface LiveItem {
  id: number;
  version: number;
  headline: string;
  /** The rendered, sanitized body. */
  html: string;
  text: string;
  keyEvent: boolean;
  pinned: boolean;
  correction: string;
  publishedAt: string;
  updatedAt: string;
  /** True when it was changed after it was posted. */
  edited: boolean;
  authors: Array<{ name: string; slug: string }>;
}

export interface KeyEvent {
  id: number;
  headline: string;
  publishedAt: string;
}

export interface LiveFeed {
  articleId: number;
  state: 'live' | 'ended';
  startedAt: string;
  endedAt: string | null;
  updates: LiveItem[];
  pinned: LiveItem[];
  keyEvents: KeyEvent[];
  /** The id to ask `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
  /** The newest update's time (or the start), for dateModified and Last-Modified. */
  latestAt: string;
}

export { updateTitle };

async function renderItems(executor: Executor, rows: LiveUpdateWithAuthors[], language: string) {
  const mediaIds = [
    ...new Set(rows.flatMap((row) => collectMediaIds(JSON.parse(row.doc) as DocumentJson))),
  ];
  const pictures = await loadPictures(executor, mediaIds);
  return Promise.all(
    rows.map(async (row): Promise<LiveItem> => ({
      id: row.id,
      version: row.version,
      headline: row.headline,
      html: await renderArticleBody(executor, row.doc, '', pictures, { language }),
      text: row.plain_text,
      keyEvent: row.key_event === 1,
      pinned: row.pinned === 1,
      correction: row.correction,
      publishedAt: row.published_at ?? row.created_at,
      updatedAt: row.updated_at,
      edited: row.version > 1 && row.updated_at > (row.published_at ?? row.created_at),
      authors: row.authors.map((a) => ({ name: a.name, slug: a.slug })),
    })),
  );
}

/** The coverage of an article with one page of its updates, or undefined when it is not live. */
export async function loadLiveFeed(
  executor: Executor,
  article: { id: number; language: string },
  options: { before?: number | undefined; limit?: number } = {},
): Promise<LiveFeed | undefined> {
  const coverage = await findCoverage(executor, article.id);
  if (!coverage) return undefined;
  const limit = options.limit ?? livePageSize;
  const before =
    options.before === undefined ? undefined : await findUpdate(executor, options.before);
  if (before && (before.article_id !== article.id || before.status !== 'published'))
    return undefined;
  const [rows, pinnedRows, keyRows] = await Promise.all([
    listFeed(executor, article.id, { before, limit: limit + 1, statuses: ['published'] }),
    before ? Promise.resolve([]) : listPinned(executor, article.id),
    listKeyEvents(executor, article.id),
  ]);
  const page = rows.slice(0, limit);
  const [updates, pinned] = await Promise.all([
    withAuthors(executor, page).then((list) => renderItems(executor, list, article.language)),
    withAuthors(executor, pinnedRows).then((list) => renderItems(executor, list, article.language)),
  ]);
  const newest = before ? undefined : page[0];
  return {
    articleId: article.id,
    state: coverageState(coverage) ?? 'live',
    startedAt: coverage.started_at,
    endedAt: coverage.ended_at,
    updates,
    pinned,
    keyEvents: keyRows.map((row) => ({
      id: row.id,
      headline: updateTitle(row),
      publishedAt: row.published_at ?? row.created_at,
    })),
    nextBefore: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    latestAt: [newest?.updated_at, coverage.updated_at, coverage.started_at]
      .filter((v): v is string => typeof v === 'string')
      .sort()
      .at(-1) as string,
  };
}

/** One published update of a coverage, rendered (its standalone page), or undefined. */
export async function loadLiveItem(
  executor: Executor,
  article: { id: number; language: string },
  updateId: number,
): Promise<LiveItem | undefined> {
  const row = await findUpdate(executor, updateId);
  if (!row || row.article_id !== article.id || row.status !== 'published') return undefined;
  const [item] = await renderItems(executor, await withAuthors(executor, [row]), article.language);
  return item;
}
