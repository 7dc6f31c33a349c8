// Word error rate: the word-level edit distance (substitutions + deletions + insertions)
// between what should have been heard and what the recognizer heard, divided by the number of
// words that should have been heard. Both sides are lowercased and stripped of punctuation
// first, so "Tuesday," and "tuesday" are the same word; hyphens split words ("twenty-seven"
// is two words, as the recognizer's dictionary writes it).

/** The words of a text as compared: lowercase letters, digits and inner apostrophes. */
export function comparableWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .replace(/(^|\s)'+|'+(?=\s|$)/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/** The edit distance between two word lists (one row of the table at a time). */
export function wordEditDistance(reference: string[], hypothesis: string[]): number {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j += 1) {
      const same = reference[i - 1] === hypothesis[j - 1];
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (same ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[hypothesis.length] ?? 0;
}

/** WER of `hypothesis` against `reference` (0 = every word right; can exceed 1). */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = comparableWords(reference);
  const hyp = comparableWords(hypothesis);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return wordEditDistance(ref, hyp) / ref.length;
}
