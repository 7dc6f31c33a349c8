import type { NewsletterRow } from './newsletter.table.js';

/** The From header for a newsletter: its own sender, else MAIL_FROM (with its display name). */
export function senderOf(newsletter: NewsletterRow, mailFrom: string): string {
  if (!newsletter.sender_email) return mailFrom;
  const name = newsletter.sender_name.replace(/["\\\r\n]/g, '');
  return name ? `"${name}" <${newsletter.sender_email}>` : newsletter.sender_email;
}

/** The domain of an address such as `Name <a@b.org>` or `a@b.org`. */
export function domainOf(address: string): string {
  const match = /@([^>\s]+)>?\s*$/.exec(address);
  return match?.[1]?.toLowerCase() ?? 'localhost';
}
