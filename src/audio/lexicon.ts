import { normalizeForSpeech } from './normalize/normalize.js';

/** A newsroom pronunciation: `term` is said as `replacement` (a respelling or engine phonemes). */
export interface LexiconEntry {
  term: string;
  replacement: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces lexicon terms in normalized text. A term is matched as a whole word, ignoring case,
 * both as written ("Zelenskyy") and in its normalized spoken form (what the normalizer made of
 * "NATO" or "Kyiv-2"), so an entry works whatever normalization does to it. Longer terms win.
 */
export function applyLexicon(text: string, entries: LexiconEntry[], language: string): string {
  if (entries.length === 0) return text;
  const forms = new Map<string, string>();
  for (const entry of entries) {
    for (const form of [entry.term, normalizeForSpeech(entry.term, { language })]) {
      const key = form.trim().toLowerCase();
      if (key && !forms.has(key)) forms.set(key, entry.replacement);
    }
  }
  const keys = [...forms.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${keys.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );
  return text.replace(pattern, (match) => forms.get(match.toLowerCase()) ?? match);
}
