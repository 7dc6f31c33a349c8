import { z } from 'zod';
import type { AppServices } from '../platform/app-services.js';
import { defineJob } from '../platform/jobs/job-definition.js';
import { localeFor, translator } from '../site/i18n/translate.js';
import { findNewsletterById } from './newsletter.repository.js';
import { createConfirmToken, createManageToken, loadSigningSecret } from './newsletter-tokens.js';
import { findConsentRecord, findSubscriberById } from './subscriber.repository.js';
import { senderOf } from './newsletter-sender.js';

// Transactional newsletter mail (confirmation, welcome), sent by jobs so the signup answer
// takes the same time whatever the address, and a relay hiccup is retried. Both are written in
// the site's language.

type MailDeps = Pick<AppServices, 'database' | 'mail' | 'config' | 'settings'>;

async function blockedAddress(deps: MailDeps, email: string): Promise<boolean> {
  const row = await deps.database.db
    .selectFrom('suppressions')
    .select('reason')
    .where('email', '=', email)
    .executeTakeFirst();
  return row !== undefined && row.reason !== 'unsubscribed';
}

export const confirmationEmailJob = defineJob({
  name: 'newsletters.confirmation-email',
  version: 1,
  payload: z.object({ consentId: z.number().int().positive() }),
  async handler({ consentId }, deps: MailDeps) {
    const { db } = deps.database;
    const consent = await findConsentRecord(db, consentId);
    if (!consent || consent.confirmed_at !== null) return;
    const subscriber = await findSubscriberById(db, consent.subscriber_id);
    if (!subscriber || (await blockedAddress(deps, subscriber.email))) return;
    const ids = JSON.parse(consent.newsletter_ids) as number[];
    const newsletters = (await Promise.all(ids.map((id) => findNewsletterById(db, id)))).filter(
      (n) => n !== undefined,
    );
    const settings = await deps.settings.get();
    const secret = await loadSigningSecret(db);
    const link = `${deps.config.baseUrl}/newsletters/confirm?token=${createConfirmToken(secret, consent.id, new Date(consent.created_at))}`;
    const names = newsletters.map((n) => n.name).join(', ');
    const t = translator(localeFor(settings.language));
    const text = `${subscriber.name ? t('newsletters.mail.helloName', { name: subscriber.name }) : t('newsletters.mail.hello')}

${t('newsletters.mail.confirmAsked', { names: names || t('newsletters.mail.ourNewsletters'), site: settings.name })}

${t('newsletters.mail.confirmHow')}
${link}

${t('newsletters.mail.confirmIgnore')}

${settings.name}${settings.postalAddress ? `\n${settings.postalAddress}` : ''}
`;
    await deps.mail.send({
      from: newsletters[0] ? senderOf(newsletters[0], deps.config.mailFrom) : undefined,
      to: subscriber.email,
      subject: t('newsletters.mail.confirmSubject', { names: names || settings.name }),
      text,
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  },
});

export const welcomeEmailJob = defineJob({
  name: 'newsletters.welcome-email',
  version: 1,
  payload: z.object({
    subscriberId: z.number().int().positive(),
    newsletterId: z.number().int().positive(),
  }),
  async handler({ subscriberId, newsletterId }, deps: MailDeps) {
    const { db } = deps.database;
    const [subscriber, newsletter] = await Promise.all([
      findSubscriberById(db, subscriberId),
      findNewsletterById(db, newsletterId),
    ]);
    if (!subscriber || !newsletter || newsletter.welcome_subject === '') return;
    if (await blockedAddress(deps, subscriber.email)) return;
    const secret = await loadSigningSecret(db);
    const preferences = `${deps.config.baseUrl}/newsletters/preferences?token=${createManageToken(secret, subscriber.id)}`;
    const t = translator(localeFor((await deps.settings.get()).language));
    await deps.mail.send({
      from: senderOf(newsletter, deps.config.mailFrom),
      ...(newsletter.reply_to ? { replyTo: newsletter.reply_to } : {}),
      to: subscriber.email,
      subject: newsletter.welcome_subject,
      text: `${newsletter.welcome_text}\n\n--\n${t('newsletters.mail.manage', { url: preferences })}\n`,
    });
  },
});
