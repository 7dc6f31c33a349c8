import { createHash, randomUUID } from 'node:crypto';
import { nowIso } from '../platform/db/database.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { audioKey } from './audio-files.js';
import {
  type BriefingLineupEntry,
  chooseBriefingLineupWithSources,
  readStoredBriefingLineup,
  type StoredBriefingStory,
} from './briefing-lineup.js';
import { shiftLocalDate } from './briefing-schedule.js';
import { readBriefingSettings } from './briefing-settings.js';
import { baseLanguage, briefingUnits, introIndex } from './briefing-text.js';
import {
  type BriefingStoryRow,
  findBriefing,
  listBriefingLatest,
  listBriefingMostRead,
  listBriefingPicks,
  listBriefingStoriesByIds,
  saveBriefing,
  updateBriefingSources,
} from './briefing.repository.js';
import { selectEncoder } from './encode/encoder.js';
import { lexiconFor } from './lexicon.repository.js';
import { chooseArticleVoice, type NarrationDeps } from './narration.service.js';
import { contentHashedFile, synthesizeUnits } from './paragraph-synthesis.js';
import { narrationPauses } from './sentence-pauses.js';

// The daily audio briefing: the day's top stories read as headline and standfirst between an
// intro and an outro, through the narration pipeline (normalization, lexicon, the voice of the
// language, the paragraph cache, loudness, MP3), kept as the briefing of its language and
// local date. The home page and the briefing podcast show it; both are purged when it changes.

export type BriefingDeps = NarrationDeps;

export interface BriefingResult {
  /** `unchanged`: the line-up and voice are those of the stored briefing; `skipped`: off or nothing to read. */
  status: 'ready' | 'unchanged' | 'skipped';
  language: string;
  localDate: string;
  file?: string;
  durationMs?: number;
  articleIds: number[];
  /** Units synthesized now (the rest came from the paragraph cache). */
  synthesized: number;
}

/** The surrogate keys of what shows the briefing: the home page and the briefing podcast. */
export const briefingPurgeKeys = ['home', 'podcast-briefing'];

/**
 * The line-up of a language's briefing for a local date, in reading order, with each story's
 * source. `stored` is the line-up of the briefing being regenerated: its most-read and latest
 * stories that are still published in the language keep their places (the standings are not
 * read again for them); only free places are filled from the current most read and latest.
 */
export async function selectBriefingLineup(
  executor: BriefingDeps['database']['db'],
  language: string,
  localDate: string,
  limit: number,
  stored: readonly StoredBriefingStory[] = [],
): Promise<BriefingLineupEntry<BriefingStoryRow>[]> {
  const storedIds = stored.filter((s) => s.source !== 'pick').map((s) => s.id);
  // Most read "of the last day": the day before the briefing's and the briefing's own so far.
  const [picks, mostRead, latest, eligible] = await Promise.all([
    listBriefingPicks(executor, language, limit),
    listBriefingMostRead(executor, language, [shiftLocalDate(localDate, -1), localDate], limit),
    listBriefingLatest(executor, language, limit),
    listBriefingStoriesByIds(executor, language, storedIds),
  ]);
  const byId = new Map(eligible.map((story) => [story.id, story]));
  const kept = stored.flatMap((entry) => {
    const story = byId.get(entry.id);
    return story ? [{ story, source: entry.source }] : [];
  });
  return chooseBriefingLineupWithSources({ picks, mostRead, latest, kept }, limit);
}

/** The stories of a language's first briefing for a local date, in reading order. */
export async function selectBriefingStories(
  executor: BriefingDeps['database']['db'],
  language: string,
  localDate: string,
  limit: number,
): Promise<BriefingStoryRow[]> {
  const lineup = await selectBriefingLineup(executor, language, localDate, limit);
  return lineup.map((entry) => entry.story);
}

/**
 * Makes (or remakes) the briefing of `language` for `localDate`. Nothing is synthesized when
 * the line-up, its words and the voice are those of the stored briefing. A remake keeps the
 * stored briefing's most-read and latest stories (selectBriefingLineup): what changes is what
 * the editors changed.
 */
