// Sentence splitting driven by per-language word lists.
//
// A candidate end is `.`, `?`, `!` or an ellipsis, then any closing quotes or brackets, then
// whitespace. It is a real end when the next word starts with something other than a
// lowercase letter, except after an abbreviation ("U.S.", "Oct.", "Dr."), a single initial
// ("J.") or an ellipsis: there the sentence ends only when the text ends or the next word is
// one of the language's `sentenceStarters` — words such as "The" or "But" that open a
// sentence but never continue a name or a date ("U.S. President" stays one sentence,
// "…in the U.S. The next day…" is two). That list is closed on purpose: a missed break
// costs a shorter pause, a false break can cut a name in half.

export interface SentenceRules {
  /** Words written with a final period that does not end a sentence, without the period. */
  abbreviations: ReadonlySet<string>;
  /** Capitalised words that start a sentence and never follow an abbreviation inside one. */
  sentenceStarters: ReadonlySet<string>;
}

const CLOSERS = `"'\u201D\u2019\u00BB)\\]`;
const OPENERS = `"'\u201C\u2018\u00AB([`;
const CANDIDATE = new RegExp(`(\\.{3}|\u2026|[.?!]+)([${CLOSERS}]*)(\\s+)`, 'gu');
const NEXT_WORD = new RegExp(`^\\s*[${OPENERS}]*([\\p{L}'\u2019]+)`, 'u');
const NEXT_CHAR = new RegExp(`^\\s*[${OPENERS}]*(.)`, 'u');
const LEADING_OPENERS = new RegExp(`^[${OPENERS}]+`, 'u');

/** True when a period after `word` is part of the word rather than a sentence end. */
export function isAbbreviationWord(word: string, rules: SentenceRules): boolean {
  const bare = word.replace(LEADING_OPENERS, '');
  if (rules.abbreviations.has(bare)) return true;
  if (/^\p{Lu}$/u.test(bare)) return true; // an initial: "J." in "J. K. Rowling"
  return /^(\p{L}\.)+\p{L}$/u.test(bare); // dotted short forms: "U.S", "a.m", "e.g"
}

/** True when the text after an abbreviation opens a new sentence (see the module comment). */
export function startsNewSentence(rest: string, rules: SentenceRules): boolean {
  const next = NEXT_WORD.exec(rest);
  if (rest.trim() === '') return true;
  return next !== null && rules.sentenceStarters.has(next[1] ?? '');
}

/** Splits `text` into trimmed, non-empty sentences according to `rules`. */
export function splitWithRules(text: string, rules: SentenceRules): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const end = (match.index ?? 0) + (match[1]?.length ?? 0) + (match[2]?.length ?? 0);
    const rest = text.slice(end);
    const nextChar = NEXT_CHAR.exec(rest)?.[1] ?? '';
    if (nextChar === '' || /\p{Ll}/u.test(nextChar)) continue;
    const mark = match[1] ?? '';
    if (mark === '.' || mark === '...' || mark === '\u2026') {
      const before = text.slice(start, match.index);
      const word = /(\S*)$/.exec(before)?.[1] ?? '';
      const guarded = mark !== '.' || isAbbreviationWord(word, rules);
      if (guarded && !startsNewSentence(rest, rules)) continue;
    }
    const sentence = text.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
  }
  const last = text.slice(start).trim();
  if (last) sentences.push(last);
  return sentences;
}
