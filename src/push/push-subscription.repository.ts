import type { Executor } from '../platform/db/database.js';

// Readers' push subscriptions and the topics each follows. The endpoint is never stored in
// clear: rows are found by `endpoint_hash` (subscription-seal.ts).

/** Inserts or refreshes a subscription (same endpoint: same row); returns its id. */
export async function upsertSubscription(
  executor: Executor,
  input: { endpointHash: string; sealed: string; keyId: string; language: string; now: string },
): Promise<number> {
  const row = await executor
    .insertInto('push_subscriptions')
    .values({
      endpoint_hash: input.endpointHash,
      sealed: input.sealed,
      key_id: input.keyId,
      language: input.language,
      created_at: input.now,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.column('endpoint_hash').doUpdateSet({
        sealed: input.sealed,
        key_id: input.keyId,
        language: input.language,
        updated_at: input.now,
      }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The subscription with this endpoint hash, if any. */
export async function findSubscriptionId(
  executor: Executor,
  endpointHash: string,
): Promise<number | undefined> {
  const row = await executor
    .selectFrom('push_subscriptions')
    .select('id')
    .where('endpoint_hash', '=', endpointHash)
    .executeTakeFirst();
  return row?.id;
}

export async function addTopics(
  executor: Executor,
  subscriptionId: number,
  topics: readonly string[],
  now: string,
): Promise<void> {
  if (topics.length === 0) return;
  await executor
    .insertInto('push_subscription_topics')
    .values(topics.map((topic) => ({ subscription_id: subscriptionId, topic, created_at: now })))
    .onConflict((oc) => oc.columns(['subscription_id', 'topic']).doNothing())
    .execute();
}

export async function removeTopics(
  executor: Executor,
  subscriptionId: number,
  topics: readonly string[],
): Promise<void> {
  if (topics.length === 0) return;
  await executor
    .deleteFrom('push_subscription_topics')
    .where('subscription_id', '=', subscriptionId)
    .where('topic', 'in', topics)
    .execute();
}

/** The topics a subscription follows, sorted. */
export async function listTopics(executor: Executor, subscriptionId: number): Promise<string[]> {
  const rows = await executor
    .selectFrom('push_subscription_topics')
    .select('topic')
    .where('subscription_id', '=', subscriptionId)
    .orderBy('topic')
    .execute();
  return rows.map((row) => row.topic);
}

/** Removes a subscription and its topics (its delivery rows keep their figures). */
export async function deleteSubscription(
  executor: Executor,
  subscriptionId: number,
): Promise<void> {
  await executor.deleteFrom('push_subscriptions').where('id', '=', subscriptionId).execute();
}

/** How many subscriptions follow a topic. */
export async function countFollowers(executor: Executor, topic: string): Promise<number> {
  const row = await executor
    .selectFrom('push_subscription_topics')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('topic', '=', topic)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** How many subscriptions exist. */
export async function countSubscriptions(executor: Executor): Promise<number> {
  const row = await executor
    .selectFrom('push_subscriptions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
