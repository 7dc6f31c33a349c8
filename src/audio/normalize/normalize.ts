import { englishRules } from './en/english.js';
import type { LanguageRules, NormalizeOptions } from './language-rules.js';
import { splitWithRules } from './sentence-splitter.js';
import { cleanWhitespace } from './text-cleanup.js';
import { ukrainianRules } from './uk/ukrainian.js';

// Text normalization for narration: news text → the words a speech engine should say.
//
// Canonical output (every language): lowercase; words separated by single spaces; no digits
// and no symbols — numbers, currencies, dates, units and URLs are spelled out; the only
// marks kept are those engines use for pauses and intonation: , . ; : ? ! plus the
// apostrophe and hyphen inside words ("p o w's", "thirty-four").
//
// Use: split a paragraph with `splitSentences` first (it needs the original capitals and
// periods), then `normalizeForSpeech` each sentence — or the whole paragraph: sentence-final
// periods survive normalization.
//
// Languages: one `LanguageRules` per primary BCP 47 subtag. English is complete; Ukrainian
// (`uk/`) is a first cut with its own number speller (gender and case agreement, which the
// npm spellers get wrong: "два гривень") and its own sentence-splitter word lists. Every
// other language passes through with only whitespace cleaned up.

export type { NormalizeOptions } from './language-rules.js';

const RULES: Readonly<Record<string, LanguageRules>> = {
  en: englishRules,
  uk: ukrainianRules,
};

/** Text unchanged but for whitespace; sentences split only before a capital after . ? ! */
const passThroughRules: LanguageRules = {
  normalize: (text) => cleanWhitespace(text),
  splitSentences: (text) =>
    splitWithRules(cleanWhitespace(text), {
      abbreviations: new Set(),
      sentenceStarters: new Set(),
    }),
};

/** The rule set for a BCP 47 tag ("en", "en-GB", "uk-UA"), or the pass-through one. */
export function rulesForLanguage(language = 'en'): LanguageRules {
  const primary = language.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return RULES[primary] ?? passThroughRules;
}

/** Whether a language has real normalization rules (not just whitespace clean-up). */
export function hasNormalizationRules(language: string): boolean {
  return rulesForLanguage(language) !== passThroughRules;
}

/** The spoken form of one paragraph of news text. */
export function normalizeForSpeech(text: string, options?: NormalizeOptions): string {
  return rulesForLanguage(options?.language).normalize(text, options ?? {});
}

/** Splits a paragraph into sentences without breaking on abbreviations such as "U.S." or "Oct.". */
export function splitSentences(text: string, options?: NormalizeOptions): string[] {
  return rulesForLanguage(options?.language).splitSentences(text);
}
