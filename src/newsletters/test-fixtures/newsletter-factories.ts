import type { Executor } from '../../platform/db/database.js';
import { createNewsletter } from '../newsletter.service.js';
import type { NewsletterRow } from '../newsletter.table.js';
import { setSubscriptionStatus, upsertSubscriber } from '../subscriber.repository.js';

let counter = 0;

/** A public newsletter with a unique slug. */
export async function buildNewsletter(
  executor: Executor,
  overrides: Partial<Parameters<typeof createNewsletter>[1]> = {},
): Promise<NewsletterRow> {
  counter += 1;
  return createNewsletter(
    executor,
    {
      name: `Test Letter ${counter}`,
      slug: `test-letter-${counter}-${Math.random().toString(36).slice(2, 6)}`,
      description: '',
      sender_name: 'Test Desk',
      sender_email: 'desk@news.test',
      reply_to: '',
      visibility: 'public',
      signup_default: false,
      welcome_subject: '',
      welcome_text: '',
      ...overrides,
    },
    new Date(),
  );
}

/** Active, confirmed subscribers of a newsletter (confirmed a minute ago). */
export async function buildSubscribers(
  executor: Executor,
  newsletterId: number,
  emails: string[],
  name = (email: string) => email.split('@')[0] ?? '',
) {
  const stamp = new Date(Date.now() - 60_000).toISOString();
  const ids: number[] = [];
  for (const email of emails) {
    const subscriber = await upsertSubscriber(executor, email, name(email), stamp);
    await setSubscriptionStatus(executor, subscriber.id, newsletterId, 'active', stamp);
    ids.push(subscriber.id);
  }
  return ids;
}
