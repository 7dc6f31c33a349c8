import type { AddressInfo, Server } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on 127.0.0.1 (port 0) for tests: accepts everything, keeps each message
// parsed with its envelope, and lets a test wait for the next one.

/**
 * A header as it was sent, unfolded (mailparser folds List-* and others into structures):
 * the value after "Name: ", or '' when the message has no such header.
 */
export function headerLine(mail: ParsedMail, name: string): string {
  const key = name.toLowerCase();
  return (mail.headerLines.find((h) => h.key === key)?.line ?? '')
    .replace(/^[^:]+:\s*/, '')
    .replace(/\r?\n\s+/g, ' ');
}

export interface ReceivedMail {
  envelopeFrom: string | false;
  recipients: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Resolves with the `count`-th message (1-based) once it has arrived. */
  waitFor(count: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** Starts an SMTP sink; optional AUTH check when `credentials` are given. */
export async function startSmtpSink(credentials?: {
  user: string;
  pass: string;
}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !credentials,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      if (credentials && auth.username === credentials.user && auth.password === credentials.pass)
        callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            received.push({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : false,
              recipients: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
            });
            for (const wake of waiters.splice(0)) wake();
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  const listening = await new Promise<Server>((resolve) => {
    const net = server.listen(0, '127.0.0.1', () => resolve(net));
  });
  const { port } = listening.address() as AddressInfo;
  const auth = credentials
    ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@`
    : '';
  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    received,
    async waitFor(count) {
      while (received.length < count) await new Promise<void>((wake) => waiters.push(wake));
      return received[count - 1] as ReceivedMail;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
