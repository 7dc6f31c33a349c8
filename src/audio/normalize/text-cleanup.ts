// Language-independent clean-up shared by every rule set: the first step (one kind of space,
// one kind of quote) and the last (the canonical spoken form described in normalize.ts).

/** Collapses every run of whitespace (including no-break and zero-width spaces) to one space. */
export function cleanWhitespace(text: string): string {
  return text
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Typographic variants to their plain forms, so rules match one spelling of each mark. */
export function unifyPunctuation(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02BC\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u00AB\u00BB\u2033]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/\u2212/g, '-');
}

/**
 * The canonical spoken form: lowercase words separated by single spaces; only the marks an
 * engine uses for pauses and intonation survive (, . ; : ? ! and the apostrophe and hyphen
 * inside words). Brackets and dashes become commas (a pause), quotes and other symbols go.
 */
export function finishSpokenText(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/\s[\u2013\u2014]\s|\u2014|\s-{1,2}\s/g, ', ')
      .replace(/[()[\]{}]/g, ', ')
      .replace(/\.{2,}/g, ',')
      .replace(/[^\p{L}\p{M}\p{N}\s,.;:?!'-]/gu, ' ')
      // Rules pad their words with spaces; a hyphen that was attached to a neighbouring
      // word ("10-year-old", "mid-1990s") joins the words again.
      .replace(/(\p{L}) +-(?=\p{L})|(\p{L})- +(?=\p{L})/gu, '$1$2-')
      .replace(/(^|\s)['-]+|['-]+(?=\s|$|[,.;:?!])/g, '$1')
      .replace(/\s+([,.;:?!])/g, '$1')
      .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
      .replace(/[,;:]+\s*([.?!])/g, '$1')
      .replace(/([.?!])[,;:]+/g, '$1')
      .replace(/^[\s,.;:]+/, '')
      .replace(/[\s,;:]+$/, '')
      .replace(/([,.;:?!])(?=[^\s,.;:?!])/g, '$1 ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
