import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import type { EventPublisher } from '../platform/events/domain-events.js';
import type { RateLimiter } from '../platform/limits/rate-limits.js';
import { memberEntitlement } from '../revenue/members/member-entitlement.js';
import {
  commentPlainText,
  countCommentLinks,
  maxCommentLength,
  sanitizeCommentBody,
} from './comment-body.js';
import { commentErrors } from './comment-errors.js';
import { holdReasonFor } from './comment-holds.js';
import {
  type CommentableArticle,
  type CommentReaderRow,
  type CommentRow,
  addReport,
  findComment,
  findCommentReader,
  insertComment,
  insertCommentReader,
  setCommentStatus,
  updateCommentBody,
  updateCommentReader,
} from './comment.repository.js';
import {
  type CommentSettings,
  effectiveMode,
  findArticleCommentMode,
  readCommentSettings,
} from './comment-settings.js';
import { hashOptOutToken, loadOptOutSecret, optOutToken } from './comment-tokens.js';
import type { CommentMode } from './comments.table.js';
import './comment-events.js';

// The rules of member comments: who may post (the article's mode against the member's
// entitlement; banned readers never), one level of replies, editing one's own for 15 minutes,
// deleting one's own (a placeholder stays when it has replies), reporting others'. Bodies are
// sanitized on every write (comment-body.ts). Callers open the transaction.

export const editWindowMs = 15 * 60_000;
/** The most a reader may send before sanitizing (HTML markup counts here, not later). */
const maxInputLength = 20_000;

export interface CommentDeps {
  now: () => Date;
  events: EventPublisher;
}

/**
 * Counts one post attempt of the member in the shared rate-limit store (every process and
 * node counts together); 429 past the limit. Called before the transaction opens: the store
 * may be the same database, and SQLite has one connection.
 */
export async function checkPostLimit(limiter: RateLimiter, memberId: number): Promise<void> {
  const decision = await limiter.hit(`member:${memberId}`);
  if (!decision.allowed) throw commentErrors.tooMany();
}

export const commentInput = z.object({
  body: z.string().max(maxInputLength, 'is too long'),
  parentId: z.number().int().positive().optional(),
  name: z.string().optional(),
});
export type CommentInput = z.infer<typeof commentInput>;

/** May this member post under this mode? `none`: no; the reason decides the message. */
export async function commentEntitlement(
  executor: Executor,
  mode: CommentMode,
  memberId: number | undefined,
): Promise<'allowed' | 'closed' | 'sign-in' | 'paying-only' | 'banned'> {
  if (mode === 'off') return 'closed';
  if (memberId === undefined) return 'sign-in';
  const reader = await findCommentReader(executor, memberId);
  if (reader?.banned_at) return 'banned';
  if (mode === 'paying' && (await memberEntitlement(executor, memberId)).kind !== 'paid')
    return 'paying-only';
  return 'allowed';
}

/** The mode of this article (its override, else the site's) with the site's settings. */
export async function articleCommentRules(
  executor: Executor,
  articleId: number,
): Promise<{ settings: CommentSettings; mode: CommentMode }> {
  const [settings, override] = await Promise.all([
    readCommentSettings(executor),
    findArticleCommentMode(executor, articleId),
  ]);
  return { settings, mode: effectiveMode(settings, override) };
}

function assertEntitled(result: Awaited<ReturnType<typeof commentEntitlement>>): void {
  if (result === 'closed') throw commentErrors.closed();
  if (result === 'sign-in') throw commentErrors.signInNeeded();
  if (result === 'banned') throw commentErrors.banned();
  if (result === 'paying-only') throw commentErrors.payingOnly();
}

/** The body as stored blocks and text, or a 422 a reader understands. */
export function readBody(raw: string) {
  if (raw.length > maxInputLength) throw commentErrors.tooLong();
  const blocks = sanitizeCommentBody(raw);
  const text = commentPlainText(blocks).trim();
  if (text.trim() === '') throw commentErrors.empty();
  if (text.length > maxCommentLength) throw commentErrors.tooLong();
  return { body: JSON.stringify(blocks), text, links: countCommentLinks(blocks) };
}

