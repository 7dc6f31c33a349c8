// Rules look at a few words either side, never further; a bounded window keeps a long
// paragraph linear (a context test anchored at the end of `before` still scans all of it).
const CONTEXT_CHARS = 160;

/** What a rule sees around one match: up to 160 characters before it and after it. */
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
      before: text.slice(Math.max(0, start - CONTEXT_CHARS), start),
      after: text.slice(end, end + CONTEXT_CHARS),
    });
    if (spoken === undefined) continue;
    out += text.slice(last, start) + spoken;
    last = end;
  }
  return out + text.slice(last);
}
