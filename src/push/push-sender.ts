import http from 'node:http';
import https from 'node:https';
import type { PushUrgency } from './push.table.js';
import { loadWebPush } from './web-push-library.js';

// Sends one notification to a push service (RFC 8030): the payload encrypted for the browser
// (RFC 8291, aes128gcm, by `web-push`), a VAPID JWT (RFC 8292, by `web-push`, cached per push
// service origin: one signature per origin per hours, not per message), TTL, Urgency and Topic
// headers, over keep-alive connections. It never logs or returns the endpoint.

export interface PushMessage {
  endpoint: string;
  p256dh: string;
  auth: string;
  payload: string;
  ttlSeconds: number;
  urgency: PushUrgency;
  /** Replaces an undelivered message with the same topic (≤ 32 base64url characters). */
  topic: string;
}

/** What became of a message; `retry` was not delivered, `ambiguous` may have been. */
export type PushOutcome =
  | { kind: 'sent'; status: number }
  | { kind: 'gone'; status: number }
  | { kind: 'retry'; response: string; retryAfterMs?: number }
  | { kind: 'failed'; response: string }
  | { kind: 'ambiguous'; response: string };

export interface PushSender {
  send(message: PushMessage): Promise<PushOutcome>;
  close(): void;
}

export interface VapidIdentity {
  publicKey: string;
  privateKey: string;
  /** `mailto:` or `https:` contact for the push service's operators. */
  subject: string;
}

/** `Retry-After` as milliseconds: seconds, or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

const connectErrors = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Classifies the push service's answer (RFC 8030 §5, §8.4; what FCM and autopush send). */
export function outcomeFor(status: number, retryAfterMs: number | undefined): PushOutcome {
  if (status >= 200 && status < 300) return { kind: 'sent', status };
  if (status === 404 || status === 410) return { kind: 'gone', status };
  if (status === 429 || status >= 500)
    return {
      kind: 'retry',
      response: String(status),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    };
  return { kind: 'failed', response: String(status) };
}

export function createPushSender(options: {
  vapid: VapidIdentity;
  now?: () => Date;
  timeoutMs?: number;
  maxSockets?: number;
}): PushSender {
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 30_000;
  const agentOptions = {
    keepAlive: true,
    maxSockets: options.maxSockets ?? 64,
    keepAliveMsecs: 10_000,
  };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const vapidByAudience = new Map<string, { header: string; refreshAt: number }>();

  async function authorization(audience: string): Promise<string> {
    const cached = vapidByAudience.get(audience);
    const at = now().getTime();
    if (cached && cached.refreshAt > at) return cached.header;
    const webPush = await loadWebPush();
    // 12 h tokens (RFC 8292 allows up to 24 h), renewed after 11 h.
    const expiration = Math.floor(at / 1000) + 12 * 3600;
    const headers = webPush.getVapidHeaders(
      audience,
      options.vapid.subject,
      options.vapid.publicKey,
      options.vapid.privateKey,
      'aes128gcm',
      expiration,
    );
    const header = headers.Authorization;
    vapidByAudience.set(audience, { header, refreshAt: at + 11 * 3600_000 });
    return header;
  }

  async function send(message: PushMessage): Promise<PushOutcome> {
    let url: URL;
    try {
      url = new URL(message.endpoint);
    } catch {
      return { kind: 'failed', response: 'the endpoint is not a URL' };
    }
    const webPush = await loadWebPush();
    let body: Buffer;
    try {
      body = webPush.encrypt(message.p256dh, message.auth, message.payload, 'aes128gcm').cipherText;
    } catch (error) {
      return { kind: 'failed', response: `could not encrypt: ${(error as Error).message}` };
    }
    const headers = {
      authorization: await authorization(url.origin),
      ttl: String(message.ttlSeconds),
      urgency: message.urgency,
      topic: message.topic,
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
      'content-length': String(body.length),
    };
    const secure = url.protocol === 'https:';
    return new Promise<PushOutcome>((resolve) => {
      let connected = false;
      const request = (secure ? https : http).request(
        url,
        { method: 'POST', headers, agent: secure ? httpsAgent : httpAgent, timeout: timeoutMs },
        (response) => {
          response.resume();
          const retryAfter = parseRetryAfter(
            response.headers['retry-after'] as string | undefined,
            now(),
          );
          resolve(outcomeFor(response.statusCode ?? 0, retryAfter));
        },
      );
      request.on('socket', (socket) => {
        if (request.reusedSocket || !socket.connecting) connected = true;
        else socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true));
      });
      request.on('timeout', () =>
        request.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })),
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        const code = error.code ?? 'error';
        // Nothing reached the push service: not connected, or a kept-alive socket it had
        // already closed (Node's advice: such a request may be retried).
        if (
          !connected ||
          connectErrors.has(code) ||
          (request.reusedSocket && code === 'ECONNRESET')
        )
          resolve({ kind: 'retry', response: `network: ${code}` });
        else resolve({ kind: 'ambiguous', response: `network after sending: ${code}` });
      });
      request.end(body);
    });
  }

  return {
    send,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
