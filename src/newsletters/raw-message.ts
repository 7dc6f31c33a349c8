import { randomBytes } from 'node:crypto';
import { encodeWords } from 'nodemailer/lib/mime-funcs/index.js';
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp/index.js';

// Bulk messages are assembled here as finished MIME rather than composed by nodemailer per
// message: the issue's HTML and text are quoted-printable encoded once, and each reader's
// values are encoded on their own and joined in with soft line breaks ("=\r\n"), which is
// valid QP wherever it falls. Handing nodemailer a finished message more than doubles the
// messages per second one process can send (measured: ~800 → ~2,000 msg/s).

/** Quoted-printable with CRLF line ends and lines of at most 76 characters. */
export function quotedPrintable(text: string): string {
  return qpWrap(qpEncode(text.replace(/\r?\n/g, '\r\n')), 76);
}

/** Joins QP-encoded segments: a soft line break between each keeps every line short. */
export function joinQuotedPrintable(segments: string[]): string {
  return segments.filter((s) => s !== '').join('=\r\n');
}

const ascii = /^[\x20-\x7e]*$/;

function headerText(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  return ascii.test(clean) ? clean : encodeWords(clean, 'Q', 52);
}

/** `Name <a@b>` / `"Name" <a@b>` / `a@b` as a header value, the name encoded when needed. */
export function addressHeader(address: string): string {
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(address);
  if (!match?.[2]) return address.trim();
  const name = (match[1] ?? '').replace(/^"(.*)"$/, '$1').replace(/[\r\n]+/g, ' ');
  if (!name) return `<${match[2]}>`;
  return `${ascii.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : encodeWords(name, 'Q', 52)} <${match[2]}>`;
}

export interface RawMessageInput {
  from: string;
  to: string;
  replyTo?: string;
  subject: string;
  messageId: string;
  headers: Record<string, string>;
  textQp: string;
  htmlQp: string;
  date: Date;
  /** The multipart boundary; one random value per issue is enough (and saves a random draw per message). */
  boundary?: string;
}

/** A random multipart boundary (cannot occur in QP-encoded parts: they never contain "--_"). */
export function newBoundary(): string {
  return `--_masthead_${randomBytes(9).toString('base64url')}`;
}

/** A complete RFC 5322 message: multipart/alternative with QP text and HTML parts. */
export function buildRawMessage(input: RawMessageInput): Buffer {
  const boundary = input.boundary ?? newBoundary();
  const lines = [
    `From: ${addressHeader(input.from)}`,
    `To: <${input.to}>`,
    ...(input.replyTo ? [`Reply-To: ${addressHeader(input.replyTo)}`] : []),
    // Subjects are at most 200 characters; encoded words are folded between words.
    `Subject: ${headerText(input.subject).replace(/\?= =\?/g, '?=\r\n =?')}`,
    `Date: ${input.date.toUTCString()}`,
    `Message-ID: ${input.messageId}`,
    'MIME-Version: 1.0',
    ...Object.entries(input.headers).map(
      ([key, value]) =>
        // List-Unsubscribe's two URIs go on separate folded lines.
        `${key}: ${headerText(value).replace(/>, </g, '>,\r\n <')}`,
    ),
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  ];
  return Buffer.from(
    `${lines.join('\r\n')}\r\n\r\n--${boundary}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${input.textQp}\r\n--${boundary}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${input.htmlQp}\r\n--${boundary}--\r\n`,
  );
}
