import { Readable } from 'node:stream';
import SMTPConnection, {
  type SMTPConnectionOptions,
} from 'nodemailer/lib/smtp-connection/index.js';

// A pool of nodemailer SMTP connections (the same protocol code as nodemailer's own pool) that
// sends finished messages straight to `SMTPConnection.send`. nodemailer's `sendMail` wraps every
// message, even a raw one, in a MIME tree, draws random Message-ID and boundary values and builds
// a stream pipeline with abort signals — a third of the sending process's CPU per message in the
// newsletter benchmark. Here a message is one Buffer.
//
// It also knows one thing `sendMail` cannot say: whether any byte of the message went out. An
// error before the body (connect, MAIL FROM, RCPT TO, DATA) means nothing was delivered.

export interface PooledSendError {
  error: unknown;
  /** True once the message body started to go out (its fate is unknown without a reply). */
  bodyStarted: boolean;
}

export interface SmtpConnectionPool {
  send(envelope: { from: string; to: string }, raw: Buffer): Promise<string>;
  close(): void;
}

export interface SmtpConnectionPoolOptions {
  connection: SMTPConnectionOptions;
  auth?: { user: string; pass: string };
  maxConnections: number;
  /** Messages started per second across the pool (0 or undefined: no limit). */
  rateLimitPerSecond?: number;
}

/** One message's body as a stream that records whether it was read. */
class BodyStream extends Readable {
  started = false;
  constructor(private readonly body: Buffer) {
    super();
  }
  override _read(): void {
    if (this.started) return;
    this.started = true;
    this.push(this.body);
    this.push(null);
  }
}

interface Slot {
  connection: SMTPConnection | undefined;
  ready: Promise<SMTPConnection> | undefined;
  messages: number;
}

/** A pool of up to `maxConnections` SMTP sessions, each sending one message at a time. */
export function createSmtpConnectionPool(options: SmtpConnectionPoolOptions): SmtpConnectionPool {
  const idle: Slot[] = Array.from({ length: options.maxConnections }, () => ({
    connection: undefined,
    ready: undefined,
    messages: 0,
  }));
  const waiting: Array<(slot: Slot) => void> = [];
  const all = [...idle];
  let closed = false;
  let windowStart = 0;
  let windowCount = 0;

  const take = (): Promise<Slot> => {
    const slot = idle.pop();
    return slot ? Promise.resolve(slot) : new Promise((resolve) => waiting.push(resolve));
  };
  const give = (slot: Slot): void => {
    const next = waiting.shift();
    if (next) next(slot);
    else idle.push(slot);
  };
  const drop = (slot: Slot): void => {
    slot.connection?.close();
    slot.connection = undefined;
    slot.ready = undefined;
    slot.messages = 0;
  };

  function connect(slot: Slot): Promise<SMTPConnection> {
    slot.ready ??= new Promise<SMTPConnection>((resolve, reject) => {
      const connection = new SMTPConnection(options.connection);
      let settled = false;
      const fail = (error: unknown) => {
        if (slot.connection === connection) drop(slot);
        if (!settled) {
          settled = true;
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      // Errors during a send reach the send callback too; an idle connection's end is noted.
      connection.on('error', (error: unknown) => {
        if (!settled) fail(error);
      });
      connection.once('end', () => {
        if (slot.connection === connection) {
          slot.connection = undefined;
          slot.ready = undefined;
          slot.messages = 0;
        }
        fail(new Error('Connection closed'));
      });
      slot.connection = connection;
      connection.connect((error) => {
        if (error) return fail(error);
        const done = () => {
          settled = true;
          resolve(connection);
        };
        if (options.auth && connection.allowsAuth)
          connection.login({ credentials: options.auth }, (error) =>
            error ? fail(error) : done(),
          );
        else done();
      });
    });
    return slot.ready;
  }

  async function pace(): Promise<void> {
    const limit = options.rateLimitPerSecond ?? 0;
    if (limit <= 0) return;
    for (;;) {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        windowCount = 0;
      }
      if (windowCount < limit) {
        windowCount += 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, windowStart + 1000 - now));
    }
  }

  function sendOn(
    slot: Slot,
    connection: SMTPConnection,
    envelope: { from: string; to: string },
    raw: Buffer,
  ): Promise<string> {
    const body = new BodyStream(raw);
    return new Promise((resolve, reject) => {
      connection.send(envelope, body, (error, info) => {
        slot.messages += 1;
        if (!error) return resolve(String(info?.response ?? ''));
        const code = (error as { code?: string; responseCode?: number }).code;
        const reply = (error as { responseCode?: number }).responseCode;
        const failure: PooledSendError = { error, bodyStarted: body.started };
        // A refused envelope or message leaves the session usable after RSET (answered before
        // the slot takes its next message); anything else ends it.
        if ((code === 'EENVELOPE' || code === 'EMESSAGE') && reply !== 421) {
          let answered = false;
          const settle = (usable: boolean) => {
            if (answered) return;
            answered = true;
            connection.removeListener('end', ended);
            if (!usable) drop(slot);
            reject(failure);
          };
          // The session may end instead of answering RSET; the slot must come back either way.
          const ended = () => settle(false);
          connection.once('end', ended);
          connection.reset((resetError) => settle(!resetError));
        } else {
          drop(slot);
          reject(failure);
        }
      });
    });
  }

  return {
    async send(envelope, raw) {
      if (closed) throw { error: new Error('the pool is closed'), bodyStarted: false };
      await pace();
      const slot = await take();
      try {
        const reused = slot.messages > 0 && slot.connection !== undefined;
        let connection: SMTPConnection;
        try {
          connection = await connect(slot);
        } catch (error) {
          throw { error, bodyStarted: false } satisfies PooledSendError;
        }
        try {
          return await sendOn(slot, connection, envelope, raw);
        } catch (failure) {
          const { error, bodyStarted } = failure as PooledSendError;
          const reply = (error as { responseCode?: number }).responseCode;
          // A kept-open session the server had closed meanwhile: nothing went out, try a new one.
          if (!reused || bodyStarted || reply !== undefined) throw failure;
          try {
            connection = await connect(slot);
          } catch (retryError) {
            throw { error: retryError, bodyStarted: false } satisfies PooledSendError;
          }
          return await sendOn(slot, connection, envelope, raw);
        }
      } finally {
        give(slot);
      }
    },
    close() {
      closed = true;
      for (const slot of all) {
        slot.connection?.quit();
        slot.connection = undefined;
        slot.ready = undefined;
      }
    },
  };
}