/** The reader's row, made on their first comment with the name they chose. */
async function ensureReader(
  executor: Executor,
  member: { id: number; name: string },
  name: string | undefined,
  now: string,
): Promise<CommentReaderRow> {
  const existing = await findCommentReader(executor, member.id);
  const chosen = (name ?? '').trim().replace(/\s+/g, ' ');
  if (existing) {
    if (chosen !== '' && chosen !== existing.display_name) {
      if (chosen.length > 60) throw commentErrors.nameNeeded();
      await updateCommentReader(executor, member.id, { display_name: chosen }, now);
      return { ...existing, display_name: chosen };
    }
    return existing;
  }
  const displayName = chosen || member.name.trim();
  if (displayName === '' || displayName.length > 60) throw commentErrors.nameNeeded();
  const secret = await loadOptOutSecret(executor);
  await insertCommentReader(executor, {
    member_id: member.id,
    display_name: displayName,
    unsubscribe_hash: hashOptOutToken(optOutToken(secret, member.id)),
    now,
  });
  const row = await findCommentReader(executor, member.id);
  if (!row) throw new Error('comment reader row missing after insert');
  return row;
}

/** Posts a comment (or a reply to a top-level comment) for a signed-in member. */
export async function postComment(
  executor: Executor,
  deps: CommentDeps,
  article: CommentableArticle,
  member: { id: number; name: string },
  input: CommentInput,
): Promise<CommentRow> {
  if (article.status !== 'published') throw commentErrors.notFound();
  const { settings, mode } = await articleCommentRules(executor, article.id);
  assertEntitled(await commentEntitlement(executor, mode, member.id));
  const body = readBody(input.body);
  if (input.parentId !== undefined) {
    const parent = await findComment(executor, input.parentId);
    if (
      !parent ||
      parent.article_id !== article.id ||
      parent.parent_id !== null ||
      parent.status !== 'published'
    )
      throw commentErrors.replyDepth();
  }
  const now = nowIso(deps.now());
  const reader = await ensureReader(executor, member, input.name, now);
  const hold = holdReasonFor(settings, {
    text: body.text,
    links: body.links,
    readerTrusted: reader.trusted_at !== null,
  });
  const row = await insertComment(executor, {
    article_id: article.id,
    parent_id: input.parentId ?? null,
    member_id: member.id,
    author_name: reader.display_name,
    body: body.body,
    body_text: body.text,
    status: hold ? 'held' : 'published',
    hold_reason: hold,
    created_at: now,
  });
  if (row.status === 'published') await announcePublished(executor, deps, row);
  return row;
}

async function announcePublished(executor: Executor, deps: CommentDeps, row: CommentRow) {
  await deps.events.publish(executor, `comment:${row.id}`, {
    type: 'comment.published',
    commentId: row.id,
    articleId: row.article_id,
    parentId: row.parent_id,
  });
}

/** The member's own comment that is still theirs to change. */
async function ownComment(executor: Executor, memberId: number, id: number) {
  const row = await findComment(executor, id);
  if (!row) throw commentErrors.notFound();
  if (row.member_id !== memberId) throw commentErrors.notYours();
  if (row.status === 'deleted' || row.status === 'hidden') throw commentErrors.gone();
  return row;
}

/** Replaces the body of one's own comment within 15 minutes of posting it. */
export async function editComment(
  executor: Executor,
  deps: CommentDeps,
  memberId: number,
  id: number,
  raw: string,
): Promise<CommentRow> {
  const row = await ownComment(executor, memberId, id);
  if (deps.now().getTime() - new Date(row.created_at).getTime() > editWindowMs)
    throw commentErrors.editWindow();
  const reader = await findCommentReader(executor, memberId);
  if (reader?.banned_at) throw commentErrors.banned();
  const body = readBody(raw);
  const settings = await readCommentSettings(executor);
  // An edit may add what holds a comment, never lift a hold staff have not looked at.
  const hold =
    row.status === 'held'
      ? row.hold_reason
      : holdReasonFor(
          { ...settings, firstCommentModeration: false },
          { text: body.text, links: body.links, readerTrusted: true },
        );
  const status = hold ? 'held' : 'published';
  await updateCommentBody(
    executor,
    id,
    { body: body.body, body_text: body.text, status, hold_reason: hold },
    nowIso(deps.now()),
  );
  const updated = await findComment(executor, id);
  if (!updated) throw commentErrors.notFound();
  return updated;
}

