import type { DatabaseHandle } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import type { BlobStore } from '../platform/storage/blob-store.js';
import { deleteBriefingsBefore, listBriefingReferences } from './briefing.repository.js';
import {
  deleteLiveSummary,
  listLiveSummaryReferences,
  listUnreachableLiveSummaries,
} from './live-summary.repository.js';
import {
  deleteNarration,
  listNarrationReferences,
  listNarrationsOfUnpublishedArticles,
} from './narration.repository.js';
import type { NarrationParagraph } from './narration.table.js';

// Garbage collection of narration audio. Files are named by content hash and never change,
// so old ones pile up: the previous MP3 after every re-narration, the MP3 of an article that
// was unpublished, paragraph cache entries of paragraphs edited away. A file is deleted only
// when no narration row points to it (the row's file, or a paragraph's cache key) AND it has
// not been used for the grace period: the store's last use (`touch`; the modification time
// locally, the `used-at` metadata on S3) is when it was last used (the narration service touches a superseded MP3 and every paragraph cache hit), so a page or CDN
// copy that still links the old MP3 keeps working for the grace period. Narration rows of
// articles unpublished for longer than the grace period are removed first (republishing
// narrates again). Live coverages' key-events summaries are kept the same way: the newest
// summary's MP3 and paragraph cache entries are referenced; a summary of an article no longer
// published or no longer a live coverage is removed after the grace period. Daily briefings'
// MP3s and paragraphs are referenced while their rows exist (the briefing podcast's episodes).
// A gated article's whole-body MP3 (`audio/full/`) is kept while its narration row names it
// (`full_file`, and its paragraphs' cache keys), and goes the same way once superseded (the
// narration service touches it) or once the row is removed.

export interface AudioGcDeps {
  database: DatabaseHandle;
  storage: BlobStore;
  now: () => Date;
}

export interface AudioGcResult {
  /** Narrations of articles unpublished for longer than the grace period, removed. */
  narrationsRemoved: number;
  /** Key-events summaries nobody can hear any more (see the header), removed. */
  liveSummariesRemoved: number;
  filesDeleted: string[];
  cacheEntriesDeleted: number;
  bytesFreed: number;
  /** Unreferenced files kept because they were used within the grace period. */
  keptInGrace: number;
}

/** How long a daily briefing stays in the briefing podcast (its feed lists at most 60). */
export const briefingKeepDays = 90;

/** The default grace period: three days. */
export const defaultGraceMs = 3 * 24 * 3600 * 1000;

const audioFile = /^[0-9a-f]{32}\.mp3$/;
const cacheFile = /^([0-9a-f]{64})\.mp3$/;
const temporaryFile = /\.tmp$/;

/**
 * Deletes narration audio nothing points to and nothing used within `graceMs`. With `dryRun`
 * it only reports what it would delete.
 */
export async function collectAudioGarbage(
  deps: AudioGcDeps,
  options: { graceMs?: number; dryRun?: boolean } = {},
): Promise<AudioGcResult> {
  const graceMs = options.graceMs ?? defaultGraceMs;
  const cutoff = deps.now().getTime() - graceMs;
  const { db } = deps.database;
  const result: AudioGcResult = {
    narrationsRemoved: 0,
    liveSummariesRemoved: 0,
    filesDeleted: [],
    cacheEntriesDeleted: 0,
    bytesFreed: 0,
    keptInGrace: 0,
  };

  for (const stale of await listNarrationsOfUnpublishedArticles(db, nowIso(new Date(cutoff)))) {
    if (!options.dryRun) await deleteNarration(db, stale.article_id);
    result.narrationsRemoved += 1;
  }
  for (const stale of await listUnreachableLiveSummaries(db, nowIso(new Date(cutoff)))) {
    if (!options.dryRun) await deleteLiveSummary(db, stale.article_id);
    result.liveSummariesRemoved += 1;
  }

  // Daily briefings are podcast episodes for `briefingKeepDays`, then removed.
  if (!options.dryRun)
    await deleteBriefingsBefore(
      db,
      new Date(deps.now().getTime() - briefingKeepDays * 86_400_000).toISOString().slice(0, 10),
    );

  // Read the references after the removals, so a narration saved meanwhile is respected too
  // (and its fresh files are inside the grace period anyway).
  const files = new Set<string>();
  const cacheKeys = new Set<string>();
  const narrations = await listNarrationReferences(db);
  const references = [
    ...narrations,
    ...(await listLiveSummaryReferences(db)),
    ...(await listBriefingReferences(db)),
  ];
  const fullFiles = new Set<string>();
  const keepParagraphs = (json: string) => {
    let paragraphs: NarrationParagraph[] = [];
    try {
      paragraphs = JSON.parse(json) as NarrationParagraph[];
    } catch {
      paragraphs = [];
    }
    for (const paragraph of paragraphs) if (paragraph.cacheKey) cacheKeys.add(paragraph.cacheKey);
  };
  for (const row of references) {
    if (row.file) files.add(row.file);
    keepParagraphs(row.paragraphs);
  }
  for (const row of narrations) {
    if (row.full_file) fullFiles.add(row.full_file);
    keepParagraphs(row.full_paragraphs);
  }

  const keep = (key: string): boolean | undefined => {
    const name = key.slice('audio/'.length);
    if (temporaryFile.test(name)) return false;
    if (name.startsWith('cache/')) {
      const cacheKey = cacheFile.exec(name.slice('cache/'.length))?.[1];
      return cacheKey ? cacheKeys.has(cacheKey) : undefined;
    }
    if (name.startsWith('full/')) {
      const fullName = name.slice('full/'.length);
      return audioFile.test(fullName) ? fullFiles.has(fullName) : undefined;
    }
    return audioFile.test(name) ? files.has(name) : undefined;
  };
  const doomed: string[] = [];
  for await (const blob of deps.storage.list('audio/')) {
    if (keep(blob.key) !== false) continue; // referenced, or not ours to judge
    // A listing may show the write time only (S3): ask for the last use before deciding.
    const info = await deps.storage.stat(blob.key);
    if (!info) continue;
    if (info.usedAt.getTime() > cutoff) {
      result.keptInGrace += 1;
      continue;
    }
    doomed.push(blob.key);
    result.bytesFreed += info.size;
    if (blob.key.startsWith('audio/cache/')) result.cacheEntriesDeleted += 1;
    else result.filesDeleted.push(blob.key.slice('audio/'.length));
  }
  if (!options.dryRun) await deps.storage.delete(doomed);
  return result;
}
