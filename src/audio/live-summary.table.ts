import type { Selectable } from 'kysely';

// The spoken summary of a live coverage's key events (migration 2026120704-live-summary):
// the newest per coverage; the MP3 is `audio/<file>` in the blob store, like narrations'.

export interface LiveSummaryTable {
  article_id: number;
  /** The content-hashed MP3 name under `audio/`. */
  file: string;
  bytes: number;
  duration_ms: number;
  /** How many key events it speaks (the newest, at most eight). */
  key_events: number;
  /** JSON array of NarrationParagraph: the intro (−1), then each key event's update id. */
  paragraphs: string;
  /** What the audio says (after normalization), one unit per line. */
  spoken_text: string;
  /** A hash of the key events' spoken text and the voice: the same again is not re-made. */
  source_hash: string;
  language: string;
  engine: string;
  voice: string;
  created_at: string;
  updated_at: string;
}

export type LiveSummaryRow = Selectable<LiveSummaryTable>;

declare module '../platform/db/database-schema.js' {
  interface Database {
    live_summaries: LiveSummaryTable;
  }
}