/** Removes one's own comment (its replies stay, under a "Comment deleted" placeholder). */
export async function deleteComment(
  executor: Executor,
  deps: Pick<CommentDeps, 'now'>,
  memberId: number,
  id: number,
): Promise<CommentRow> {
  const row = await ownComment(executor, memberId, id);
  await setCommentStatus(executor, id, { status: 'deleted', now: nowIso(deps.now()) });
  return { ...row, status: 'deleted' };
}

/** One reader's report of another's comment; enough reports hold it for staff again. */
export async function reportComment(
  executor: Executor,
  deps: Pick<CommentDeps, 'now'>,
  memberId: number,
  id: number,
): Promise<{ reports: number; held: boolean }> {
  const row = await findComment(executor, id);
  if (!row || row.status !== 'published') throw commentErrors.notFound();
  if (row.member_id === memberId) throw commentErrors.ownReport();
  const now = nowIso(deps.now());
  const reports = await addReport(executor, id, memberId, now);
  const settings = await readCommentSettings(executor);
  if (reports < settings.reportsToHold) return { reports, held: false };
  await setCommentStatus(executor, id, { status: 'held', now });
  await executor
    .updateTable('comments')
    .set({ hold_reason: 'reports' })
    .where('id', '=', id)
    .execute();
  return { reports, held: true };
}

/** Staff: show a held comment, trust its reader (ends first-comment moderation). */
export async function approveComment(
  executor: Executor,
  deps: CommentDeps,
  id: number,
  staffUserId: number | null,
): Promise<CommentRow> {
  const row = await findComment(executor, id);
  if (!row) throw commentErrors.notFound();
  // Its author took it down: staff may hide it, never put it back up.
  if (row.status === 'deleted') throw commentErrors.gone();
  const now = nowIso(deps.now());
  const wasShown = row.status === 'published';
  await setCommentStatus(executor, id, { status: 'published', moderated_by: staffUserId, now });
  await executor.updateTable('comments').set({ reports: 0 }).where('id', '=', id).execute();
  await executor
    .updateTable('comment_readers')
    .set({ trusted_at: now, updated_at: now })
    .where('member_id', '=', row.member_id)
    .where('trusted_at', 'is', null)
    .execute();
  const approved = { ...row, status: 'published' as const, hold_reason: null, reports: 0 };
  // Only a first showing is news (a reply email); approving a reported comment is not.
  if (!wasShown && row.hold_reason !== 'reports') await announcePublished(executor, deps, approved);
  return approved;
}

/** Staff: take a comment off the site. */
export async function hideComment(
  executor: Executor,
  deps: Pick<CommentDeps, 'now'>,
  id: number,
  staffUserId: number | null,
): Promise<CommentRow> {
  const row = await findComment(executor, id);
  if (!row) throw commentErrors.notFound();
  await setCommentStatus(executor, id, {
    status: 'hidden',
    moderated_by: staffUserId,
    now: nowIso(deps.now()),
  });
  return { ...row, status: 'hidden' };
}

/** Staff: ban (or unban) a reader; a ban also hides the comments still waiting for review. */
export async function setReaderBanned(
  executor: Executor,
  deps: Pick<CommentDeps, 'now'>,
  memberId: number,
  banned: boolean,
  staffUserId: number | null,
): Promise<void> {
  const reader = await findCommentReader(executor, memberId);
  if (!reader) throw commentErrors.notFound();
  const now = nowIso(deps.now());
  await updateCommentReader(executor, memberId, { banned_at: banned ? now : null }, now);
  if (banned)
    await executor
      .updateTable('comments')
      .set({ status: 'hidden', moderated_by: staffUserId, moderated_at: now })
      .where('member_id', '=', memberId)
      .where('status', '=', 'held')
      .execute();
}
