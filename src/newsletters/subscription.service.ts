import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import type { EventPublisher } from '../platform/events/domain-events.js';
import { enqueueJob } from '../platform/jobs/job-queue.js';
import './newsletter-events.js';
import { findNewslettersBySlugs } from './newsletter.repository.js';
import type { ConsentRecordRow, NewsletterRow } from './newsletter.table.js';
import { readConfirmToken } from './newsletter-tokens.js';
import {
  findConsentRecord,
  insertConsentRecord,
  listSubscriptions,
  markConsentConfirmed,
  setSubscriptionStatus,
  upsertSubscriber,
} from './subscriber.repository.js';
import { confirmationEmailJob, welcomeEmailJob } from './subscription-mail.job.js';

// Double opt-in. A signup records consent and leaves the subscriptions pending; only the POST
// behind the emailed link confirms. The answer to a signup never depends on whether the
// address was known (no enumeration): an address already subscribed to everything it asked
// for simply gets no new email.

/** Signups per address per hour that send a confirmation email; more are answered alike. */
const confirmationsPerAddressPerHour = 3;

export interface SubscribeInput {
  email: string;
  name: string;
  slugs: string[];
  location: string;
  consentText: string;
  ip: string;
  userAgent: string;
  /** The analytics script's `touch` field, passed on unparsed in the signup's event. */
  touch?: string;
}

/** The public newsletters among `slugs` (private or unknown ones are ignored). */
export async function resolveSignupNewsletters(
  executor: Executor,
  slugs: string[],
): Promise<NewsletterRow[]> {
  const rows = await findNewslettersBySlugs(executor, [...new Set(slugs)].slice(0, 20));
  return rows.filter((row) => row.visibility === 'public');
}

/**
 * Records a signup. Returns what happened, for logs and tests only — the HTTP answer is the
 * same in every case.
 */
export async function requestSubscription(
  executor: Executor,
  now: Date,
  newsletters: NewsletterRow[],
  input: SubscribeInput,
  events?: EventPublisher,
): Promise<'confirmation_queued' | 'already_subscribed' | 'blocked' | 'throttled'> {
  const stamp = nowIso(now);
  const suppression = await executor
    .selectFrom('suppressions')
    .select('reason')
    .where('email', '=', input.email)
    .executeTakeFirst();
  // A bounced or complaining address is never mailed again, not even a confirmation.
  if (suppression && suppression.reason !== 'unsubscribed') return 'blocked';
  const subscriber = await upsertSubscriber(executor, input.email, input.name, stamp);
  const existing = await listSubscriptions(executor, subscriber.id);
  const wanted = newsletters.filter(
    (n) => existing.find((s) => s.newsletter_id === n.id)?.status !== 'active',
  );
  if (wanted.length === 0) return 'already_subscribed';
  const since = nowIso(new Date(now.getTime() - 3600_000));
  const recent = await executor
    .selectFrom('consent_records')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('subscriber_id', '=', subscriber.id)
    .where('action', '=', 'signup')
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(recent.n) >= confirmationsPerAddressPerHour) return 'throttled';
  for (const newsletter of wanted) {
    await setSubscriptionStatus(executor, subscriber.id, newsletter.id, 'pending', stamp);
  }
  const consent = await insertConsentRecord(executor, {
    subscriber_id: subscriber.id,
    action: 'signup',
    newsletter_ids: JSON.stringify(wanted.map((n) => n.id)),
    consent_text: input.consentText,
    location: input.location.slice(0, 200),
    ip: input.ip,
    user_agent: input.userAgent.slice(0, 400),
    created_at: stamp,
    confirmed_at: null,
  });
  await enqueueJob(executor, confirmationEmailJob, { consentId: consent.id });
  await events?.publish(executor, `consent:${consent.id}`, {
    type: 'newsletter.signup-requested',
    consentId: consent.id,
    location: input.location.slice(0, 200),
    touch: input.touch ?? '',
  });
  return 'confirmation_queued';
}

export type ConfirmCheck =
  | { kind: 'ready'; consent: ConsentRecordRow }
  | { kind: 'used' }
  | { kind: 'expired' }
  | { kind: 'invalid' };

/** What a confirmation link stands for, without changing anything (the GET). */
export async function checkConfirmation(
  executor: Executor,
  secret: string,
  token: string,
  now: Date,
): Promise<ConfirmCheck> {
  const read = readConfirmToken(secret, token, now);
  if (!read.ok) return { kind: read.reason };
  const consent = await findConsentRecord(executor, read.consentId);
  if (!consent) return { kind: 'invalid' };
  if (consent.confirmed_at !== null) return { kind: 'used' };
  return { kind: 'ready', consent };
}

/** Confirms a signup (the POST): activates its subscriptions once; a second use changes nothing. */
export async function confirmSubscription(
  executor: Executor,
  secret: string,
  input: { token: string; ip: string; userAgent: string; now: Date },
): Promise<'used' | 'expired' | 'invalid' | 'confirmed'> {
  const check = await checkConfirmation(executor, secret, input.token, input.now);
  if (check.kind !== 'ready') return check.kind;
  const stamp = nowIso(input.now);
  const claimed = await markConsentConfirmed(executor, check.consent.id, {
    at: stamp,
    ip: input.ip,
    userAgent: input.userAgent.slice(0, 400),
  });
  if (!claimed) return 'used';
  const subscriberId = check.consent.subscriber_id;
  const ids = JSON.parse(check.consent.newsletter_ids) as number[];
  const before = await listSubscriptions(executor, subscriberId);
  for (const newsletterId of ids) {
    await setSubscriptionStatus(executor, subscriberId, newsletterId, 'active', stamp);
    if (before.find((s) => s.newsletter_id === newsletterId)?.status !== 'active') {
      await enqueueJob(executor, welcomeEmailJob, { subscriberId, newsletterId });
    }
  }
  // Confirming again is a fresh, explicit consent: an earlier unsubscribe no longer applies.
  const subscriber = await executor
    .selectFrom('subscribers')
    .select('email')
    .where('id', '=', subscriberId)
    .executeTakeFirstOrThrow();
  await executor
    .deleteFrom('suppressions')
    .where('email', '=', subscriber.email)
    .where('reason', '=', 'unsubscribed')
    .execute();
  await executor
    .updateTable('subscribers')
    .set({ status: 'active', updated_at: stamp })
    .where('id', '=', subscriberId)
    .execute();
  return 'confirmed';
}
