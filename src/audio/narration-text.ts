import type { DocumentJson } from '../content/document/document-schema.js';
import { documentBlocks, type TextBlockKind } from '../content/document/document-to-text.js';
import { normalizeForSpeech } from './normalize/normalize.js';
import type { LexiconEntry } from './lexicon.js';
import { applyLexicon } from './lexicon.js';

/** One unit of narration: the headline (index −1) or a body paragraph (its index on the page). */
export interface NarrationUnit {
  index: number;
  /** What the block is: its pauses and cues depend on it (narrationPauseAfter). */
  kind: 'headline' | TextBlockKind;
  source: string;
  spoken: string;
}

/**
 * Spoken cues around a quote (a pull quote, or the paragraphs of a blockquote read as one run),
 * so a listener hears where someone else's words begin and end. Languages without cue words
 * get the pauses only.
 */
const quoteCues: Record<string, { open: string; close: string }> = {
  en: { open: 'quote:', close: 'end of quote.' },
  uk: { open: 'цитата:', close: 'кінець цитати.' },
};

function withQuoteCues(units: NarrationUnit[], language: string): NarrationUnit[] {
  const cues = quoteCues[language.split('-')[0]?.toLowerCase() ?? ''];
  if (!cues) return units;
  return units.map((unit, i) => {
    if (unit.kind !== 'quote') return unit;
    const opens = units[i - 1]?.kind !== 'quote';
    const closes = units[i + 1]?.kind !== 'quote';
    const spoken = [opens ? cues.open : '', unit.spoken, closes ? cues.close : '']
      .filter(Boolean)
      .join(' ');
    return { ...unit, spoken };
  });
}

/**
 * The text to narrate: the headline, then the body's text blocks in reading order (captions,
 * embeds, related cards and code are left out by `documentBlocks`). Each block's index is
 * the same one the article page puts on it (`data-narration-p`), so the player can highlight
 * it. Blocks that normalize to nothing are dropped; quotes get their spoken cues.
 */
export function narrationUnits(
  title: string,
  doc: DocumentJson,
  language: string,
  lexicon: LexiconEntry[],
): NarrationUnit[] {
  const sources: { index: number; kind: NarrationUnit['kind']; source: string }[] = [
    { index: -1, kind: 'headline', source: title },
    ...documentBlocks(doc).map((block, index) => ({ index, kind: block.kind, source: block.text })),
  ];
  const units = sources
    .map(({ index, kind, source }) => ({
      index,
      kind,
      source,
      spoken: applyLexicon(normalizeForSpeech(source, { language }), lexicon, language).trim(),
    }))
    .filter((unit) => /[\p{L}\p{N}]/u.test(unit.spoken));
  return withQuoteCues(units, language);
}
