import type { Executor } from '../platform/db/database.js';
import { findNewsletterBySlug } from './newsletter.repository.js';
import { createNewsletter } from './newsletter.service.js';

/** The demo newsroom's daily newsletter (idempotent). */
export async function seedDemoNewsletters(executor: Executor, now: Date): Promise<void> {
  if (await findNewsletterBySlug(executor, 'daily')) return;
  await createNewsletter(
    executor,
    {
      name: 'The Kyiv Ledger Daily',
      slug: 'daily',
      description: 'News from Kyiv and across Ukraine, in your inbox every morning at 7:00.',
      sender_name: 'The Kyiv Ledger',
      sender_email: '',
      reply_to: '',
      visibility: 'public',
      signup_default: true,
      welcome_subject: 'Welcome to The Kyiv Ledger Daily',
      welcome_text:
        'Thank you for subscribing. Every morning at 7:00 Kyiv time you will get the stories that matter, reported by people who live here.',
    },
    now,
  );
}
