import { isGated } from '../content/access/access-level.js';
import { articleAccessRule } from '../content/access/article-access.js';
import { openDocJson } from '../content/access/preview-cut.js';
import type { AppConfig } from '../config.js';
import type { DocumentJson } from '../content/document/document-schema.js';
import type { CachePurger } from '../platform/cache/cache-purger.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import type { BlobStore } from '../platform/storage/blob-store.js';
import { audioKey, fullAudioKey } from './audio-files.js';
import { type Mp3Encoder, selectEncoder } from './encode/encoder.js';
import { engineSpeaksLanguage, selectEngine } from './engines/select-engine.js';
import type { SpeechEngine } from './engines/speech-engine.js';
import { lexiconFor } from './lexicon.repository.js';
import { type NarrationUnit, narrationUnits } from './narration-text.js';
import {
  findArticleForNarration,
  findArticleTagsForNarration,
  findNarration,
  saveReadyNarration,
  setNarrationStatus,
} from './narration.repository.js';
import { contentHashedFile, type NarrationCpu, synthesizeUnits } from './paragraph-synthesis.js';
import { narrationPauseAfter, narrationPauses } from './sentence-pauses.js';
import { listNarrationVoices } from './narration-voices.repository.js';
import { chooseVoice, readVoiceSettings } from './voice-settings.js';

export interface NarrationDeps {
  database: DatabaseHandle;
  config: Pick<AppConfig, 'dataDir' | 'ttsEngine' | 'ttsModelDir'>;
  purger: CachePurger;
  /** Where the MP3s and the paragraph cache are kept. */
  storage: BlobStore;
  /** The MP3 encoder; by default ffmpeg when installed, else lamejs (benchmarks pick one). */
  encoder?: Mp3Encoder;
}

export type { NarrationCpu } from './paragraph-synthesis.js';

export interface NarrationResult {
  status: 'ready' | 'skipped';
  file?: string;
  bytes?: number;
  durationMs?: number;
  paragraphs: number;
  /** Paragraphs synthesized now (cache misses); the rest came from the paragraph cache. */
  synthesized: number;
  /** A gated article's whole-body narration (served behind the entitlement check). */
  fullFile?: string;
  /** How many units the whole-body narration speaks. */
  fullParagraphs?: number;
  engine?: string;
  voice?: string;
  /** Which voice rule chose the voice: `tag:<slug>`, `language:<code>` or `default`. */
  voiceRule?: string;
  encoder?: string;
  cpuMs?: NarrationCpu;
}

// A pause after each sentence, a longer one after each paragraph and around headings, a shorter
// one between list items, so the audio breathes like a reader (narrationPauseAfter).

/**
 * Narrates an article: text → normalization → lexicon → per-paragraph synthesis and MP3
 * (each cached by a hash of its spoken text, voice, engine and encoder, so an edit re-does only
 * the paragraphs that changed; paragraphs run in parallel up to the engines' concurrency) →
 * the paragraphs' frames joined into one content-hashed MP3 → the narration row (file,
 * duration, paragraph timings and cache keys) → the article's pages purged.
 * Articles that are not published are skipped.
 */
