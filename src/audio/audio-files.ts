// Narration files live in the blob store: `audio/<hash>.mp3` (served at /audio/) and
// `audio/cache/<key>.mp3` (one MP3 per synthesized paragraph, reused by re-narrations).

/** The blob key of a narration file. */
export function audioKey(file: string): string {
  return `audio/${file}`;
}

/** The blob key of a paragraph cache entry. */
export function paragraphCacheKey(key: string): string {
  return `audio/cache/${key}.mp3`;
}
