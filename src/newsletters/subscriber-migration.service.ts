import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { checkEmailAddress } from './email-address.js';
import { findNewsletterBySlug } from './newsletter.repository.js';
import { createNewsletter, newsletterInput } from './newsletter.service.js';
import type { NewsletterRow } from './newsletter.table.js';
import {
  insertConsentRecord,
  isSuppressed,
  listSubscriptions,
  setSubscriptionStatus,
  upsertSubscriber,
} from './subscriber.repository.js';

// Used by site migrations (e.g. the Ghost importer) to bring subscribers over one at a time,
// so a caller can stream 100,000 of them. Like the CSV import, it asserts that each person
// consented on the old site; the consent record says when and where.

/** The newsletter with this slug; created with that slug and name when missing. */
export async function ensureNewsletter(
  executor: Executor,
  wanted: { slug: string; name: string },
  now: Date,
): Promise<{ newsletter: NewsletterRow; created: boolean } | { error: string }> {
  const existing = await findNewsletterBySlug(executor, wanted.slug);
  if (existing) return { newsletter: existing, created: false };
  const parsed = newsletterInput.safeParse({
    name: wanted.name.trim() || wanted.slug,
    slug: wanted.slug,
  });
  if (!parsed.success)
    return {
      error: `newsletter "${wanted.slug}": ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    };
  return { newsletter: await createNewsletter(executor, parsed.data, now), created: true };
}

export interface ImportedSubscriber {
  email: string;
  name: string;
  /** Newsletter ids the person was subscribed to on the old site (may be empty). */
  newsletterIds: number[];
  consent: { text: string; at: string; location: string };
}

export type SubscriberImportResult =
  { ok: true; subscriberId: number; subscribed: number } | { ok: false; reason: string };

/**
 * Records one subscriber with their subscriptions and a consent record. A suppressed address
 * (unsubscribed, bounced, complained) is refused; a subscription the person ended here is
 * never reactivated. A person with no newsletters is still recorded as a subscriber.
 */
export async function importSubscriber(
  executor: Executor,
  input: ImportedSubscriber,
  now: Date,
): Promise<SubscriberImportResult> {
  const checked = checkEmailAddress(input.email);
  if (!checked.ok) return { ok: false, reason: checked.reason };
  if (await isSuppressed(executor, checked.address))
    return {
      ok: false,
      reason: 'the address is on the suppression list (unsubscribed, bounced or complained)',
    };
  const stamp = nowIso(now);
  const consentAt = Number.isNaN(Date.parse(input.consent.at))
    ? stamp
    : new Date(input.consent.at).toISOString();
  const subscriber = await upsertSubscriber(
    executor,
    checked.address,
    input.name.trim().slice(0, 100),
    stamp,
  );
  const ended = new Set(
    (await listSubscriptions(executor, subscriber.id))
      .filter((s) => s.status === 'unsubscribed')
      .map((s) => s.newsletter_id),
  );
  const ids = [...new Set(input.newsletterIds)].filter((id) => !ended.has(id));
  for (const id of ids) await setSubscriptionStatus(executor, subscriber.id, id, 'active', stamp);
  await insertConsentRecord(executor, {
    subscriber_id: subscriber.id,
    action: 'import',
    newsletter_ids: JSON.stringify(ids),
    consent_text: input.consent.text.slice(0, 2000),
    location: input.consent.location.slice(0, 200),
    ip: '',
    user_agent: '',
    created_at: consentAt,
    confirmed_at: consentAt,
  });
  return { ok: true, subscriberId: subscriber.id, subscribed: ids.length };
}
