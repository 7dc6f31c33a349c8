import type { Executor } from '../platform/db/database.js';

// The deletes and updates of reader-revenue housekeeping (housekeeping.service.ts decides the
// cut-off times). Each is one statement, so a run that stops half-way leaves nothing broken.

/** Drops sign-in links that expired, or were used, before `before`; returns how many. */
export async function deleteSpentSignInTokens(executor: Executor, before: string): Promise<number> {
  const result = await executor
    .deleteFrom('member_sign_in_tokens')
    .where((eb) =>
      eb.or([
        eb('expires_at', '<', before),
        eb.and([eb('used_at', 'is not', null), eb('used_at', '<', before)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Drops sessions that expired at or before `now`; returns how many. */
export async function deleteExpiredMemberSessions(
  executor: Executor,
  now: string,
): Promise<number> {
  const result = await executor
    .deleteFrom('member_sessions')
    .where('expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Drops accounts a sign-in request created and nobody confirmed (never signed in, no provider
 * customer) before `createdBefore`, unless anything about money points to them: a payment, a
 * subscription, or a checkout by member or by email. Returns how many.
 */
export async function deleteUnconfirmedMembers(
  executor: Executor,
  createdBefore: string,
): Promise<number> {
  const result = await executor
    .deleteFrom('members')
    .where('last_sign_in_at', 'is', null)
    .where('provider_customer_id', 'is', null)
    .where('created_at', '<', createdBefore)
    .where(({ exists, not, selectFrom, or, eb }) =>
      eb.and([
        not(
          exists(
            selectFrom('payments')
              .select('payments.id')
              .whereRef('payments.member_id', '=', 'members.id'),
          ),
        ),
        not(
          exists(
            selectFrom('revenue_subscriptions')
              .select('revenue_subscriptions.id')
              .whereRef('revenue_subscriptions.member_id', '=', 'members.id'),
          ),
        ),
        not(
          exists(
            selectFrom('checkouts')
              .select('checkouts.id')
              .where((c) =>
                or([
                  c('checkouts.member_id', '=', c.ref('members.id')),
                  c('checkouts.email', '=', c.ref('members.email')),
                ]),
              ),
          ),
        ),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Marks checkouts still open that were created before `createdBefore` as expired. */
export async function expireOpenCheckouts(
  executor: Executor,
  createdBefore: string,
): Promise<number> {
  const result = await executor
    .updateTable('checkouts')
    .set({ status: 'expired' })
    .where('status', '=', 'open')
    .where('created_at', '<', createdBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
