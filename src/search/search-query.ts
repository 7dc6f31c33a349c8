// The reader's query, parsed by us: only word tokens ever reach FTS5 or tsquery syntax, each
// quoted or passed as a bound parameter, so operators, quotes and junk in the input are text.

/** One thing the reader asked for: a word, or a phrase in quotes; excluded with a leading "-". */
export interface SearchTerm {
  tokens: string[];
  phrase: boolean;
  exclude: boolean;
}

export interface ParsedQuery {
  terms: SearchTerm[];
  /** The last term is a word still being typed: match it as a prefix too. */
  prefixLast: boolean;
}

/** Longest input considered; the rest is ignored (a query is a few words, not an essay). */
export const maxQueryLength = 500;
const maxTerms = 12;
const maxTokenLength = 64;
const minPrefixLength = 3;
// Letters, combining marks and digits in any script; "-" and apostrophes split words, as
// both engines' tokenizers do.
const tokenPattern = /[\p{L}\p{M}\p{N}]+/gu;

function tokenize(text: string): string[] {
  return (text.normalize('NFC').match(tokenPattern) ?? []).map((t) => t.slice(0, maxTokenLength));
}

/** Splits raw input into words and "quoted phrases"; never throws. */
export function parseSearchQuery(raw: string): ParsedQuery {
  const input = raw.slice(0, maxQueryLength);
  const terms: SearchTerm[] = [];
  let i = 0;
  let lastWasOpenWord = false;
  while (i < input.length && terms.length < maxTerms) {
    const ch = input[i] ?? '';
    if (/\s/u.test(ch)) {
      i += 1;
      lastWasOpenWord = false;
      continue;
    }
    let exclude = false;
    let start = i;
    if (ch === '-' && i + 1 < input.length && !/\s/u.test(input[i + 1] ?? ' ')) {
      exclude = true;
      start = i + 1;
    }
    if (input[start] === '"') {
      // An unbalanced quote runs to the end of the input.
      const close = input.indexOf('"', start + 1);
      const end = close === -1 ? input.length : close;
      const tokens = tokenize(input.slice(start + 1, end));
      if (tokens.length > 0) terms.push({ tokens, phrase: tokens.length > 1, exclude });
      i = close === -1 ? input.length : close + 1;
      lastWasOpenWord = false;
      continue;
    }
    let end = start;
    while (end < input.length && !/\s/u.test(input[end] ?? ' ') && input[end] !== '"') end += 1;
    // "state-of-the-art" or "v2.1" become several words; each is its own term.
    const tokens = tokenize(input.slice(start, end));
    for (const token of tokens) {
      if (terms.length < maxTerms) terms.push({ tokens: [token], phrase: false, exclude });
    }
    lastWasOpenWord = tokens.length > 0 && end === input.length && /[\p{L}\p{N}]$/u.test(input);
    i = Math.max(end, start + 1);
  }
  const last = terms[terms.length - 1];
  const prefixLast =
    lastWasOpenWord &&
    last !== undefined &&
    !last.phrase &&
    !last.exclude &&
    raw.length <= maxQueryLength &&
    (last.tokens[0]?.length ?? 0) >= minPrefixLength;
  return { terms, prefixLast };
}

/** True when there is something to look for (at least one term that is not excluded). */
export function hasPositiveTerms(query: ParsedQuery): boolean {
  return query.terms.some((t) => !t.exclude);
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

/**
 * The FTS5 MATCH expression: every token in double quotes (FTS5's string syntax), words and
 * phrases ANDed, exclusions with NOT, the last word also as a prefix. Undefined when nothing
 * is left to match.
 */
export function toFts5Match(query: ParsedQuery): string | undefined {
  if (!hasPositiveTerms(query)) return undefined;
  const positives: string[] = [];
  const negatives: string[] = [];
  query.terms.forEach((term, index) => {
    const phrase = quote(term.tokens.join(' '));
    const isPrefix = query.prefixLast && index === query.terms.length - 1;
    const expression = isPrefix ? `(${phrase} OR ${phrase}*)` : phrase;
    (term.exclude ? negatives : positives).push(expression);
  });
  return [`(${positives.join(' AND ')})`, ...negatives].join(' NOT ');
}
