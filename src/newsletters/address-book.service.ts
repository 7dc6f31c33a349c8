import type { Executor } from '../platform/db/database.js';
import { listNewsletters } from './newsletter.repository.js';
import {
  findSubscriberByEmail,
  isSuppressed,
  listConsentRecords,
  listSubscriptionsWithSlugs,
} from './subscriber.repository.js';

// The newsletter side of one address, for other domains' admin screens (a member's detail in
// reader revenue shares the address book by normalized email).

export interface AddressBookEntry {
  subscriber: { id: number; email: string; name: string; status: string; created_at: string };
  suppressed: boolean;
  subscriptions: Array<{
    newsletter: string;
    status: string;
    confirmed_at: string | null;
    unsubscribed_at: string | null;
  }>;
  consent: Array<{
    action: string;
    /** Slugs of the newsletters the consent covered . */
    newsletters: string[];
    consent_text: string;
    location: string;
    ip: string;
    at: string;
    confirmed_at: string | null;
  }>;
}

/** Newsletter subscriptions and consent records of a (normalized) address; undefined if none. */
export async function findAddressBookEntry(
  executor: Executor,
  email: string,
): Promise<AddressBookEntry | undefined> {
  const subscriber = await findSubscriberByEmail(executor, email);
  if (!subscriber) return undefined;
  const [newsletters, subscriptions, consents, suppressed] = await Promise.all([
    listNewsletters(executor),
    listSubscriptionsWithSlugs(executor, [subscriber.id]),
    listConsentRecords(executor, [subscriber.id]),
    isSuppressed(executor, email),
  ]);
  const slugs = new Map(newsletters.map((n) => [n.id, n.slug]));
  return {
    subscriber: {
      id: subscriber.id,
      email: subscriber.email,
      name: subscriber.name,
      status: subscriber.status,
      created_at: subscriber.created_at,
    },
    suppressed,
    subscriptions: subscriptions.map((s) => ({
      newsletter: s.slug,
      status: s.status,
      confirmed_at: s.confirmed_at,
      unsubscribed_at: s.unsubscribed_at,
    })),
    consent: consents.map((c) => ({
      action: c.action,
      newsletters: (JSON.parse(c.newsletter_ids) as number[])
        .map((id) => slugs.get(id))
        .filter((slug): slug is string => slug !== undefined),
      consent_text: c.consent_text,
      location: c.location,
      ip: c.ip,
      at: c.created_at,
      confirmed_at: c.confirmed_at,
    })),
  };
}
