import type { Selectable } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type { MemberStatus, MemberTable, ProviderName } from './revenue.table.js';

// Members: reader accounts keyed by normalized email (see newsletters/email-address.ts,
// the same normalization the newsletter address book uses).

export type Member = Selectable<MemberTable>;

export async function findMemberById(executor: Executor, id: number): Promise<Member | undefined> {
  return executor.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findMemberByEmail(
  executor: Executor,
  email: string,
): Promise<Member | undefined> {
  return executor.selectFrom('members').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findMemberByCustomer(
  executor: Executor,
  provider: ProviderName,
  customerId: string,
): Promise<Member | undefined> {
  return executor
    .selectFrom('members')
    .selectAll()
    .where('provider', '=', provider)
    .where('provider_customer_id', '=', customerId)
    .executeTakeFirst();
}

/** The member with this (already normalized) email, created as a free member when new. */
export async function findOrCreateMember(
  executor: Executor,
  email: string,
  now: string,
  name = '',
): Promise<Member> {
  await executor
    .insertInto('members')
    .values({
      email,
      name,
      created_at: now,
      updated_at: now,
      provider: null,
      provider_customer_id: null,
      last_sign_in_at: null,
    })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  const member = await findMemberByEmail(executor, email);
  if (!member) throw new Error('member vanished after insert');
  if (name !== '' && member.name === '') {
    await executor
      .updateTable('members')
      .set({ name, updated_at: now })
      .where('id', '=', member.id)
      .execute();
    return { ...member, name };
  }
  return member;
}

/** Links the member to the provider's customer (first link wins; later ones are ignored). */
export async function linkCustomer(
  executor: Executor,
  memberId: number,
  provider: ProviderName,
  customerId: string,
  now: string,
): Promise<void> {
  await executor
    .updateTable('members')
    .set({ provider, provider_customer_id: customerId, updated_at: now })
    .where('id', '=', memberId)
    .where('provider_customer_id', 'is', null)
    .execute();
}

/** Subscription states that count as paying (past_due is Stripe's retry window). */
export const payingStates = ['active', 'trialing', 'past_due'] as const;

/**
 * Recomputes the member's status from their subscriptions: paying when any is in a paying
 * state, lapsed when they had one and none is, free otherwise. Call after every change.
 */
export async function refreshMemberStatus(
  executor: Executor,
  memberId: number,
  now: string,
): Promise<MemberStatus> {
  const rows = await executor
    .selectFrom('revenue_subscriptions')
    .select('status')
    .where('member_id', '=', memberId)
    .execute();
  const status: MemberStatus = rows.some((r) =>
    (payingStates as readonly string[]).includes(r.status),
  )
    ? 'paying'
    : rows.length > 0
      ? 'lapsed'
      : 'free';
  await executor
    .updateTable('members')
    .set({ status, updated_at: now })
    .where('id', '=', memberId)
    .where('status', '!=', status)
    .execute();
  return status;
}
