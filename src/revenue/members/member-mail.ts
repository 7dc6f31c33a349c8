import { senderFor } from '../../admin/staff-mail.js';
import type { RevenueServices } from '../payment-provider.js';
import { html } from '../../platform/http/html.js';
import type { SentMail } from '../../platform/mail/mail-transport.js';
import type { SiteSettings } from '../../platform/settings/site-settings.js';
import { localeFor, translator } from '../../site/i18n/translate.js';

// The sign-in email: a plain-text part and a small HTML part in which every value is escaped,
// in the site's language, sent as the newsroom.

export interface MemberMailDeps {
  mail: RevenueServices['mail'];
  mailFrom: string;
  settings: SiteSettings;
}

/** Sends a sign-in link to `to`. */
export function sendSignInMail(deps: MemberMailDeps, to: string, url: string): Promise<SentMail> {
  const { settings } = deps;
  const t = translator(localeFor(settings.language));
  const site = settings.name;
  const heading = t('members.mail.heading', { site });
  const lines = [t('members.mail.intro', { site }), t('members.mail.validity')];
  const action = t('members.mail.action');
  const ignore = t('members.mail.ignore');
  const footer = [settings.name, settings.postalAddress].filter(Boolean).join('\n');
  const text = [heading, '', ...lines, '', `${action}: ${url}`, '', ignore, '', '-- ', footer].join(
    '\n',
  );
  const body = html`<!doctype html>
<html lang="${settings.language}"><head><meta charset="utf-8"><title>${heading}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:36rem;margin:0 auto;padding:1rem">
<h1 style="font-size:1.3rem">${heading}</h1>
${lines.map((line) => html`<p>${line}</p>`)}
<p><a href="${url}" style="display:inline-block;padding:.6rem 1rem;background:${settings.accentColor};color:#fff;text-decoration:none;border-radius:4px">${action}</a></p>
<p style="font-size:.9rem">${t('members.mail.copy')}<br>${url}</p>
<p style="font-size:.9rem">${ignore}</p>
<hr><p style="font-size:.8rem;color:#555;white-space:pre-line">${footer}</p>
</body></html>`;
  return deps.mail.send({
    from: senderFor(deps.mailFrom, settings.name),
    to,
    subject: t('members.mail.subject', { site }),
    text,
    html: body.toString(),
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
}
