import type { Selectable } from 'kysely';

// The daily audio briefing (migration 2026120709-audio-briefings): one per language and
// newsroom-local date; the MP3 is `audio/<file>` in the blob store, like narrations'.

export interface AudioBriefingTable {
  language: string;
  /** YYYY-MM-DD in the newsroom's time zone. */
  local_date: string;
  /** The podcast item's GUID: stays when the briefing is regenerated. */
  uuid: string;
  /** The content-hashed MP3 name under `audio/`. */
  file: string;
  bytes: number;
  duration_ms: number;
  /** JSON array of the article ids read, in order. */
  article_ids: string;
  /**
   * JSON array of where each of `article_ids` came from, in the same order: `pick`,
   * `most-read` or `latest` (migration 2026120812-briefing-story-sources); NULL on briefings
   * made before it was recorded.
   */
  story_sources: string | null;
  /** JSON array of their headlines (the podcast item's description). */
  titles: string;
  /** JSON array of NarrationParagraph: the intro (−1), each story (its article id), the outro (−2). */
  paragraphs: string;
  /** What the audio says (after normalization), one unit per line. */
  spoken_text: string;
  source_hash: string;
  engine: string;
  voice: string;
  created_at: string;
  updated_at: string;
}

export type AudioBriefingRow = Selectable<AudioBriefingTable>;

declare module '../platform/db/database-schema.js' {
  interface Database {
    audio_briefings: AudioBriefingTable;
  }
}
