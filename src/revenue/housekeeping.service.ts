import type { DatabaseHandle } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import {
  deleteExpiredMemberSessions,
  deleteSpentSignInTokens,
  deleteUnconfirmedMembers,
  expireOpenCheckouts,
} from './housekeeping.repository.js';

// Reader-revenue housekeeping, run daily by `revenue.housekeeping` (housekeeping.job.ts):
// spent sign-in links and expired sessions go; accounts a sign-in request created for an
// address nobody confirmed go after a week, but never one with any money history; checkouts
// nobody paid within a day are marked expired (the sandbox refuses to pay them, as Stripe does).

const dayMs = 24 * 3600 * 1000;

/** Links are kept a day after they expire or are used, for a clear "already used" answer. */
export const signInTokenRetentionMs = dayMs;
/** How long an unconfirmed account waits for its owner before it is deleted. */
export const unconfirmedMemberGraceMs = 7 * dayMs;
/** How long a checkout can stay open (Stripe's checkout sessions last 24 hours). */
export const checkoutLifetimeMs = dayMs;

export interface RevenueHousekeepingDeps {
  database: DatabaseHandle;
  now: () => Date;
}

export interface RevenueHousekeepingResult {
  signInTokensDeleted: number;
  sessionsDeleted: number;
  membersDeleted: number;
  checkoutsExpired: number;
}

/** Runs every housekeeping rule once, as of `deps.now()`. */
export async function runRevenueHousekeeping(
  deps: RevenueHousekeepingDeps,
): Promise<RevenueHousekeepingResult> {
  const { db } = deps.database;
  const now = deps.now().getTime();
  const before = (ms: number) => nowIso(new Date(now - ms));
  return {
    signInTokensDeleted: await deleteSpentSignInTokens(db, before(signInTokenRetentionMs)),
    sessionsDeleted: await deleteExpiredMemberSessions(db, nowIso(new Date(now))),
    membersDeleted: await deleteUnconfirmedMembers(db, before(unconfirmedMemberGraceMs)),
    checkoutsExpired: await expireOpenCheckouts(db, before(checkoutLifetimeMs)),
  };
}
