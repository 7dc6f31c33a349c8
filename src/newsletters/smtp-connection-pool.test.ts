import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createSmtpBulkTransport } from './bulk-transport.js';

function buildMessage(to: string) {
  return {
    from: 'News <news@news.test>',
    to,
    subject: 'Hello',
    text: 'Hello.',
    html: '<p>Hello.</p>',
    headers: {},
    messageId: '<nl.1.1@news.test>',
    envelopeFrom: 'bounces+1@news.test',
    raw: Buffer.from(
      `From: news@news.test\r\nTo: ${to}\r\nSubject: Hello\r\n\r\n.dot first\r\nHello.\r\n`,
    ),
  };
}

describe('SMTP connection pool', () => {
  it('sends finished messages (dot-stuffed), reconnects after the server closed an idle session, and retries when nothing went out', async () => {
    const received: string[] = [];
    let closedSessions = 0;
    const wakeOnClose: Array<() => void> = [];
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks).toString());
          callback();
        });
      },
      onClose() {
        closedSessions += 1;
        for (const wake of wakeOnClose.splice(0)) wake();
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    const transport = createSmtpBulkTransport(`smtp://127.0.0.1:${port}`, { maxConnections: 1 });
    try {
      assert.equal((await transport.send(buildMessage('a@example.org'))).kind, 'sent');
      assert.match(received[0] ?? '', /\r\n\.dot first\r\n/);
      // The server drops the open session (as an idle timeout would); the next message must
      // go out on a new one, not come back as a failure.
      const closed = new Promise<void>((wake) => wakeOnClose.push(wake));
      for (const connection of (server as unknown as { connections: Set<{ close(): void }> })
        .connections)
        connection.close();
      await closed;
      assert.equal(closedSessions, 1);
      assert.equal((await transport.send(buildMessage('b@example.org'))).kind, 'sent');
      assert.equal(received.length, 2);
    } finally {
      await transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }

    // Nobody listening: nothing can have been delivered, so the answer is "try later".
    const vacant = createServer();
    await new Promise<void>((resolve) => vacant.listen(0, '127.0.0.1', resolve));
    const vacantPort = (vacant.address() as AddressInfo).port;
    await new Promise<void>((resolve) => vacant.close(() => resolve()));
    const refused = createSmtpBulkTransport(`smtp://127.0.0.1:${vacantPort}`, {
      maxConnections: 1,
    });
    try {
      assert.equal((await refused.send(buildMessage('c@example.org'))).kind, 'retry');
    } finally {
      await refused.close();
    }
  });
});
