import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { createEventBus } from '../platform/events/domain-events.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createRateLimits } from '../platform/limits/rate-limits.js';
import { createMemoryLimitStore } from '../platform/limits/memory-limit-store.js';
import { findOrCreateMember } from '../revenue/member.repository.js';
import { buildCommentArticle, buildPayingMember } from './test-fixtures/comment-fixtures.js';
import type { CommentError } from './comment-errors.js';
import { findArticleForComments, findComment, listArticleComments } from './comment.repository.js';
import {
  approveComment,
  checkPostLimit,
  type CommentDeps,
  deleteComment,
  editComment,
  hideComment,
  postComment,
  reportComment,
  setReaderBanned,
} from './comment.service.js';
import {
  readCommentSettings,
  storeArticleCommentMode,
  storeCommentSettings,
} from './comment-settings.js';

// The rules of comments on both dialects: entitlement (anonymous is the route's business;
// free, paying, banned here), one level of replies, the edit window, holds, reports.

async function refusal(promise: Promise<unknown>): Promise<CommentError> {
  try {
    await promise;
  } catch (error) {
    return error as CommentError;
  }
  assert.fail('expected a refusal');
}

describeEachDialect('comment service', (getDatabase) => {
  let clock = new Date('2026-12-07T10:00:00Z');
  const published: number[] = [];
  const events = createEventBus();
  events.subscribe(['comment.published'], {
    name: 'test.record',
    handle: async (_executor, event) => void published.push(event.commentId),
  });
  const deps: CommentDeps = { now: () => clock, events };
  let articleId = 0;
  const db = () => getDatabase().db;
  const article = async () => {
    const found = await findArticleForComments(db(), { id: articleId });
    assert.ok(found);
    return found;
  };
  const member = async (email: string, name = 'Reader') => {
    const row = await findOrCreateMember(db(), email, clock.toISOString());
    return { id: row.id, name };
  };

  before(async () => {
    articleId = (await buildCommentArticle(getDatabase())).id;
    await storeCommentSettings(db(), {
      ...(await readCommentSettings(db())),
      mode: 'members',
      firstCommentModeration: false,
      heldKeywords: ['casino'],
      maxLinks: 1,
      reportsToHold: 2,
    });
  });

  it('lets a free member post under "members" and refuses them under "paying"', async () => {
    const free = await member('free@example.org', 'Free Reader');
    const row = await postComment(db(), deps, await article(), free, { body: 'Hello <b>all</b>' });
    assert.equal(row.status, 'published');
    assert.equal(row.author_name, 'Free Reader');
    assert.deepEqual(JSON.parse(row.body), [
      { type: 'paragraph', content: [{ text: 'Hello ' }, { text: 'all' }] },
    ]);
    assert.ok(published.includes(row.id), 'a published comment is announced');

    await storeArticleCommentMode(db(), articleId, 'paying', clock);
    const error = await refusal(postComment(db(), deps, await article(), free, { body: 'Again' }));
    assert.equal(error.status, 403);
    assert.equal(error.messageKey, 'comments.error.payingOnly');
    const paying = await buildPayingMember(db(), 'paying@example.org');
    const ok = await postComment(
      db(),
      deps,
      await article(),
      { id: paying.id, name: 'Pat' },
      {
        body: 'Paying comment',
      },
    );
    assert.equal(ok.status, 'published');

    await storeArticleCommentMode(db(), articleId, 'off', clock);
    const closed = await refusal(
      postComment(db(), deps, await article(), { id: paying.id, name: 'Pat' }, { body: 'x' }),
    );
    assert.equal(closed.messageKey, 'comments.error.closed');
    await storeArticleCommentMode(db(), articleId, null, clock);
  });

  it('refuses empty, too long and nameless comments with a reason', async () => {
    const reader = await member('nameless@example.org', '');
    const empty = await refusal(
      postComment(db(), deps, await article(), reader, { body: '<script>x</script>', name: 'N' }),
    );
    assert.equal(empty.status, 422);
    assert.equal(empty.messageKey, 'comments.error.empty');
    const long = await refusal(
      postComment(db(), deps, await article(), reader, { body: 'a'.repeat(5001), name: 'N' }),
    );
    assert.equal(long.messageKey, 'comments.error.tooLong');
    const nameless = await refusal(postComment(db(), deps, await article(), reader, { body: 'x' }));
    assert.equal(nameless.messageKey, 'comments.error.name');
  });

  it('threads one level: a reply to a reply is refused', async () => {
    const a = await member('a@example.org', 'A');
    const b = await member('b@example.org', 'B');
    const top = await postComment(db(), deps, await article(), a, { body: 'Top' });
    const reply = await postComment(db(), deps, await article(), b, {
      body: 'Reply',
      parentId: top.id,
    });
    assert.equal(reply.parent_id, top.id);
    const deeper = await refusal(
      postComment(db(), deps, await article(), a, { body: 'Deeper', parentId: reply.id }),
    );
    assert.equal(deeper.status, 422);
    assert.equal(deeper.messageKey, 'comments.error.replyDepth');

    // Deleting the top-level comment keeps its reply under a placeholder.
    await deleteComment(db(), deps, a.id, top.id);
    const revived = await refusal(approveComment(db(), deps, top.id, null));
    assert.equal(revived.messageKey, 'comments.error.gone', 'staff cannot undo a deletion');
    const shown = await listArticleComments(db(), articleId, undefined);
    const placeholder = shown.find((row) => row.id === top.id);
    assert.equal(placeholder?.status, 'deleted');
    assert.ok(shown.some((row) => row.id === reply.id));
  });

  it('edits one’s own comment within 15 minutes only', async () => {
    const a = await member('editor@example.org', 'Ed');
    const b = await member('other@example.org', 'Other');
    const row = await postComment(db(), deps, await article(), a, { body: 'Frist' });
    const notYours = await refusal(editComment(db(), deps, b.id, row.id, 'Hacked'));
    assert.equal(notYours.messageKey, 'comments.error.notYours');
    clock = new Date(clock.getTime() + 14 * 60_000);
    const edited = await editComment(
      db(),
      deps,
      a.id,
      row.id,
      'First <img src=x onerror=alert(1)>',
    );
    assert.equal(edited.body_text, 'First');
    assert.ok(edited.edited_at);
    clock = new Date(clock.getTime() + 2 * 60_000);
    const late = await refusal(editComment(db(), deps, a.id, row.id, 'Too late'));
    assert.equal(late.status, 409);
    assert.equal(late.messageKey, 'comments.error.editWindow');
  });

  it('holds first comments, keywords and too many links; approval trusts the reader', async () => {
    await storeCommentSettings(db(), {
      ...(await readCommentSettings(db())),
      firstCommentModeration: true,
    });
    const newcomer = await member('new@example.org', 'New');
    const first = await postComment(db(), deps, await article(), newcomer, { body: 'Hi' });
    assert.equal(first.status, 'held');
    assert.equal(first.hold_reason, 'first-comment');
    assert.ok(!published.includes(first.id));
    const visible = await listArticleComments(db(), articleId, undefined);
    assert.ok(!visible.some((row) => row.id === first.id), 'held comments are not shown');
    const own = await listArticleComments(db(), articleId, newcomer.id);
    assert.ok(
      own.some((row) => row.id === first.id),
      'the author sees their held comment',
    );

    await approveComment(db(), deps, first.id, null);
    assert.ok(published.includes(first.id), 'approval announces the comment');
    const second = await postComment(db(), deps, await article(), newcomer, { body: 'Second' });
    assert.equal(second.status, 'published', 'an approved reader is trusted');
    const keyword = await postComment(db(), deps, await article(), newcomer, {
      body: 'Visit my CASINO now',
    });
    assert.equal(keyword.hold_reason, 'keyword');
    const notKeyword = await postComment(db(), deps, await article(), newcomer, {
      body: 'Casinos are not matched inside longer words',
    });
    assert.equal(notKeyword.status, 'published');
    const links = await postComment(db(), deps, await article(), newcomer, {
      body: 'https://a.example/ and https://b.example/',
    });
    assert.equal(links.hold_reason, 'link');
  });

  it('holds a comment enough readers report; hide and ban', async () => {
    const author = await member('reported@example.org', 'Rep');
    await postComment(db(), deps, await article(), author, { body: 'Warm-up' }).then((row) =>
      approveComment(db(), deps, row.id, null),
    );
    const row = await postComment(db(), deps, await article(), author, { body: 'Spicy take' });
    assert.equal(row.status, 'published');
    const own = await refusal(reportComment(db(), deps, author.id, row.id));
    assert.equal(own.messageKey, 'comments.error.ownReport');
    const r1 = await member('r1@example.org');
    const r2 = await member('r2@example.org');
    assert.deepEqual(await reportComment(db(), deps, r1.id, row.id), { reports: 1, held: false });
    assert.deepEqual(await reportComment(db(), deps, r1.id, row.id), { reports: 1, held: false });
    assert.deepEqual(await reportComment(db(), deps, r2.id, row.id), { reports: 2, held: true });
    assert.equal((await findComment(db(), row.id))?.hold_reason, 'reports');

    await hideComment(db(), deps, row.id, null);
    assert.equal((await findComment(db(), row.id))?.status, 'hidden');
    await setReaderBanned(db(), deps, author.id, true, null);
    const banned = await refusal(postComment(db(), deps, await article(), author, { body: 'x' }));
    assert.equal(banned.messageKey, 'comments.error.banned');
    await setReaderBanned(db(), deps, author.id, false, null);
    const back = await postComment(db(), deps, await article(), author, { body: 'Back' });
    assert.equal(back.status, 'published');
  });

  it('limits posts per member in the shared store', async () => {
    const limits = createRateLimits({
      store: createMemoryLimitStore(),
      now: () => clock.getTime(),
    });
    const limiter = limits.define({ name: 'comments.test', limit: 2, windowMs: 600_000 });
    const limitedPost = async (who: { id: number; name: string }, body: string) => {
      await checkPostLimit(limiter, who.id);
      return postComment(db(), deps, await article(), who, { body });
    };
    await storeCommentSettings(db(), {
      ...(await readCommentSettings(db())),
      firstCommentModeration: false,
    });
    const fast = await member('fast@example.org', 'Fast');
    await limitedPost(fast, 'one');
    await limitedPost(fast, 'two');
    const third = await refusal(limitedPost(fast, 'three'));
    assert.equal(third.status, 429);
    assert.equal(third.messageKey, 'comments.error.tooMany');
    const other = await member('calm@example.org', 'Calm');
    await limitedPost(other, 'mine counts alone');
  });
});
