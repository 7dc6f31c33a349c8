import { parseMail } from '../platform/mail/parse-mail.js';
import type { BounceKind } from './bounce.service.js';

// Delivery status notifications (RFC 3464) and abuse reports (RFC 5965), as forwarded by the
// mail server that receives `bounces+<delivery-id>@domain`. The VERP address says which
// delivery bounced even when the DSN's own fields are missing or rewritten.

export interface ParsedBounce {
  kind: BounceKind;
  email: string | undefined;
  deliveryId: number | undefined;
  status: string;
}

function field(text: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(text);
  return match?.[1]?.trim();
}

/** The delivery id in a VERP address `bounces+<id>@domain`, if any. */
export function deliveryIdFromVerp(address: string): number | undefined {
  const match = /\bbounces\+(\d{1,15})@/i.exec(address);
  return match?.[1] ? Number(match[1]) : undefined;
}

/** Reads a DSN or ARF message; undefined when it is neither (e.g. an auto-reply). */
export async function parseBounceMessage(raw: string | Buffer): Promise<ParsedBounce | undefined> {
  const mail = await parseMail(raw);
  const recipients = [mail.to, mail.cc]
    .flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a : [a]))
    .flatMap((a) => a.value.map((v) => v.address ?? ''));
  const headerTo = ['delivered-to', 'x-original-to']
    .map((h) => String(mail.headers.get(h) ?? ''))
    .concat(recipients);
  const deliveryId = headerTo.map(deliveryIdFromVerp).find((id) => id !== undefined);
  const parts = mail.attachments.map((a) => ({
    type: a.contentType.toLowerCase(),
    text: a.content.toString('utf8'),
  }));
  const feedback = parts.find((p) => p.type === 'message/feedback-report');
  if (feedback) {
    const email = field(feedback.text, 'Original-Rcpt-To') ?? undefined;
    return {
      kind: 'complaint',
      email: email?.toLowerCase(),
      deliveryId,
      status: field(feedback.text, 'Feedback-Type') ?? 'abuse',
    };
  }
  // mailparser does not always surface the delivery-status part as an attachment; the part's
  // fields are then read from the raw text after its Content-Type line.
  const source = typeof raw === 'string' ? raw : raw.toString('utf8');
  const marker = /content-type:\s*message\/(global-)?delivery-status/i.exec(source);
  const report =
    parts.find(
      (p) => p.type === 'message/delivery-status' || p.type === 'message/global-delivery-status',
    ) ??
    (marker
      ? { type: 'message/delivery-status', text: source.slice(marker.index + marker[0].length) }
      : undefined);
  if (!report) return undefined;
  const action = (field(report.text, 'Action') ?? '').toLowerCase();
  const status = field(report.text, 'Status') ?? '';
  const finalRecipient =
    field(report.text, 'Final-Recipient') ?? field(report.text, 'Original-Recipient') ?? '';
  const email =
    finalRecipient
      .replace(/^rfc822\s*;\s*/i, '')
      .trim()
      .toLowerCase() || undefined;
  if (action === 'delivered' || action === 'relayed' || action === 'expanded') return undefined;
  // 5.2.2 (mailbox full) is permanent by its code but usually clears: counted as soft.
  const hard = action === 'failed' && /^5\./.test(status) && status !== '5.2.2';
  return { kind: hard ? 'hard' : 'soft', email, deliveryId, status };
}
