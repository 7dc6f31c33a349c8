// Events of the comments domain (ADR 0015): announced in the transaction that made the change;
// the comments' own subscriber (comment-subscriptions.ts) queues the reply email.

declare module '../platform/events/domain-events.js' {
  interface DomainEventMap {
    /** A comment became visible to readers (posted unheld, or approved by staff). */
    'comment.published': { commentId: number; articleId: number; parentId: number | null };
  }
}

export {};
