// Narration files live in the blob store: `audio/<hash>.mp3` (served at /audio/),
// `audio/full/<hash>.mp3` (a gated article's whole-body narration, served only after an
// entitlement check at /audio/full/<article id>/<hash>.mp3, never by the public route) and
// `audio/cache/<key>.mp3` (one MP3 per synthesized paragraph, reused by re-narrations).

/** The blob key of a narration file. */
export function audioKey(file: string): string {
  return `audio/${file}`;
}

/** The blob key of a gated article's whole-body narration. */
export function fullAudioKey(file: string): string {
  return `audio/full/${file}`;
}

/** Where the full variant of a gated article's page plays its whole-body narration from. */
export function fullAudioPath(articleId: number, file: string): string {
  return `/audio/full/${articleId}/${file}`;
}

/** The blob key of a paragraph cache entry. */
export function paragraphCacheKey(key: string): string {
  return `audio/cache/${key}.mp3`;
}
