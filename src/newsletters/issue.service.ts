import { z } from 'zod';
import { parseHtmlToDocument } from '../content/document/html-to-document.js';
import { validateDocument } from '../content/document/document-schema.js';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { conflict, notFound, validationError } from '../platform/errors.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import { countDeliveries } from './delivery.repository.js';
import { findIssue, insertIssue, transitionIssue, updateIssue } from './issue.repository.js';
import { findNewsletterById } from './newsletter.repository.js';
import type { IssueRow } from './newsletter.table.js';
import { sendIssueJob } from './send-issue.job.js';

// Issues: compose (document or digest), then send now or at a time, pause, resume, cancel.
// A send is carried by `lanes` jobs (default 2) that any worker may run.

const headerText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => !/[\r\n]/.test(v), 'cannot contain line breaks');

export const issueInput = z
  .object({
    newsletter_id: z.number().int().positive(),
    subject: headerText(200).pipe(z.string().min(1, 'A subject is required.')),
    preheader: headerText(300).default(''),
    html: z.string().max(2_000_000).optional(),
    doc: z.unknown().optional(),
    article_ids: z.array(z.number().int().positive()).max(50).optional(),
  })
  .strict();
export const issuePatch = issueInput.omit({ newsletter_id: true }).partial().strict();

function contentOf(input: {
  html?: string | undefined;
  doc?: unknown;
  article_ids?: number[] | undefined;
}) {
  if (input.article_ids !== undefined)
    return {
      content_kind: 'digest' as const,
      article_ids: JSON.stringify(input.article_ids),
      doc: '',
    };
  if (input.doc !== undefined) {
    const checked = validateDocument(input.doc);
    if (!checked.ok) throw validationError({ doc: [checked.error] });
    return {
      content_kind: 'document' as const,
      doc: JSON.stringify(checked.doc),
      article_ids: '[]',
    };
  }
  if (input.html !== undefined)
    return {
      content_kind: 'document' as const,
      doc: JSON.stringify(parseHtmlToDocument(input.html)),
      article_ids: '[]',
    };
  return undefined;
}

export async function createIssue(
  executor: Executor,
  input: z.infer<typeof issueInput>,
  now: Date,
): Promise<IssueRow> {
  if (!(await findNewsletterById(executor, input.newsletter_id)))
    throw validationError({ newsletter_id: ['No newsletter has this id.'] });
  const content = contentOf(input) ?? {
    content_kind: 'document' as const,
    doc: JSON.stringify({ type: 'doc', content: [] }),
    article_ids: '[]',
  };
  const stamp = nowIso(now);
  return insertIssue(executor, {
    newsletter_id: input.newsletter_id,
    subject: input.subject,
    preheader: input.preheader,
    ...content,
    status: 'draft',
    created_at: stamp,
    updated_at: stamp,
  });
}

export async function changeIssue(
  executor: Executor,
  id: number,
  patch: z.infer<typeof issuePatch>,
  now: Date,
): Promise<IssueRow> {
  const issue = await findIssue(executor, id);
  if (!issue) throw notFound('Issue');
  if (issue.status !== 'draft' && issue.status !== 'scheduled')
    throw conflict(
      'This issue is being sent or was sent; it can no longer be changed.',
      'issue_locked',
    );
  const content = contentOf(patch);
  const row = await updateIssue(executor, id, {
    ...(patch.subject !== undefined ? { subject: patch.subject } : {}),
    ...(patch.preheader !== undefined ? { preheader: patch.preheader } : {}),
    ...(content ?? {}),
    updated_at: nowIso(now),
  });
  if (!row) throw notFound('Issue');
  return row;
}

async function enqueueLanes(executor: Executor, issueId: number, lanes: number, runAt?: Date) {
  for (let lane = 0; lane < lanes; lane += 1) {
    await enqueueJob(
      executor,
      sendIssueJob,
      { issueId, lane },
      {
        idempotencyKey: `newsletter-send:${issueId}:${lane}`,
        ...(runAt ? { runAt } : {}),
      },
    );
  }
}

