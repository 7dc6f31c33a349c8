import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { listNewsletters } from './newsletter.repository.js';
import {
  findSubscriberByEmail,
  findSubscriberById,
  insertConsentRecord,
  listSubscriptions,
  setSubscriptionStatus,
  suppressAddress,
  upsertSubscriber,
} from './subscriber.repository.js';

/** The preferences page's data: public newsletters plus any private one the reader is on. */
export async function loadPreferences(executor: Executor, subscriberId: number) {
  const subscriber = await findSubscriberById(executor, subscriberId);
  if (!subscriber) return undefined;
  const [newsletters, subscriptions] = await Promise.all([
    listNewsletters(executor),
    listSubscriptions(executor, subscriberId),
  ]);
  const statusOf = (id: number) => subscriptions.find((s) => s.newsletter_id === id)?.status;
  const choices = newsletters
    .filter((n) => n.visibility === 'public' || statusOf(n.id) !== undefined)
    .map((n) => ({
      id: n.id,
      slug: n.slug,
      name: n.name,
      description: n.description,
      active: statusOf(n.id) === 'active',
    }));
  return { subscriber, choices };
}

/**
 * Saves the reader's choices. The address was proven by the signed link, so choosing another
 * newsletter here activates it at once (recorded as consent); unticking unsubscribes.
 */
export async function savePreferences(
  executor: Executor,
  subscriberId: number,
  slugs: string[],
  context: { ip: string; userAgent: string; now: Date },
): Promise<boolean> {
  const loaded = await loadPreferences(executor, subscriberId);
  if (!loaded) return false;
  const stamp = nowIso(context.now);
  const added: number[] = [];
  for (const choice of loaded.choices) {
    const wanted = slugs.includes(choice.slug);
    if (wanted && !choice.active) {
      await setSubscriptionStatus(executor, subscriberId, choice.id, 'active', stamp);
      added.push(choice.id);
    } else if (!wanted && choice.active) {
      await setSubscriptionStatus(executor, subscriberId, choice.id, 'unsubscribed', stamp);
    }
  }
  if (added.length > 0) {
    await insertConsentRecord(executor, {
      subscriber_id: subscriberId,
      action: 'preferences',
      newsletter_ids: JSON.stringify(added),
      consent_text: 'Chosen on the preferences page reached from a signed email link.',
      location: '/newsletters/preferences',
      ip: context.ip,
      user_agent: context.userAgent.slice(0, 400),
      created_at: stamp,
      confirmed_at: stamp,
    });
    await executor
      .deleteFrom('suppressions')
      .where('email', '=', loaded.subscriber.email)
      .where('reason', '=', 'unsubscribed')
      .execute();
  }
  return true;
}

/**
 * Unsubscribes from one newsletter, or from all of them (then the address joins the
 * suppression list, so no bulk send reaches it even if a subscription row says otherwise).
 */
export async function unsubscribe(
  executor: Executor,
  subscriberId: number,
  newsletterId: number | undefined,
  now: Date,
): Promise<boolean> {
  const subscriber = await findSubscriberById(executor, subscriberId);
  if (!subscriber) return false;
  const stamp = nowIso(now);
  const subscriptions = await listSubscriptions(executor, subscriberId);
  for (const subscription of subscriptions) {
    if (newsletterId !== undefined && subscription.newsletter_id !== newsletterId) continue;
    if (subscription.status === 'unsubscribed') continue;
    await setSubscriptionStatus(
      executor,
      subscriberId,
      subscription.newsletter_id,
      'unsubscribed',
      stamp,
    );
  }
  if (newsletterId === undefined) {
    await suppressAddress(
      executor,
      subscriber.email,
      'unsubscribed',
      'unsubscribed from all',
      stamp,
    );
    await executor
      .updateTable('subscribers')
      .set({ status: 'unsubscribed', updated_at: stamp })
      .where('id', '=', subscriberId)
      .execute();
  }
  return true;
}

/**
 * The preferences of whoever owns `email` (already normalized), for a signed-in reader
 * account: their subscriber's choices, or every public newsletter unticked when the address
 * is not in the address book yet.
 */
export async function loadPreferencesForAddress(executor: Executor, email: string) {
  const subscriber = await findSubscriberByEmail(executor, email);
  const loaded = subscriber ? await loadPreferences(executor, subscriber.id) : undefined;
  if (loaded) return loaded.choices;
  const newsletters = await listNewsletters(executor);
  return newsletters
    .filter((n) => n.visibility === 'public')
    .map((n) => ({
      id: n.id,
      slug: n.slug,
      name: n.name,
      description: n.description,
      active: false,
    }));
}

/**
 * Saves a signed-in reader's choices. The address was proven by the sign-in link, so, as on
 * the signed preferences page, choosing a newsletter activates it at once (recorded as consent).
 */
export async function savePreferencesForAddress(
  executor: Executor,
  email: string,
  slugs: string[],
  context: { ip: string; userAgent: string; now: Date },
): Promise<boolean> {
  let subscriber = await findSubscriberByEmail(executor, email);
  if (!subscriber) {
    if (slugs.length === 0) return true;
    subscriber = await upsertSubscriber(executor, email, '', nowIso(context.now));
  }
  return savePreferences(executor, subscriber.id, slugs, context);
}
