import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../../platform/db/database.js';

// Gift links (issue 17, ADR 0026): a member who can read a gated article shares it with a
// link valid for a few days and a number of opens. The link carries a random token; only its
// SHA-256 is stored, so the table (or a backup of it) opens nothing. Each open is counted in
// one conditional UPDATE, so two readers racing for the last open cannot both get it.

export const giftLinkDefaults = { maxOpens: 10, days: 7 } as const;
/** Gift links one member may create in 24 hours (they open paid work to anyone). */
export const giftLinksPerDay = 20;

const tokenPattern = /^[A-Za-z0-9_-]{43}$/;
const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

export interface GiftLink {
  token: string;
  expiresAt: string;
  maxOpens: number;
}

/** Member ids are revenue's; content stores them without knowing members. */
export async function createGiftLink(
  executor: Executor,
  input: { articleId: number; memberId: number; now: Date },
): Promise<GiftLink> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(
    input.now.getTime() + giftLinkDefaults.days * 86_400_000,
  ).toISOString();
  await executor
    .insertInto('access_gift_links')
    .values({
      token_hash: hashOf(token),
      article_id: input.articleId,
      member_id: input.memberId,
      max_opens: giftLinkDefaults.maxOpens,
      opens: 0,
      expires_at: expiresAt,
      created_at: input.now.toISOString(),
    })
    .execute();
  return { token, expiresAt, maxOpens: giftLinkDefaults.maxOpens };
}

/** How many gift links the member created in the 24 hours before `now`. */
export async function giftLinksCreatedToday(
  executor: Executor,
  memberId: number,
  now: Date,
): Promise<number> {
  const row = await executor
    .selectFrom('access_gift_links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('member_id', '=', memberId)
    .where('created_at', '>', new Date(now.getTime() - 86_400_000).toISOString())
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type GiftOpen = 'opened' | 'expired' | 'used-up' | 'invalid';

/** Counts one open of `token` for this article, if the link still has one to give. */
export async function openGiftLink(
  executor: Executor,
  token: string,
  articleId: number,
  now: Date,
): Promise<GiftOpen> {
  if (!tokenPattern.test(token)) return 'invalid';
  const tokenHash = hashOf(token);
  const stamp = now.toISOString();
  const opened = await executor
    .updateTable('access_gift_links')
    .set((eb) => ({ opens: eb('opens', '+', 1) }))
    .where('token_hash', '=', tokenHash)
    .where('article_id', '=', articleId)
    .where('expires_at', '>', stamp)
    .where((eb) => eb('opens', '<', eb.ref('max_opens')))
    .executeTakeFirst();
  if (Number(opened.numUpdatedRows) === 1) return 'opened';
  const link = await executor
    .selectFrom('access_gift_links')
    .select(['expires_at', 'opens', 'max_opens'])
    .where('token_hash', '=', tokenHash)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  if (!link) return 'invalid';
  return link.expires_at <= stamp ? 'expired' : 'used-up';
}
