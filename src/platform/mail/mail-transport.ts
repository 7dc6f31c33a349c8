import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { lazyModule } from '../modules/lazy-module.js';
import type { BlobStore } from '../storage/blob-store.js';
import { createLocalBlobStore } from '../storage/local-blob-store.js';

/** One message to send. `from` defaults to MAIL_FROM; `envelopeFrom` sets the bounce address. */
// nodemailer loads with the first message sent, not when a web process starts.
const loadNodemailer = lazyModule(async () => (await import('nodemailer')).default);

export interface OutgoingMail {
  from?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  headers?: Record<string, string>;
  envelopeFrom?: string;
}

export interface SentMail {
  messageId: string;
  response?: string;
}

/** Where mail goes: an SMTP relay, or `.eml` files in DATA_DIR/outbox/ (the default). */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): Promise<void>;
  readonly kind: 'smtp' | 'outbox';
}

/** The outbox folder for a data directory (the local blob store's `outbox/`). */
export function outboxDirectory(dataDir: string): string {
  return join(dataDir, 'outbox');
}

/** An outbox message's key in the blob store. */
export const outboxKey = (name: string): string => `outbox/${name}`;

/**
 * Outbox file names are made here, never by a client: a UTC timestamp (so names sort by
 * time), a per-process sequence (so messages in one millisecond keep their order) and random
 * hex (so two processes never collide). `outbox.ts` accepts only names matching this pattern.
 */
export const OUTBOX_FILE_PATTERN = /^\d{8}T\d{9}Z-\d{6}-[0-9a-f]{12}\.eml$/;

let sequence = 0;

function outboxFileName(now: Date): string {
  sequence = (sequence + 1) % 1_000_000;
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '$1Z');
  return `${stamp}-${String(sequence).padStart(6, '0')}-${randomBytes(6).toString('hex')}.eml`;
}

function toNodemailer(mail: OutgoingMail, mailFrom: string) {
  return {
    from: mail.from ?? mailFrom,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html === undefined ? {} : { html: mail.html }),
    ...(mail.replyTo === undefined ? {} : { replyTo: mail.replyTo }),
    ...(mail.headers === undefined ? {} : { headers: mail.headers }),
    ...(mail.envelopeFrom === undefined
      ? {}
      : { envelope: { from: mail.envelopeFrom, to: mail.to } }),
  };
}

/**
 * Builds the process's mail transport. Without SMTP_URL every message is composed by
 * nodemailer into a real MIME message and written atomically (temp file + rename) to
 * DATA_DIR/outbox/, so a newsroom without a relay can still read invitations and resets.
 */
export function createMailTransport(
  config: { smtpUrl: string | undefined; dataDir: string; mailFrom: string },
  options: {
    pool?: boolean;
    maxConnections?: number;
    rateLimitPerSecond?: number;
    /** Where the outbox lives: the site's blob store (shared by every node on S3). */
    storage?: BlobStore;
  } = {},
): MailTransport {
  if (config.smtpUrl) return createSmtpTransport(config.smtpUrl, config.mailFrom, options);
  return createOutboxTransport(
    options.storage ?? createLocalBlobStore(config.dataDir),
    config.mailFrom,
  );
}

function createSmtpTransport(
  smtpUrl: string,
  mailFrom: string,
  options: { pool?: boolean; maxConnections?: number; rateLimitPerSecond?: number },
): MailTransport {
  const url = new URL(smtpUrl);
  const base = {
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    ...(url.username
      ? {
          auth: {
            user: decodeURIComponent(url.username),
            pass: decodeURIComponent(url.password),
          },
        }
      : {}),
    // A relay on localhost or a private network often has a self-made certificate; the
    // operator opts out of verification explicitly with ?tls_reject_unauthorized=false.
    ...(url.searchParams.get('tls_reject_unauthorized') === 'false'
      ? { tls: { rejectUnauthorized: false } }
      : {}),
  };
  // Opened with the first message (nodemailer loads then); `??=` after the await keeps one.
  let transporter: Transporter | undefined;
  const open = async () => {
    const nodemailer = await loadNodemailer();
    transporter ??= options.pool
      ? nodemailer.createTransport({
          ...base,
          pool: true,
          maxConnections: options.maxConnections ?? 5,
          ...(options.rateLimitPerSecond
            ? { rateDelta: 1000, rateLimit: options.rateLimitPerSecond }
            : {}),
        } satisfies SMTPPool.Options)
      : nodemailer.createTransport(base satisfies SMTPTransport.Options);
    return transporter;
  };
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await (await open()).sendMail(toNodemailer(mail, mailFrom));
      return { messageId: info.messageId, response: info.response };
    },
    async close() {
      transporter?.close();
    },
  };
}

function createOutboxTransport(storage: BlobStore, mailFrom: string): MailTransport {
  // CRLF line ends: the files are RFC 5322 messages any mail client can open.
  let composer: Transporter | undefined;
  const open = async () => {
    const nodemailer = await loadNodemailer();
    composer ??= nodemailer.createTransport({
      streamTransport: true,
      buffer: true,
      newline: 'windows',
    });
    return composer;
  };
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await (await open()).sendMail(toNodemailer(mail, mailFrom));
      const name = outboxFileName(new Date());
      // The local store writes DATA_DIR/outbox/NAME through a temporary name; S3 puts whole objects.
      await storage.put(outboxKey(name), info.message as Buffer);
      return { messageId: info.messageId, response: `written to outbox as ${name}` };
    },
    async close() {
      composer?.close();
    },
  };
}