export async function narrateArticle(
  deps: NarrationDeps,
  articleId: number,
  options: { signal?: AbortSignal } = {},
): Promise<NarrationResult> {
  const { db } = deps.database;
  const article = await findArticleForNarration(db, articleId);
  if (!article || article.status !== 'published')
    return { status: 'skipped', paragraphs: 0, synthesized: 0 };
  await setNarrationStatus(db, articleId, 'processing');
  try {
    const { engine, voice, rule } = await chooseArticleVoice(deps, article);
    const engineVersion = `${engine.id}@${await engine.version()}`;
    const encoder = deps.encoder ?? (await selectEncoder());
    const lexicon = await lexiconFor(db, article.language, engine.id);
    const voiceSetup = { engine, engineVersion, voice, encoder };
    const speak = (doc: string) =>
      narrationUnits(article.title, JSON.parse(doc) as DocumentJson, article.language, lexicon);
    // The public file (podcast feed, player of the preview) speaks what anyone may read: a
    // gated article's headline and preview (ADR 0026), so it never gives away what the page
    // withholds. A gated article's whole body is a second file under audio/full/, which only
    // the entitlement-checked route serves; its preview paragraphs come from the paragraph
    // cache the first file just filled.
    const units = speak(openDocJson(article));
    const joined = await synthesizeAndStore(deps.storage, voiceSetup, units, audioKey, options);
    const gated = isGated(articleAccessRule(article));
    const full = gated
      ? await synthesizeAndStore(
          deps.storage,
          voiceSetup,
          speak(article.doc),
          fullAudioKey,
          options,
        )
      : undefined;
    const previous = await findNarration(db, articleId);
    await saveReadyNarration(db, articleId, {
      file: joined.file,
      bytes: joined.mp3.length,
      durationMs: joined.durationMs,
      paragraphs: joined.paragraphs,
      engine: engineVersion,
      voice,
      articleVersion: article.version,
      full: full
        ? {
            file: full.file,
            bytes: full.mp3.length,
            durationMs: full.durationMs,
            paragraphs: full.paragraphs,
          }
        : null,
    });
    // A superseded file was in use until now: it stays for garbage collection's grace
    // period, for pages and players that still link it.
    if (previous?.file && previous.file !== joined.file)
      await deps.storage.touch(audioKey(previous.file), new Date());
    if (previous?.full_file && previous.full_file !== full?.file)
      await deps.storage.touch(fullAudioKey(previous.full_file), new Date());
    await deps.purger.purge([`article:${articleId}`, 'podcast']);
    return {
      status: 'ready',
      file: joined.file,
      bytes: joined.mp3.length,
      durationMs: joined.durationMs,
      paragraphs: units.length,
      synthesized: joined.synthesized + (full?.synthesized ?? 0),
      ...(full ? { fullFile: full.file, fullParagraphs: full.paragraphs.length } : {}),
      engine: engineVersion,
      voice,
      voiceRule: rule,
      encoder: encoder.variant,
      cpuMs: full ? addCpu(joined.cpuMs, full.cpuMs) : joined.cpuMs,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await setNarrationStatus(db, articleId, 'failed', message.slice(0, 1000));
    throw error;
  }
}

/**
 * Synthesizes units (through the paragraph cache) into one content-hashed MP3 and stores it
 * under `keyOf(file)`, before any row names it: a failed upload leaves no narration pointing
 * at a missing file.
 */
async function synthesizeAndStore(
  storage: BlobStore,
  voice: Parameters<typeof synthesizeUnits>[1],
  units: NarrationUnit[],
  keyOf: (file: string) => string,
  options: { signal?: AbortSignal },
) {
  const joined = await synthesizeUnits(
    storage,
    voice,
    units.map((unit, i) => ({
      index: unit.index,
      spoken: unit.spoken,
      pauseMs: narrationPauseAfter(unit, units[i + 1]),
      sentencePauseMs: narrationPauses.sentenceMs,
      chime: unit.kind === 'heading',
    })),
    options,
  );
  const file = contentHashedFile(joined.mp3);
  if (!(await storage.stat(keyOf(file)))) await storage.put(keyOf(file), joined.mp3);
  return { ...joined, file };
}

function addCpu(a: NarrationCpu, b: NarrationCpu): NarrationCpu {
  return {
    synthesis:
      a.synthesis === undefined || b.synthesis === undefined
        ? undefined
        : a.synthesis + b.synthesis,
    loudness: a.loudness + b.loudness,
    encoding: a.encoding + b.encoding,
  };
}

/** The engine and voice for an article: its tags' voice rule, its language's, or the default. */
export async function chooseArticleVoice(
  deps: NarrationDeps,
  article: { id: number; language: string },
): Promise<{ engine: SpeechEngine; voice: string; rule: string }> {
  const { db } = deps.database;
  const [settings, tags, registered] = await Promise.all([
    readVoiceSettings(db),
    findArticleTagsForNarration(db, article.id),
    listNarrationVoices(db),
  ]);
  const choice = chooseVoice(settings, { language: article.language, tags }, engineSpeaksLanguage);
  let engine: SpeechEngine;
  try {
    engine = await selectEngine(
      choice.engine === '' ? deps.config : { ...deps.config, ttsEngine: choice.engine },
      article.language,
      { voice: choice.voice, registered },
    );
  } catch (error) {
    if (choice.rule === 'default') throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`The voice rule for ${choice.rule} cannot be used: ${message}`);
  }
  return {
    engine,
    voice: choice.voice || engine.defaultVoice(article.language),
    rule: choice.rule,
  };
}
