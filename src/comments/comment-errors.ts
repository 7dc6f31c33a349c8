import { AppError } from '../platform/errors.js';
import type { MessageKey } from '../site/i18n/messages.en.js';

// A refusal a reader can act on: the HTTP status, an English message for the JSON and admin
// answers, and the catalog key the comments page shows in the reader's language.

export class CommentError extends AppError {
  constructor(
    status: number,
    readonly messageKey: MessageKey,
    message: string,
  ) {
    super(status, messageKey.replace(/^comments\.error\./, ''), message);
  }
}

export const commentErrors = {
  notFound: () =>
    new CommentError(404, 'comments.error.notFound', 'That comment or article was not found.'),
  closed: () =>
    new CommentError(403, 'comments.error.closed', 'Comments are closed on this article.'),
  signInNeeded: () => new CommentError(401, 'comments.error.signIn', 'Please sign in to comment.'),
  payingOnly: () =>
    new CommentError(
      403,
      'comments.error.payingOnly',
      'Only paying members can comment on this article.',
    ),
  banned: () =>
    new CommentError(
      403,
      'comments.error.banned',
      'Your account can no longer post comments on this site.',
    ),
  empty: () =>
    new CommentError(422, 'comments.error.empty', 'Please write something before posting.'),
  tooLong: () =>
    new CommentError(
      422,
      'comments.error.tooLong',
      'Your comment is too long (5,000 characters at most).',
    ),
  nameNeeded: () =>
    new CommentError(
      422,
      'comments.error.name',
      'Please enter the name to show with your comments (1 to 60 characters).',
    ),
  replyDepth: () =>
    new CommentError(
      422,
      'comments.error.replyDepth',
      'You can only reply to a top-level comment that is shown on the page.',
    ),
  notYours: () =>
    new CommentError(403, 'comments.error.notYours', 'You can only change your own comments.'),
  editWindow: () =>
    new CommentError(
      409,
      'comments.error.editWindow',
      'Comments can only be edited in the first 15 minutes after posting.',
    ),
  gone: () => new CommentError(409, 'comments.error.gone', 'This comment has been removed.'),
  ownReport: () =>
    new CommentError(422, 'comments.error.ownReport', 'You cannot report your own comment.'),
  tooMany: () =>
    new CommentError(
      429,
      'comments.error.tooMany',
      'You are posting too quickly. Please wait a few minutes and try again.',
    ),
};
