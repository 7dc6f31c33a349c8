import type { AddressInfo, Server } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on 127.0.0.1 (port 0) whose answers depend on the recipient's local part:
//   temp-…   451 on the first RCPT, accepted after        hard-…   550 5.1.1 on RCPT
//   drop-…   the connection is cut after the message body  stall-…  no answer after the body
// Everything else is accepted. It counts accepted messages per recipient and can keep raw copies.

export interface BehavingSink {
  url: string;
  port: number;
  /** Accepted messages per recipient address. */
  counts: Map<string, number>;
  raw: Map<string, string>;
  total(): number;
  close(): Promise<void>;
}

export async function startBehavingSink(
  options: { delayMs?: number; keepRaw?: boolean } = {},
): Promise<BehavingSink> {
  const counts = new Map<string, number>();
  const raw = new Map<string, string>();
  const tempSeen = new Set<string>();
  const server: SMTPServer = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    size: 10 * 1024 * 1024,
    onRcptTo(address, _session, callback) {
      const local = address.address.split('@')[0] ?? '';
      if (local.startsWith('temp-') && !tempSeen.has(address.address)) {
        tempSeen.add(address.address);
        return callback(
          Object.assign(new Error('4.2.0 Mailbox busy, try again later'), { responseCode: 451 }),
        );
      }
      if (local.startsWith('hard-'))
        return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo[0]?.address ?? '';
        const local = to.split('@')[0] ?? '';
        if (local.startsWith('drop-')) {
          const connections = (
            server as unknown as {
              connections: Set<{ session?: { id: string }; _socket: { destroy(): void } }>;
            }
          ).connections;
          for (const connection of connections)
            if (connection.session?.id === session.id) connection._socket.destroy();
          return;
        }
        if (local.startsWith('stall-')) return; // never answers
        const accept = () => {
          for (const rcpt of session.envelope.rcptTo)
            counts.set(rcpt.address, (counts.get(rcpt.address) ?? 0) + 1);
          if (options.keepRaw) raw.set(to, Buffer.concat(chunks).toString('utf8'));
          callback(null, 'OK: queued');
        };
        if (options.delayMs) setTimeout(accept, options.delayMs);
        else accept();
      });
    },
  });
  // A killed client resets its connections; that is expected here, not a crash.
  server.on('error', () => undefined);
  const listening = await new Promise<Server>((resolve) => {
    const net = server.listen(0, '127.0.0.1', () => resolve(net));
  });
  const { port } = listening.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    counts,
    raw,
    total: () => [...counts.values()].reduce((a, b) => a + b, 0),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