/** Starts sending now, or at `at`; the recipients are frozen when the send starts. */
export async function startSend(
  executor: Executor,
  id: number,
  options: { now: Date; at?: Date; lanes?: number },
) {
  const issue = await findIssue(executor, id);
  if (!issue) throw notFound('Issue');
  const stamp = nowIso(options.now);
  const lanes = Math.min(8, Math.max(1, options.lanes ?? 2));
  if (options.at && options.at > options.now) {
    if (
      !(await transitionIssue(executor, id, ['draft', 'scheduled'], {
        status: 'scheduled',
        scheduled_at: nowIso(options.at),
        updated_at: stamp,
      }))
    )
      throw conflict(`An issue that is ${issue.status} cannot be scheduled.`, 'issue_state');
    await enqueueLanes(executor, id, lanes, options.at);
    return;
  }
  if (
    !(await transitionIssue(executor, id, ['draft', 'scheduled'], {
      status: 'sending',
      started_at: stamp,
      updated_at: stamp,
    }))
  )
    throw conflict(`An issue that is ${issue.status} cannot be sent again.`, 'issue_state');
  await enqueueLanes(executor, id, lanes);
}

/** Stops a send between batches; `resumeSend` continues it. */
export async function pauseSend(executor: Executor, id: number, now: Date) {
  if (
    !(await transitionIssue(executor, id, ['sending', 'scheduled'], {
      status: 'paused',
      updated_at: nowIso(now),
    }))
  )
    throw conflict('Only a sending or scheduled issue can be paused.', 'issue_state');
}

export async function resumeSend(executor: Executor, id: number, now: Date, lanes = 2) {
  const issue = await findIssue(executor, id);
  const stamp = nowIso(now);
  if (
    !(await transitionIssue(executor, id, ['paused'], {
      status: 'sending',
      started_at: issue?.started_at ?? stamp,
      updated_at: stamp,
    }))
  )
    throw conflict('Only a paused issue can be resumed.', 'issue_state');
  await enqueueLanes(executor, id, lanes);
}

/** Cancels a send; rows not yet sent stay pending and are never sent. */
export async function cancelSend(executor: Executor, id: number, now: Date) {
  if (
    !(await transitionIssue(executor, id, ['sending', 'scheduled', 'paused', 'draft'], {
      status: 'cancelled',
      finished_at: nowIso(now),
      updated_at: nowIso(now),
    }))
  )
    throw conflict('This issue has already finished.', 'issue_state');
}

/** The deliberate resend of ambiguous rows (the only way they are ever resent). */
export async function resendAmbiguous(executor: Executor, id: number, now: Date): Promise<number> {
  const stamp = nowIso(now);
  const result = await executor
    .updateTable('newsletter_deliveries')
    .set({
      status: 'pending',
      next_attempt_at: stamp,
      claimed_by: null,
      claim_expires_at: null,
      updated_at: stamp,
    })
    .where('issue_id', '=', id)
    .where('status', '=', 'ambiguous')
    .executeTakeFirst();
  const count = Number(result.numUpdatedRows);
  if (count > 0) {
    await transitionIssue(executor, id, ['sent'], {
      status: 'sending',
      finished_at: null,
      updated_at: stamp,
    });
    const issue = await findIssue(executor, id);
    if (issue?.status === 'sending') await enqueueLanes(executor, id, 1);
  }
  return count;
}

/** Progress: the issue's state and its rows per status. */
export async function sendProgress(executor: Executor, id: number) {
  const issue = await findIssue(executor, id);
  if (!issue) throw notFound('Issue');
  const counts = await countDeliveries(executor, id);
  const done = counts.sent + counts.failed + counts.ambiguous + counts.suppressed;
  return {
    issue_id: id,
    status: issue.status,
    frozen: issue.frozen_at !== null,
    recipients: issue.recipients_total,
    ...counts,
    done,
    /** 'hourly_limit' while the send waits for the hour's quota (NEWSLETTER_RATE_PER_HOUR). */
    waiting: issue.status === 'sending' && issue.wait_reason ? issue.wait_reason : null,
    wait_until: issue.status === 'sending' && issue.wait_reason ? issue.wait_until : null,
    started_at: issue.started_at,
    finished_at: issue.finished_at,
  };
}
