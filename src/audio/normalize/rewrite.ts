/** What a rule sees around one match: the text before it and the text after it. */
export interface MatchContext {
  before: string;
  after: string;
}

/**
 * Replaces every match of `pattern` (which must be global) with what `speak` returns for it;
 * `undefined` keeps the match as written, so a rule can decline by context.
 */
export function rewrite(
  text: string,
  pattern: RegExp,
  speak: (match: RegExpExecArray, context: MatchContext) => string | undefined,
): string {
  if (!pattern.global) throw new Error(`rewrite needs a global pattern: ${String(pattern)}`);
  let out = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const spoken = speak(match as RegExpExecArray, {
      before: text.slice(0, start),
      after: text.slice(end),
    });
    if (spoken === undefined) continue;
    out += text.slice(last, start) + spoken;
    last = end;
  }
  return out + text.slice(last);
}
