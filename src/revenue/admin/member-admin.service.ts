import { findArticleTitles } from '../../content/article-titles.service.js';
import { findAddressBookEntry } from '../../newsletters/address-book.service.js';
import type { Executor } from '../../platform/db/database.js';
import { findMemberById, payingStates } from '../member.repository.js';
import type { Offers } from '../offers.js';
import {
  listPaymentsOfMember,
  listSubscriptionsOfMembers,
  type MemberSearch,
  searchMembers,
  type SubscriptionRow,
} from './member-admin.repository.js';

// The members list and a member's detail for the admin: rows from the revenue tables, tier
// names from the offers, article titles from the content domain and newsletters from the
// newsletters domain (the address book is shared by normalized email).

const isPaying = (status: string) => (payingStates as readonly string[]).includes(status);

/** "Patron" for a membership tier id, "Recurring donation" for a recurring donation. */
export function describePlan(
  offers: Offers,
  subscription: Pick<SubscriptionRow, 'kind' | 'tier_id'>,
): string {
  if (subscription.kind === 'recurring_donation') return 'Recurring donation';
  return (
    offers.tiers.find((tier) => tier.id === subscription.tier_id)?.name ?? subscription.tier_id
  );
}

/**
 * The subscription that describes the member best: a paying one before an ended one, a
 * membership before a recurring donation, the newest first.
 */
export function mainSubscription(subscriptions: SubscriptionRow[]): SubscriptionRow | undefined {
  const rank = (s: SubscriptionRow) =>
    (isPaying(s.status) ? 0 : 2) + (s.kind === 'membership' ? 0 : 1);
  return [...subscriptions].sort(
    (a, b) => rank(a) - rank(b) || b.created_at.localeCompare(a.created_at) || b.id - a.id,
  )[0];
}

/** A page of members with their plan ("tier") and lifetime total in the offers' currency. */
export async function listMembers(
  executor: Executor,
  offers: Offers,
  search: Omit<MemberSearch, 'currency'>,
) {
  const { rows, total } = await searchMembers(executor, { ...search, currency: offers.currency });
  const subscriptions = await listSubscriptionsOfMembers(
    executor,
    rows.map((r) => r.id),
  );
  return {
    total,
    members: rows.map((row) => {
      const main = mainSubscription(subscriptions.filter((s) => s.member_id === row.id));
      return {
        id: row.id,
        email: row.email,
        name: row.name,
        status: row.status,
        tier: main ? describePlan(offers, main) : '',
        since: row.created_at,
        lifetime_total: row.lifetime_total,
        currency: offers.currency,
      };
    }),
  };
}

/** Everything the admin shows about one member, or undefined when there is no such member. */
export async function loadMemberDetail(executor: Executor, offers: Offers, memberId: number) {
  const member = await findMemberById(executor, memberId);
  if (!member) return undefined;
  const [subscriptions, payments, newsletters] = await Promise.all([
    listSubscriptionsOfMembers(executor, [member.id]),
    listPaymentsOfMember(executor, member.id),
    findAddressBookEntry(executor, member.email),
  ]);
  const titles = await findArticleTitles(
    executor,
    payments.flatMap((p) => (p.article_id === null ? [] : [p.article_id])),
  );
  const main = mainSubscription(subscriptions);
  return {
    member: {
      id: member.id,
      email: member.email,
      name: member.name,
      status: member.status,
      tier: main ? describePlan(offers, main) : '',
      since: member.created_at,
      last_sign_in_at: member.last_sign_in_at,
      provider: member.provider,
      provider_customer_id: member.provider_customer_id,
    },
    currency: offers.currency,
    subscriptions: subscriptions.map((s) => {
      const paying = isPaying(s.status);
      return {
        id: s.id,
        kind: s.kind,
        tier: describePlan(offers, s),
        amount: s.amount,
        currency: s.currency,
        interval: s.interval,
        status: s.status,
        next_payment_at: paying && !s.cancel_at_period_end ? s.current_period_end : null,
        cancel_at_period_end: s.cancel_at_period_end === 1,
        ends_at: paying && s.cancel_at_period_end ? s.current_period_end : null,
        canceled_at: s.canceled_at,
        started_at: s.created_at,
        provider: s.provider,
        provider_subscription_id: s.provider_subscription_id,
      };
    }),
    payments: payments.map((p) => {
      const article = p.article_id === null ? undefined : titles.get(p.article_id);
      return {
        id: p.id,
        kind: p.kind,
        amount: p.amount,
        fee_amount: p.fee_amount,
        amount_refunded: p.amount_refunded,
        net_amount: p.status === 'failed' ? 0 : p.amount - p.amount_refunded,
        currency: p.currency,
        status: p.status,
        receipt_url: p.receipt_url,
        paid_at: p.paid_at,
        attribution: {
          article_id: p.article_id,
          article_title: article?.title ?? null,
          prompt: p.prompt,
          page: p.page,
        },
      };
    }),
    newsletters: newsletters ?? null,
  };
}
