import type { ColumnType, Generated, Selectable } from 'kysely';

export type NarrationStatus = 'queued' | 'processing' | 'ready' | 'failed';

/** Where each narrated paragraph starts in the MP3 (index −1 is the headline). */
export interface NarrationParagraph {
  index: number;
  startMs: number;
  durationMs: number;
  /** The paragraph cache entry the audio came from (garbage collection keeps it). */
  cacheKey?: string;
}

export interface NarrationTable {
  article_id: number;
  status: NarrationStatus;
  error: string;
  /** The content-hashed file name under DATA_DIR/audio/ (the last good one), or null. */
  file: string | null;
  bytes: number;
  duration_ms: number;
  /** JSON array of NarrationParagraph. */
  paragraphs: string;
  engine: string;
  voice: string;
  /** The article version the file was made from. */
  article_version: number;
  /**
   * A gated article's narration of its whole body (`audio/full/<name>` in the blob store, served
   * only through the entitlement check of audio/full-audio.routes.ts); null for a public article,
   * whose `file` is the whole body already. `file` stays the public one: headline and preview.
   */
  full_file: string | null;
  full_bytes: ColumnType<number, number | undefined, number>;
  full_duration_ms: ColumnType<number, number | undefined, number>;
  /** JSON array of NarrationParagraph, for `full_file`. */
  full_paragraphs: ColumnType<string, string | undefined, string>;
  created_at: string;
  updated_at: string;
}
export type NarrationRow = Selectable<NarrationTable>;

export interface AudioLexiconTable {
  id: Generated<number>;
  language: string;
  /** '' for every engine, else an engine id. */
  engine: string;
  term: string;
  replacement: string;
  note: string;
  created_at: string;
  updated_at: string;
}
export type LexiconRow = Selectable<AudioLexiconTable>;

export type ListenEvent = 'play' | '25' | '50' | '75' | '100';

/** Daily counters per article and event; nothing about the listener is stored. */
export interface AudioListenTable {
  day: string;
  article_id: number;
  event: ListenEvent;
  count: number;
}

declare module '../platform/db/database-schema.js' {
  interface Database {
    narrations: NarrationTable;
    audio_lexicon: AudioLexiconTable;
    audio_listens: AudioListenTable;
  }
}
