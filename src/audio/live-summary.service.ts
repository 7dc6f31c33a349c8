import { createHash } from 'node:crypto';
import { findCoverage, listKeyEvents } from '../content/live/live.repository.js';
import type { LiveUpdateRow } from '../content/live/live.table.js';
import { nowIso } from '../platform/db/database.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { audioKey } from './audio-files.js';
import { selectEncoder } from './encode/encoder.js';
import { lexiconFor } from './lexicon.repository.js';
import { summaryKeyEventLimit, summaryUnits } from './live-summary-text.js';
import { deleteLiveSummary, findLiveSummary, saveLiveSummary } from './live-summary.repository.js';
import { findArticleForNarration } from './narration.repository.js';
import { chooseArticleVoice, type NarrationDeps } from './narration.service.js';
import { contentHashedFile, synthesizeUnits } from './paragraph-synthesis.js';

export interface LiveSummaryDeps extends NarrationDeps {
  now: () => Date;
}

export interface LiveSummaryResult {
  /** `unchanged`: the key events say what the current summary says; `removed`: none are left. */
  status: 'ready' | 'unchanged' | 'removed' | 'skipped';
  file?: string;
  durationMs?: number;
  keyEvents: number;
  /** Units synthesized now; the rest (key events spoken before) came from the paragraph cache. */
  synthesized: number;
}

const pauseAfterIntroMs = 700;
const pauseAfterKeyEventMs = 600;
// Key events that change while a summary is being made are summarized again at once, this
// many times at most (a steady stream of edits is caught by the next job).
const maxPasses = 3;

const keyEventsState = (events: LiveUpdateRow[]) =>
  JSON.stringify(events.map((e) => [e.id, e.version]));

/**
 * Makes the spoken summary of a live coverage's latest key events (newest first, at most
 * eight): the wording in the article's language, normalized and voiced as its narration is
 * (voice by its tags, then its language), each key event through the paragraph cache, joined
 * into one content-hashed MP3 kept as the coverage's summary; then the live page is purged.
 * Nothing is made when the key events say what the current summary says; when none are left
 * the summary is removed. Skipped for articles that are not published live coverages.
 */
export async function summarizeKeyEvents(
  deps: LiveSummaryDeps,
  articleId: number,
  options: { signal?: AbortSignal } = {},
): Promise<LiveSummaryResult> {
  const { db } = deps.database;
  const article = await findArticleForNarration(db, articleId);
  const coverage = await findCoverage(db, articleId);
  if (!article || article.status !== 'published' || !coverage)
    return { status: 'skipped', keyEvents: 0, synthesized: 0 };

  let result: LiveSummaryResult = { status: 'skipped', keyEvents: 0, synthesized: 0 };
  for (let pass = 1; pass <= maxPasses; pass += 1) {
    const events = await listKeyEvents(db, articleId, summaryKeyEventLimit);
    result = await summarizeOnce(deps, article, events, options);
    // A key event changed while this pass ran: its job may have been folded into this one.
    const after = await listKeyEvents(db, articleId, summaryKeyEventLimit);
    if (keyEventsState(after) === keyEventsState(events)) break;
  }
  return result;
}

async function summarizeOnce(
  deps: LiveSummaryDeps,
  article: { id: number; language: string },
  events: LiveUpdateRow[],
  options: { signal?: AbortSignal },
): Promise<LiveSummaryResult> {
  const { db } = deps.database;
  const now = deps.now();
  const previous = await findLiveSummary(db, article.id);
  const { engine, voice } = await chooseArticleVoice(deps, article);
  const engineVersion = `${engine.id}@${await engine.version()}`;
  const encoder = deps.encoder ?? (await selectEncoder());
  const units = summaryUnits(
    events.map((e) => ({
      id: e.id,
      headline: e.headline,
      plainText: e.plain_text,
      publishedAt: e.published_at ?? e.updated_at,
    })),
    {
      language: article.language,
      timeZone: (await readSiteSettings(db)).timeZone,
      now,
      lexicon: await lexiconFor(db, article.language, engine.id),
    },
  );
  if (units.length === 0) {
    if (!previous) return { status: 'skipped', keyEvents: 0, synthesized: 0 };
    await deleteLiveSummary(db, article.id);
    await retire(deps, previous.file);
    await deps.purger.purge(summaryPurgeKeys(article.id));
    return { status: 'removed', keyEvents: 0, synthesized: 0 };
  }
  // The intro's clock is left out: the same key events in the same voice are the same summary.
  const sourceHash = createHash('sha256')
    .update(
      JSON.stringify([units.slice(1).map((u) => u.spoken), voice, engineVersion, encoder.variant]),
    )
    .digest('hex');
  if (previous?.source_hash === sourceHash)
    return {
      status: 'unchanged',
      file: previous.file,
      durationMs: previous.duration_ms,
      keyEvents: previous.key_events,
      synthesized: 0,
    };

  const audio = await synthesizeUnits(
    deps.storage,
    { engine, engineVersion, voice, encoder },
    units.map((unit) => ({
      index: unit.index,
      spoken: unit.spoken,
      pauseMs: unit.index === -1 ? pauseAfterIntroMs : pauseAfterKeyEventMs,
    })),
    options,
  );
  const file = contentHashedFile(audio.mp3);
  // Stored before the row that names it: a failed upload leaves no summary without its file.
  if (!(await deps.storage.stat(audioKey(file)))) await deps.storage.put(audioKey(file), audio.mp3);
  const stamp = nowIso(now);
  await saveLiveSummary(db, {
    article_id: article.id,
    file,
    bytes: audio.mp3.length,
    duration_ms: audio.durationMs,
    key_events: units.length - 1,
    paragraphs: JSON.stringify(audio.paragraphs),
    spoken_text: units.map((u) => u.spoken).join('\n'),
    source_hash: sourceHash,
    language: article.language,
    engine: engineVersion,
    voice,
    created_at: previous?.created_at ?? stamp,
    updated_at: stamp,
  });
  if (previous && previous.file !== file) await retire(deps, previous.file);
  await deps.purger.purge(summaryPurgeKeys(article.id));
  return {
    status: 'ready',
    file,
    durationMs: audio.durationMs,
    keyEvents: units.length - 1,
    synthesized: audio.synthesized,
  };
}

/** The pages that show a coverage's summary: its article page (the live page) and live JSON. */
export function summaryPurgeKeys(articleId: number): string[] {
  return [`article:${articleId}`, `live:${articleId}`];
}

// A superseded file was in use until now: it stays for garbage collection's grace period,
// for cached pages and players that still link it.
async function retire(deps: LiveSummaryDeps, file: string): Promise<void> {
  await deps.storage.touch(audioKey(file), new Date());
}
