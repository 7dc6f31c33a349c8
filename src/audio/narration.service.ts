import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../config.js';
import type { DocumentJson } from '../content/document/document-schema.js';
import type { CachePurger } from '../platform/cache/cache-purger.js';
import type { DatabaseHandle } from '../platform/db/database.js';
import { selectEncoder } from './encode/encoder.js';
import { mp3Format } from './encode/encode-mp3.js';
import { readFrames } from './encode/mp3-frames.js';
import { selectEngine } from './engines/select-engine.js';
import { lexiconFor } from './lexicon.repository.js';
import { narrationUnits } from './narration-text.js';
import {
  findArticleForNarration,
  saveReadyNarration,
  setNarrationStatus,
} from './narration.repository.js';
import type { NarrationParagraph } from './narration.table.js';

export interface NarrationDeps {
  database: DatabaseHandle;
  config: Pick<AppConfig, 'dataDir' | 'ttsEngine' | 'ttsModelDir'>;
  purger: CachePurger;
}

export interface NarrationResult {
  status: 'ready' | 'skipped';
  file?: string;
  bytes?: number;
  durationMs?: number;
  paragraphs: number;
  /** Paragraphs synthesized now (cache misses); the rest came from the paragraph cache. */
  synthesized: number;
  engine?: string;
}

// A pause after each paragraph, longer after the headline, so the audio breathes like a reader.
const pauseAfterHeadlineMs = 900;
const pauseAfterParagraphMs = 600;

/** Where narration files live: `DATA_DIR/audio/` (served) and `DATA_DIR/audio/cache/` (paragraphs). */
export function audioDirectory(dataDir: string): string {
  return join(dataDir, 'audio');
}

async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, path);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Narrates an article: text → normalization → lexicon → per-paragraph synthesis and MP3
 * (each cached by a hash of its spoken text, voice, engine and format, so an edit re-does only
 * the paragraphs that changed) → the paragraphs' frames joined into one content-hashed MP3 →
 * the narration row (file, duration, paragraph timings) → the article's pages purged.
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
    const engine = await selectEngine(deps.config, article.language);
    const engineVersion = `${engine.id}@${await engine.version()}`;
    const voice = engine.defaultVoice(article.language);
    const encoder = await selectEncoder();
    const lexicon = await lexiconFor(db, article.language, engine.id);
    const units = narrationUnits(
      article.title,
      JSON.parse(article.doc) as DocumentJson,
      article.language,
      lexicon,
    );
    const audioDir = audioDirectory(deps.config.dataDir);
    const cacheDir = join(audioDir, 'cache');
    await mkdir(cacheDir, { recursive: true });
    let synthesized = 0;
    const parts = await Promise.all(
      units.map(async (unit) => {
        const pauseMs = unit.index === -1 ? pauseAfterHeadlineMs : pauseAfterParagraphMs;
        const key = createHash('sha256')
          .update(
            JSON.stringify([unit.spoken, voice, engineVersion, encoder.id, mp3Format, pauseMs]),
          )
          .digest('hex');
        const path = join(cacheDir, `${key}.mp3`);
        try {
          return await readFile(path);
        } catch {
          // not cached yet
        }
        const pcm = await engine.synthesize(unit.spoken, voice, options);
        const encoded = await encoder.encode(pcm, pauseMs, options);
        synthesized += 1;
        await writeAtomically(path, encoded.mp3);
        return Buffer.from(encoded.mp3);
      }),
    );
    // Joining at frame boundaries: each paragraph's MP3 is a complete stream at the same
    // format, so the frames simply follow each other, and timings are exact frame counts.
    const chunks: Buffer[] = [];
    const paragraphs: NarrationParagraph[] = [];
    let samples = 0;
    parts.forEach((part, i) => {
      const frames = readFrames(part);
      const frameSamples = frames.reduce((sum, f) => sum + f.samples, 0);
      const startMs = Math.round((samples / mp3Format.sampleRate) * 1000);
      samples += frameSamples;
      paragraphs.push({
        index: units[i]?.index ?? 0,
        startMs,
        durationMs: Math.round((samples / mp3Format.sampleRate) * 1000) - startMs,
      });
      for (const frame of frames)
        chunks.push(part.subarray(frame.offset, frame.offset + frame.length));
    });
    const mp3 = Buffer.concat(chunks);
    const file = `${createHash('sha256').update(mp3).digest('hex').slice(0, 32)}.mp3`;
    const filePath = join(audioDir, file);
    if (!(await exists(filePath))) await writeAtomically(filePath, mp3);
    const durationMs = Math.round((samples / mp3Format.sampleRate) * 1000);
    await saveReadyNarration(db, articleId, {
      file,
      bytes: mp3.length,
      durationMs,
      paragraphs,
      engine: engineVersion,
      voice,
      articleVersion: article.version,
    });
    await deps.purger.purge([`article:${articleId}`, 'podcast']);
    return {
      status: 'ready',
      file,
      bytes: mp3.length,
      durationMs,
      paragraphs: units.length,
      synthesized,
      engine: engineVersion,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await setNarrationStatus(db, articleId, 'failed', message.slice(0, 1000));
    throw error;
  }
}