export async function buildBriefing(
  deps: BriefingDeps,
  language: string,
  localDate: string,
  options: { signal?: AbortSignal; now?: Date } = {},
): Promise<BriefingResult> {
  const { db } = deps.database;
  const [settings, site] = await Promise.all([readBriefingSettings(db), readSiteSettings(db)]);
  const none = { language, localDate, articleIds: [], synthesized: 0 };
  if (!settings.enabled) return { status: 'skipped', ...none };
  const previous = await findBriefing(db, language, localDate);
  const lineup = await selectBriefingLineup(
    db,
    language,
    localDate,
    settings.stories,
    previous ? readStoredBriefingLineup(previous) : [],
  );
  const stories = lineup.map((entry) => entry.story);
  const { engine, voice } = await chooseArticleVoice(deps, { id: 0, language });
  const engineVersion = `${engine.id}@${await engine.version()}`;
  const encoder = deps.encoder ?? (await selectEncoder());
  const base = baseLanguage(language);
  const units = briefingUnits(stories, {
    language,
    localDate,
    siteName: site.name,
    intro: settings.intro[base],
    outro: settings.outro[base],
    lexicon: await lexiconFor(db, language, engine.id),
  });
  if (units.length === 0) return { status: 'skipped', ...none };
  const articleIds = units.filter((u) => u.index > 0).map((u) => u.index);
  // Units keep the line-up's order; a story with nothing to say has no unit and no source.
  const storySources = JSON.stringify(
    lineup.filter((entry) => articleIds.includes(entry.story.id)).map((entry) => entry.source),
  );
  const sourceHash = createHash('sha256')
    .update(JSON.stringify([units.map((u) => u.spoken), voice, engineVersion, encoder.variant]))
    .digest('hex');
  if (previous?.source_hash === sourceHash) {
    // The same audio, but a story may have changed source (a most-read story picked).
    if (previous.story_sources !== storySources)
      await updateBriefingSources(db, language, localDate, storySources);
    return {
      status: 'unchanged',
      language,
      localDate,
      file: previous.file,
      durationMs: previous.duration_ms,
      articleIds,
      synthesized: 0,
    };
  }

  const audio = await synthesizeUnits(
    deps.storage,
    { engine, engineVersion, voice, encoder },
    units.map((unit) => ({
      index: unit.index,
      spoken: unit.spoken,
      pauseMs: unit.index === introIndex ? narrationPauses.headlineMs : narrationPauses.headingMs,
      sentencePauseMs: narrationPauses.sentenceMs,
    })),
    options.signal ? { signal: options.signal } : {},
  );
  const file = contentHashedFile(audio.mp3);
  // Stored before the row that names it: a failed upload leaves no briefing without its file.
  if (!(await deps.storage.stat(audioKey(file)))) await deps.storage.put(audioKey(file), audio.mp3);
  const stamp = nowIso(options.now ?? new Date());
  const titles = stories.filter((s) => articleIds.includes(s.id)).map((s) => s.title);
  await saveBriefing(db, {
    language,
    local_date: localDate,
    uuid: previous?.uuid ?? randomUUID(),
    file,
    bytes: audio.mp3.length,
    duration_ms: audio.durationMs,
    article_ids: JSON.stringify(articleIds),
    story_sources: storySources,
    titles: JSON.stringify(titles),
    paragraphs: JSON.stringify(audio.paragraphs),
    spoken_text: units.map((u) => u.spoken).join('\n'),
    source_hash: sourceHash,
    engine: engineVersion,
    voice,
    created_at: previous?.created_at ?? stamp,
    updated_at: stamp,
  });
  // The superseded file stays for garbage collection's grace period (cached pages link it).
  if (previous && previous.file !== file)
    await deps.storage.touch(audioKey(previous.file), new Date());
  await deps.purger.purge(briefingPurgeKeys);
  return {
    status: 'ready',
    language,
    localDate,
    file,
    durationMs: audio.durationMs,
    articleIds,
    synthesized: audio.synthesized,
  };
}
