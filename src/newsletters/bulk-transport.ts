import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { MailTransport } from '../platform/mail/mail-transport.js';
import { createSmtpConnectionPool, type PooledSendError } from './smtp-connection-pool.js';

// The bulk sender: a pool of SMTP connections on SMTP_URL, answering with what the engine must know
// per recipient — accepted, try later (4xx), refused (5xx; 5.1.x is a hard bounce), or
// unknown. Without SMTP_URL the process's mail transport (the .eml outbox) is used instead.

export interface BulkMessage {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
  /** The VERP return path: bounces+<delivery-id>@domain. */
  envelopeFrom: string;
  /** The finished MIME message (raw-message.ts); SMTP sends it as is when present. */
  raw?: Buffer;
}

export type SendOutcome =
  | { kind: 'sent'; response: string }
  | { kind: 'retry'; response: string }
  | { kind: 'failed'; response: string; hardBounce: boolean }
  | { kind: 'ambiguous'; response: string };

export interface BulkTransport {
  send(message: BulkMessage): Promise<SendOutcome>;
  close(): Promise<void>;
  readonly concurrency: number;
  /** True when `send` uses `BulkMessage.raw` (so the engine builds it). */
  readonly acceptsRaw: boolean;
  /** Messages per rolling hour over every send (the engine keeps to it); undefined: no limit. */
  readonly ratePerHour?: number;
}

export interface BulkTransportOptions {
  maxConnections?: number;
  rateLimitPerSecond?: number;
  rateLimitPerHour?: number;
  /** Socket inactivity timeout (default 60 s); a stalled server ends in `ambiguous`. */
  socketTimeoutMs?: number;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

/**
 * What an SMTP error means for one recipient. A reply code is definite. Without one the
 * connection failed: if it never got as far as a session (refused, DNS, greeting or connect
 * timeout) nothing was sent and trying later is safe; otherwise the message may or may not
 * have been accepted (nodemailer cannot say whether the DATA phase was reached) → ambiguous.
 */
export function classifySmtpError(error: unknown): SendOutcome {
  const e = (error ?? {}) as SmtpError;
  const response = (e.response ?? e.message ?? String(error)).slice(0, 500);
  if (typeof e.responseCode === 'number') {
    if (e.responseCode >= 400 && e.responseCode < 500) return { kind: 'retry', response };
    if (e.responseCode >= 500)
      return { kind: 'failed', response, hardBounce: /\b5\.1\.\d{1,3}\b/.test(response) };
  }
  const beforeSession =
    e.code === 'EDNS' ||
    e.code === 'EAUTH' ||
    (e.code === 'ECONNECTION' &&
      /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND/.test(response)) ||
    (e.code === 'ETIMEDOUT' && /Greeting never received|Connection timeout/i.test(response));
  return beforeSession ? { kind: 'retry', response } : { kind: 'ambiguous', response };
}

/** A pooled SMTP bulk transport for `smtpUrl` (finished messages; see smtp-connection-pool.ts). */
export function createSmtpBulkTransport(
  smtpUrl: string,
  options: BulkTransportOptions = {},
): BulkTransport {
  const url = new URL(smtpUrl);
  const maxConnections = options.maxConnections ?? 5;
  const socketTimeout = options.socketTimeoutMs ?? 60_000;
  const pool = createSmtpConnectionPool({
    connection: {
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      ...(url.searchParams.get('tls_reject_unauthorized') === 'false'
        ? { tls: { rejectUnauthorized: false } }
        : {}),
      socketTimeout,
      greetingTimeout: Math.min(socketTimeout, 30_000),
      connectionTimeout: Math.min(socketTimeout, 30_000),
    },
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    maxConnections,
    ...(options.rateLimitPerSecond ? { rateLimitPerSecond: options.rateLimitPerSecond } : {}),
  });
  return {
    concurrency: maxConnections,
    acceptsRaw: true,
    ...(options.rateLimitPerHour ? { ratePerHour: options.rateLimitPerHour } : {}),
    async send(message) {
      try {
        const raw = message.raw ?? (await composeMessage(message));
        const response = await pool.send({ from: message.envelopeFrom, to: message.to }, raw);
        return { kind: 'sent', response: response.slice(0, 500) };
      } catch (failure) {
        const { error, bodyStarted } = failure as PooledSendError;
        const outcome = classifySmtpError(error);
        // Nothing of the message went out: whatever broke, trying again later cannot duplicate it.
        return outcome.kind === 'ambiguous' && bodyStarted === false
          ? { kind: 'retry', response: outcome.response }
          : outcome;
      }
    },
    async close() {
      pool.close();
    },
  };
}

/** A message without `raw`, composed by nodemailer (tests and one-off callers). */
function composeMessage(message: BulkMessage): Promise<Buffer> {
  return new MailComposer({
    from: message.from,
    to: message.to,
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers: message.headers,
    messageId: message.messageId,
  })
    .compile()
    .build();
}

/** The outbox (or any MailTransport) as a bulk transport: no reply codes, one at a time. */
export function createMailBulkTransport(mail: MailTransport): BulkTransport {
  return {
    concurrency: 1,
    acceptsRaw: false,
    async send(message) {
      try {
        const sent = await mail.send({
          from: message.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          headers: { ...message.headers, 'Message-ID': message.messageId },
          envelopeFrom: message.envelopeFrom,
          ...(message.replyTo ? { replyTo: message.replyTo } : {}),
        });
        return { kind: 'sent', response: sent.response ?? '' };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    close: async () => undefined,
  };
}
