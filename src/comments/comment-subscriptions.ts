import type { EventBus } from '../platform/events/domain-events.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import './comment-events.js';
import { replyEmailJob } from './reply-email.job.js';

/**
 * What the comments do when a comment is published, in that change's transaction: a reply
 * queues the email to the author of the comment it answers (a durable job; no mail here).
 */
export function subscribeComments(bus: EventBus): void {
  bus.subscribe(['comment.published'], {
    name: 'comments.reply-email',
    handle: async (executor, event) => {
      if (event.parentId === null) return;
      await enqueueJob(
        executor,
        replyEmailJob,
        { replyId: event.commentId },
        {
          idempotencyKey: `comments.reply-email:${event.commentId}`,
        },
      );
    },
  });
}
