import { escapeHtml } from '../../platform/http/html.js';
import type { OutgoingMail } from '../../platform/mail/mail-transport.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { intlLocale, localeFor, type Translate, translator } from '../../site/i18n/translate.js';
import type { Payment, RevenueSubscription } from '../ledger.repository.js';
import type { Member } from '../member.repository.js';
import { formatMoney } from '../money.js';
import type { Offers } from '../offers.js';

// The payment emails' words: plain text and a simple HTML version of the same paragraphs,
// every value escaped, in the site's language, from the newsroom's name.

export interface EmailContext {
  settings: SiteSettings;
  offers: Offers;
  mailFrom: string;
  baseUrl: string;
  testMode: boolean;
}

/** `"Newsroom name" <address of MAIL_FROM>`. */
export function newsroomSender(siteName: string, mailFrom: string): string {
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  const name = siteName.replace(/["\\\r\n]/g, '').trim();
  return name ? `"${name}" <${address}>` : address;
}

function formatDate(iso: string, settings: SiteSettings): string {
  return new Intl.DateTimeFormat(intlLocale(localeFor(settings.language)), {
    dateStyle: 'long',
    timeZone: settings.timeZone,
  }).format(new Date(iso));
}

function tierName(offers: Offers, tierId: string): string {
  return offers.tiers.find((tier) => tier.id === tierId)?.name ?? tierId;
}

function subscriptionNoun(t: Translate, offers: Offers, subscription: RevenueSubscription) {
  return subscription.kind === 'membership'
    ? t('revenue.email.membershipNoun', { tier: tierName(offers, subscription.tier_id) })
    : t('revenue.email.recurringNoun');
}

/** Paragraphs (a null entry is a link line: text then URL) → text and HTML bodies. */
function compose(
  ctx: EmailContext,
  member: Member,
  subject: string,
  paragraphs: Array<string | { label: string; url: string }>,
): OutgoingMail {
  const t = translator(localeFor(ctx.settings.language));
  const greeting = member.name
    ? t('revenue.email.greetingNamed', { name: member.name })
    : t('revenue.email.greeting');
  const all = [
    ...(ctx.testMode ? [t('revenue.email.testMode')] : []),
    greeting,
    ...paragraphs,
    t('revenue.email.signoff', { site: ctx.settings.name }),
  ];
  const text = all.map((p) => (typeof p === 'string' ? p : `${p.label}\n${p.url}`)).join('\n\n');
  const htmlBody = all
    .map((p) =>
      typeof p === 'string'
        ? `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`
        : `<p>${escapeHtml(p.label)}<br><a href="${escapeHtml(p.url)}">${escapeHtml(p.url)}</a></p>`,
    )
    .join('\n');
  const lang = escapeHtml(ctx.settings.language);
  return {
    from: newsroomSender(ctx.settings.name, ctx.mailFrom),
    to: member.email,
    subject,
    text: `${text}\n`,
    html: `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Georgia,serif;font-size:16px;line-height:1.5;color:#111;max-width:36em">\n${htmlBody}\n</body></html>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** Thank-you and receipt for a payment; `welcome` for the first payment of a subscription. */
export function receiptEmail(
  ctx: EmailContext,
  member: Member,
  payment: Payment,
  subscription: RevenueSubscription | undefined,
  welcome: boolean,
): OutgoingMail {
  const t = translator(localeFor(ctx.settings.language));
  const site = ctx.settings.name;
  const locale = intlLocale(localeFor(ctx.settings.language));
  const amount = formatMoney(payment.amount, payment.currency, locale);
  let subject: string;
  let lead: string;
  if (!subscription) {
    subject = t('revenue.email.donationSubject', { site });
    lead = t('revenue.email.donationBody', { amount });
  } else if (welcome && subscription.kind === 'membership') {
    subject = t('revenue.email.membershipSubject', { site });
    lead = t('revenue.email.membershipBody', { tier: tierName(ctx.offers, subscription.tier_id) });
  } else if (welcome) {
    subject = t('revenue.email.recurringSubject', { site });
    lead = t('revenue.email.recurringBody', { amount });
  } else {
    subject = t('revenue.email.renewalSubject', { site });
    lead = t('revenue.email.renewalBody', {
      amount,
      description: subscriptionNoun(t, ctx.offers, subscription),
    });
  }
  const receipt = [
    t('revenue.email.receipt'),
    t('revenue.email.amount', { amount }),
    t('revenue.email.date', { date: formatDate(payment.paid_at, ctx.settings) }),
  ].join('\n');
  return compose(ctx, member, subject, [
    lead,
    receipt,
    ...(payment.receipt_url
      ? [{ label: t('revenue.thanks.receiptLink'), url: payment.receipt_url }]
      : []),
  ]);
}

/** A renewal failed: how to fix the card. */
export function paymentFailedEmail(
  ctx: EmailContext,
  member: Member,
  subscription: RevenueSubscription,
  link: string,
): OutgoingMail {
  const t = translator(localeFor(ctx.settings.language));
  const amount = formatMoney(
    subscription.amount,
    subscription.currency,
    intlLocale(localeFor(ctx.settings.language)),
  );
  return compose(ctx, member, t('revenue.email.failedSubject', { site: ctx.settings.name }), [
    t('revenue.email.failedBody', {
      amount,
      description: subscriptionNoun(t, ctx.offers, subscription),
    }),
    { label: t('revenue.email.failedAction'), url: link || `${ctx.baseUrl}/support/` },
  ]);
}

/** The subscription was canceled (at period end) or has ended; states the end date. */
export function cancellationEmail(
  ctx: EmailContext,
  member: Member,
  subscription: RevenueSubscription,
): OutgoingMail {
  const t = translator(localeFor(ctx.settings.language));
  const description = subscriptionNoun(t, ctx.offers, subscription);
  const ended = subscription.status === 'canceled';
  const endIso = ended
    ? (subscription.canceled_at ?? subscription.updated_at)
    : (subscription.current_period_end ?? subscription.updated_at);
  const date = formatDate(endIso, ctx.settings);
  return compose(ctx, member, t('revenue.email.cancelSubject', { site: ctx.settings.name }), [
    ended
      ? t('revenue.email.cancelBodyEnded', { description, date })
      : t('revenue.email.cancelBodyPeriodEnd', { description, date }),
    t('revenue.email.comeBack', { url: `${ctx.baseUrl}/support/` }),
  ]);
}
