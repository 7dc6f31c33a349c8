import type { DocumentJson } from '../content/document/document-schema.js';
import { documentParagraphs } from '../content/document/document-to-text.js';
import { normalizeForSpeech } from './normalize/normalize.js';
import type { LexiconEntry } from './lexicon.js';
import { applyLexicon } from './lexicon.js';

/** One unit of narration: the headline (index −1) or a body paragraph (its index on the page). */
export interface NarrationUnit {
  index: number;
  source: string;
  spoken: string;
}

/**
 * The text to narrate: the headline, then the body's text blocks in reading order (captions,
 * embeds, related cards and code are left out by `documentParagraphs`). Each block's index is
 * the same one the article page puts on it (`data-narration-p`), so the player can highlight
 * it. Blocks that normalize to nothing are dropped.
 */
export function narrationUnits(
  title: string,
  doc: DocumentJson,
  language: string,
  lexicon: LexiconEntry[],
): NarrationUnit[] {
  const sources = [
    { index: -1, source: title },
    ...documentParagraphs(doc).map((source, index) => ({ index, source })),
  ];
  return sources
    .map(({ index, source }) => ({
      index,
      source,
      spoken: applyLexicon(normalizeForSpeech(source, { language }), lexicon, language).trim(),
    }))
    .filter((unit) => /[\p{L}\p{N}]/u.test(unit.spoken));
}
