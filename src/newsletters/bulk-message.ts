import type { BulkMessage } from './bulk-transport.js';
import type { CompiledIssue, RecipientTracking } from './issue-render.js';
import type { DeliveryRow, IssueRow, NewsletterRow } from './newsletter.table.js';
import { domainOf, senderOf } from './newsletter-sender.js';
import { createClickToken, createManageToken, createOpenToken } from './newsletter-tokens.js';
import { buildRawMessage } from './raw-message.js';

/**
 * One reader's click tokens (one signature per distinct link) and opens token, or undefined
 * when the newsletter tracks neither. Computed once and used for both the HTML and text parts.
 */
function trackingTokens(
  compiled: CompiledIssue,
  secret: string,
  issueId: number,
  deliveryId: number,
): RecipientTracking | undefined {
  if (compiled.links.length === 0 && !compiled.tracksOpens) return undefined;
  const links = new Map<number, string>();
  for (const link of compiled.links)
    links.set(link.id, createClickToken(secret, { issueId, deliveryId, linkId: link.id }));
  return compiled.tracksOpens
    ? { links, open: createOpenToken(secret, issueId, deliveryId) }
    : { links };
}

/** The URLs and headers that make one reader's copy of an issue. */
export function buildBulkMessage(input: {
  row: Pick<DeliveryRow, 'id' | 'subscriber_id' | 'email' | 'name'>;
  issue: Pick<IssueRow, 'id' | 'subject'>;
  newsletter: NewsletterRow;
  compiled: CompiledIssue;
  secret: string;
  baseUrl: string;
  mailFrom: string;
  /** Also build the finished MIME message (for the SMTP transport). */
  raw?: boolean;
}): BulkMessage {
  const { row, issue, newsletter, secret, baseUrl } = input;
  const from = senderOf(newsletter, input.mailFrom);
  const domain = domainOf(from);
  const unsubscribeToken = createManageToken(secret, row.subscriber_id, newsletter.id);
  const unsubscribeUrl = `${baseUrl}/newsletters/unsubscribe?token=${unsubscribeToken}`;
  const preferencesUrl = `${baseUrl}/newsletters/preferences?token=${createManageToken(secret, row.subscriber_id)}`;
  const values = {
    name: row.name,
    unsubscribeUrl,
    preferencesUrl,
    tracking: trackingTokens(input.compiled, secret, issue.id, row.id),
  };
  const body = input.compiled.personalize(values);
  const headers = {
    'List-Unsubscribe': `<${unsubscribeUrl}>, <mailto:unsubscribe+${unsubscribeToken}@${domain}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `${newsletter.name.replace(/[<>"\r\n]/g, '')} <${newsletter.slug}.${domain}>`,
    'X-Masthead-Delivery': String(row.id),
  };
  const messageId = `<nl.${row.id}.${issue.id}@${domain}>`;
  const encoded = input.raw ? input.compiled.personalizeEncoded(values) : undefined;
  return {
    from,
    to: row.email,
    ...(newsletter.reply_to ? { replyTo: newsletter.reply_to } : {}),
    subject: issue.subject,
    html: body.html,
    text: body.text,
    headers,
    messageId,
    envelopeFrom: `bounces+${row.id}@${domain}`,
    ...(encoded
      ? {
          raw: buildRawMessage({
            from,
            to: row.email,
            ...(newsletter.reply_to ? { replyTo: newsletter.reply_to } : {}),
            subject: issue.subject,
            messageId,
            headers,
            textQp: encoded.textQp,
            htmlQp: encoded.htmlQp,
            date: new Date(),
            boundary: input.compiled.boundary,
          }),
        }
      : {}),
  };
}
