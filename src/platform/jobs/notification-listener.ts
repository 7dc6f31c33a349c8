import type pg from 'pg';
import { loadPg } from '../db/pg-module.js';
import type { Logger } from '../logger.js';

export interface NotificationListener {
  /** Resolves after the first connection attempt, whether it succeeded or not. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

export interface ListenOptions {
  connectionString: string;
  channel: string;
  logger: Logger;
  onNotification(payload: string): void;
  /**
   * Called after a connection is (re)established following a failure: notifications sent
   * while no connection listened are lost, so the caller must assume it missed some.
   */
  onReconnect?(): void;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * LISTENs on a PostgreSQL channel over a dedicated connection (a pooled one would be handed to
 * other queries), reconnecting with exponential backoff and jitter whenever it drops.
 */
export function listenForNotifications(options: ListenOptions): NotificationListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.channel))
    throw new Error(`Invalid notification channel "${options.channel}"`);
  const initialDelayMs = options.initialDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const { logger } = options;
  let closed = false;
  let client: pg.Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let delayMs = initialDelayMs;
  let missedSome = false;
  /** The connection attempt in flight (or the last one), so close() can wait for it. */
  let attempt: Promise<void> = Promise.resolve();

  function scheduleRetry(): void {
    if (closed) return;
    missedSome = true;
    const wait = Math.round(delayMs * (0.75 + Math.random() * 0.5));
    delayMs = Math.min(delayMs * 2, maxDelayMs);
    retryTimer = setTimeout(() => {
      attempt = connect();
    }, wait);
  }

  async function connect(): Promise<void> {
    retryTimer = undefined;
    if (closed) return;
    const candidate = new (loadPg().Client)({
      connectionString: options.connectionString,
      keepAlive: true,
    });
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (client === candidate) client = undefined;
      candidate.end().catch(() => undefined);
      if (closed) return;
      logger.warn(
        { err: error, channel: options.channel },
        'notification listener disconnected; reconnecting',
      );
      scheduleRetry();
    };
    candidate.on('error', onLost);
    candidate.on('end', () => onLost());
    candidate.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotification(message.payload ?? '');
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${options.channel}`);
    } catch (error) {
      onLost(error);
      return;
    }
    if (closed || lost) {
      await candidate.end().catch(() => undefined);
      return;
    }
    client = candidate;
    delayMs = initialDelayMs;
    if (missedSome) {
      missedSome = false;
      options.onReconnect?.();
    }
  }

  const ready = connect();
  attempt = ready;
  return {
    ready,
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      await attempt;
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
