import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type {
  ConsentRecordRow,
  ConsentRecordTable,
  SubscriberRow,
  SubscriptionRow,
  SubscriptionStatus,
  SuppressionReason,
} from './newsletter.table.js';
import type { Insertable } from 'kysely';

export function findSubscriberByEmail(
  executor: Executor,
  email: string,
): Promise<SubscriberRow | undefined> {
  return executor
    .selectFrom('subscribers')
    .selectAll()
    .where('email', '=', email)
    .executeTakeFirst();
}

export function findSubscriberById(
  executor: Executor,
  id: number,
): Promise<SubscriberRow | undefined> {
  return executor.selectFrom('subscribers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The subscriber with this (normalized) address, created when missing; a name fills a blank. */
export async function upsertSubscriber(
  executor: Executor,
  email: string,
  name: string,
  now: string,
): Promise<SubscriberRow> {
  await executor
    .insertInto('subscribers')
    .values({ email, name, status: 'active', created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
  if (name !== '') {
    await executor
      .updateTable('subscribers')
      .set({ name, updated_at: now })
      .where('email', '=', email)
      .where('name', '=', '')
      .execute();
  }
  const row = await findSubscriberByEmail(executor, email);
  if (!row) throw new Error('subscriber vanished after upsert');
  return row;
}

export function listSubscriptions(
  executor: Executor,
  subscriberId: number,
): Promise<SubscriptionRow[]> {
  return executor
    .selectFrom('subscriptions')
    .selectAll()
    .where('subscriber_id', '=', subscriberId)
    .execute();
}

/** Sets a subscription's status, creating it when missing. */
export async function setSubscriptionStatus(
  executor: Executor,
  subscriberId: number,
  newsletterId: number,
  status: SubscriptionStatus,
  now: string,
): Promise<void> {
  const stamps = {
    confirmed_at: status === 'active' ? now : null,
    unsubscribed_at: status === 'unsubscribed' ? now : null,
  };
  // Unsubscribing keeps when the subscription was confirmed (the growth chart counts it);
  // sending never looks at confirmed_at without status = 'active'.
  await executor
    .insertInto('subscriptions')
    .values({
      subscriber_id: subscriberId,
      newsletter_id: newsletterId,
      status,
      created_at: now,
      ...stamps,
    })
    .onConflict((oc) =>
      oc
        .columns(['subscriber_id', 'newsletter_id'])
        .doUpdateSet(
          status === 'unsubscribed' ? { status, unsubscribed_at: now } : { status, ...stamps },
        ),
    )
    .execute();
}

export function insertConsentRecord(
  executor: Executor,
  values: Insertable<ConsentRecordTable>,
): Promise<ConsentRecordRow> {
  return executor
    .insertInto('consent_records')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findConsentRecord(
  executor: Executor,
  id: number,
): Promise<ConsentRecordRow | undefined> {
  return executor.selectFrom('consent_records').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Marks a signup confirmed; false when it already was (confirmation links are single-use). */
export async function markConsentConfirmed(
  executor: Executor,
  id: number,
  values: { at: string; ip: string; userAgent: string },
): Promise<boolean> {
  const result = await executor
    .updateTable('consent_records')
    .set({ confirmed_at: values.at, confirm_ip: values.ip, confirm_user_agent: values.userAgent })
    .where('id', '=', id)
    .where('confirmed_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function listConsentRecords(
  executor: Executor,
  subscriberIds: number[],
): Promise<ConsentRecordRow[]> {
  if (subscriberIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('consent_records')
    .selectAll()
    .where('subscriber_id', 'in', subscriberIds)
    .orderBy('id')
    .execute();
}

/** Adds an address to the suppression list (the first reason is kept). */
export async function suppressAddress(
  executor: Executor,
  email: string,
  reason: SuppressionReason,
  detail: string,
  now: string,
): Promise<void> {
  await executor
    .insertInto('suppressions')
    .values({ email, reason, detail: detail.slice(0, 500), created_at: now })
    .onConflict((oc) => oc.column('email').doNothing())
    .execute();
}

export async function isSuppressed(executor: Executor, email: string): Promise<boolean> {
  const row = await executor
    .selectFrom('suppressions')
    .select('email')
    .where('email', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}

export interface SubscriberSearch {
  query?: string;
  newsletterId?: number;
  limit: number;
  offset: number;
}

/** Subscribers matching an address or name fragment, newest first, with a total count. */
export async function searchSubscribers(
  executor: Executor,
  search: SubscriberSearch,
): Promise<{ rows: SubscriberRow[]; total: number }> {
  let query = executor.selectFrom('subscribers');
  if (search.query) {
    const pattern = `%${search.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('email', 'like', sql<string>`${pattern} escape '\\'`),
        eb(sql`lower(name)`, 'like', sql<string>`${pattern} escape '\\'`),
      ]),
    );
  }
  if (search.newsletterId !== undefined) {
    const newsletterId = search.newsletterId;
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('subscriptions')
        .select('subscriber_id')
        .where('newsletter_id', '=', newsletterId),
    );
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(search.limit).offset(search.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every subscription of these subscribers, with the newsletter's slug. */
export function listSubscriptionsWithSlugs(executor: Executor, subscriberIds: number[]) {
  if (subscriberIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('subscriptions')
    .innerJoin('newsletters', 'newsletters.id', 'subscriptions.newsletter_id')
    .select([
      'subscriptions.subscriber_id',
      'subscriptions.status',
      'subscriptions.confirmed_at',
      'subscriptions.unsubscribed_at',
      'newsletters.slug',
    ])
    .where('subscriptions.subscriber_id', 'in', subscriberIds)
    .execute();
}
