import type { CommentSettings } from './comment-settings.js';
import type { HoldReason } from './comments.table.js';

// Why a new or edited comment waits for staff, if it does: a reader nobody has approved yet
// (first-comment moderation), a held keyword, or more links than the site allows.

/** The hold for a comment, or null when it may be shown at once. */
export function holdReasonFor(
  settings: Pick<CommentSettings, 'firstCommentModeration' | 'heldKeywords' | 'maxLinks'>,
  comment: { text: string; links: number; readerTrusted: boolean },
): HoldReason | null {
  if (settings.firstCommentModeration && !comment.readerTrusted) return 'first-comment';
  const text = comment.text.toLocaleLowerCase();
  if (settings.heldKeywords.some((word) => containsWord(text, word.toLocaleLowerCase())))
    return 'keyword';
  if (comment.links > settings.maxLinks) return 'link';
  return null;
}

/** True when `phrase` occurs in `text` not inside a longer word ("ass" is not in "class"). */
function containsWord(text: string, phrase: string): boolean {
  let from = 0;
  for (;;) {
    const at = text.indexOf(phrase, from);
    if (at < 0) return false;
    const before = at === 0 ? '' : text[at - 1];
    const after = text[at + phrase.length] ?? '';
    if (!isLetter(before ?? '') && !isLetter(after)) return true;
    from = at + 1;
  }
}

function isLetter(char: string): boolean {
  return char !== '' && /[\p{L}\p{N}]/u.test(char);
}
