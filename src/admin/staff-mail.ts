import type { AppServices } from '../platform/app-services.js';
import { html } from '../platform/http/html.js';
import type { SentMail } from '../platform/mail/mail-transport.js';
import type { SiteSettings } from '../platform/settings/site-settings.js';

// The two account emails staff receive: a password reset and an invitation. Each has a plain
// text part and a small HTML part in which every value is escaped.

export interface StaffMailDeps {
  mail: AppServices['mail'];
  mailFrom: string;
  settings: SiteSettings;
}

/** MAIL_FROM's address under the newsroom's name, so inboxes show who is writing. */
export function senderFor(mailFrom: string, siteName: string): string {
  const address = /<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  const name = siteName.replace(/["\\\r\n<>]/g, '').trim();
  return name ? `"${name}" <${address}>` : address;
}

function footerText(settings: SiteSettings): string {
  return [settings.name, settings.postalAddress].filter(Boolean).join('\n');
}

function render(
  settings: SiteSettings,
  parts: { heading: string; lines: string[]; action: string; url: string; after: string },
) {
  const text = [
    parts.heading,
    '',
    ...parts.lines,
    '',
    `${parts.action}: ${parts.url}`,
    '',
    parts.after,
    '',
    '-- ',
    footerText(settings),
  ].join('\n');
  const body = html`<!doctype html>
<html lang="${settings.language}"><head><meta charset="utf-8"><title>${parts.heading}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;max-width:36rem;margin:0 auto;padding:1rem">
<h1 style="font-size:1.3rem">${parts.heading}</h1>
${parts.lines.map((line) => html`<p>${line}</p>`)}
<p><a href="${parts.url}" style="display:inline-block;padding:.6rem 1rem;background:${settings.accentColor};color:#fff;text-decoration:none;border-radius:4px">${parts.action}</a></p>
<p style="font-size:.9rem">If the button does not work, copy this address into your browser:<br>${parts.url}</p>
<p style="font-size:.9rem">${parts.after}</p>
<hr><p style="font-size:.8rem;color:#555;white-space:pre-line">${footerText(settings)}</p>
</body></html>`;
  return { text, html: body.toString() };
}

/** Sends the password-reset link. */
export function sendPasswordResetMail(
  deps: StaffMailDeps,
  to: string,
  url: string,
): Promise<SentMail> {
  const { settings } = deps;
  const content = render(settings, {
    heading: `Reset your ${settings.name} password`,
    lines: [
      `Someone (hopefully you) asked to reset the password of the ${settings.name} staff account for ${to}.`,
      'The link works once and expires in one hour.',
    ],
    action: 'Choose a new password',
    url,
    after: 'If you did not ask for this, ignore this email: your password stays as it is.',
  });
  return deps.mail.send({
    from: senderFor(deps.mailFrom, settings.name),
    to,
    subject: `Reset your ${settings.name} password`,
    ...content,
  });
}

/** Sends an invitation to join the newsroom's staff. */
export function sendInvitationMail(
  deps: StaffMailDeps,
  invitation: { to: string; role: string; invitedBy: string | undefined },
  url: string,
): Promise<SentMail> {
  const { settings } = deps;
  const who = invitation.invitedBy ? `${invitation.invitedBy} invited you` : 'You are invited';
  const content = render(settings, {
    heading: `Join ${settings.name}`,
    lines: [
      `${who} to join ${settings.name} as ${invitation.role === 'admin' || invitation.role === 'author' || invitation.role === 'editor' ? 'an' : 'a'} ${invitation.role}.`,
      'Choose your name and a password to create your staff account. The link works once and expires in 7 days.',
    ],
    action: 'Accept the invitation',
    url,
    after: 'If you were not expecting this, you can ignore this email.',
  });
  return deps.mail.send({
    from: senderFor(deps.mailFrom, settings.name),
    to: invitation.to,
    subject: `You are invited to join ${settings.name}`,
    ...content,
  });
}
