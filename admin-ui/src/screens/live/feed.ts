import type { LiveUpdate } from './types';

// The desk's feed in memory: pages of updates, newest first (as the server orders them: by
// publication time, then id), merged with each poll of the newest page.

export interface Feed {
  updates: LiveUpdate[];
  /** Where "load earlier" continues; null when the oldest update is loaded. */
  nextBefore: number | null;
}

const newerFirst = (a: LiveUpdate, b: LiveUpdate) =>
  (b.published_at ?? '').localeCompare(a.published_at ?? '') || b.id - a.id;

/** Whether `a` comes after `b` in the feed (is older). */
const isOlder = (a: LiveUpdate, b: LiveUpdate) => newerFirst(a, b) > 0;

/** Keeps the loaded object when nothing changed, so memoised items skip re-rendering. */
function reuse(current: Map<number, LiveUpdate>, fresh: LiveUpdate): LiveUpdate {
  const known = current.get(fresh.id);
  if (!known) return fresh;
  return known.version > fresh.version ||
    (known.version === fresh.version && known.updated_at === fresh.updated_at)
    ? known
    : fresh;
}

/**
 * The feed after a poll of the newest page: that page replaces everything as new as its
 * oldest entry (so edits and deletions there show), older pages already loaded stay.
 */
export function mergeNewestPage(feed: Feed, page: LiveUpdate[], pageNext: number | null): Feed {
  const current = new Map(feed.updates.map((u) => [u.id, u]));
  const updates = page.map((u) => reuse(current, u));
  const oldest = page.at(-1);
  let merged: Feed = { updates, nextBefore: pageNext };
  if (pageNext !== null && oldest) {
    const inPage = new Set(page.map((u) => u.id));
    const older = feed.updates.filter((u) => !inPage.has(u.id) && isOlder(u, oldest));
    merged = {
      updates: [...updates, ...older],
      nextBefore: older.length > 0 ? feed.nextBefore : pageNext,
    };
  }
  // A quiet poll changes nothing, so the desk does not even re-render.
  const unchanged =
    merged.nextBefore === feed.nextBefore &&
    merged.updates.length === feed.updates.length &&
    merged.updates.every((u, i) => u === feed.updates[i]);
  return unchanged ? feed : merged;
}

/** The feed with an earlier page appended. */
export function appendPage(feed: Feed, page: LiveUpdate[], pageNext: number | null): Feed {
  const known = new Set(feed.updates.map((u) => u.id));
  return {
    updates: [...feed.updates, ...page.filter((u) => !known.has(u.id))],
    nextBefore: pageNext,
  };
}

/** The feed with one update added or replaced (after posting or editing it here). */
export function putUpdate(feed: Feed, update: LiveUpdate): Feed {
  const others = feed.updates.filter((u) => u.id !== update.id);
  return { ...feed, updates: [...others, update].sort(newerFirst) };
}

export function removeUpdate(feed: Feed, updateId: number): Feed {
  return { ...feed, updates: feed.updates.filter((u) => u.id !== updateId) };
}
