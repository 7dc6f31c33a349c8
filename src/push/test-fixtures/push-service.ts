import { createECDH, type ECDH, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkVapid, decryptAes128gcm, type VapidClaims } from './push-crypto.js';

// A local push service for tests and the benchmark: RFC 8030 (POST a message to a
// subscription's endpoint → 201 Created), checking the sender's VAPID JWT as a real one does
// (RFC 8292: `Authorization: vapid t=…, k=…`, an ES256 signature by the key `k`, `aud` the
// endpoint's origin, `exp` within 24 hours, `sub` a mailto: or https: contact, `k` the key the
// browser subscribed with), and decrypting the aes128gcm payload (RFC 8291 + RFC 8188) with a
// fake browser's keys, as the browser would (both in push-crypto.ts).

export interface FakeSubscriptionJson {
  endpoint: string;
  expirationTime: null;
  keys: { p256dh: string; auth: string };
}

/** A browser that subscribed: its P-256 key pair and auth secret, as a real one keeps them. */
export interface FakeBrowser {
  id: string;
  subscription: FakeSubscriptionJson;
  applicationServerKey: string;
  ecdh: ECDH;
  authSecret: Buffer;
  /** After `unsubscribe()` the service answers 410 Gone. */
  unsubscribed: boolean;
}

export interface ReceivedMessage {
  browserId: string;
  /** The decrypted payload, as the browser's service worker would get it. */
  payload: string;
  ttl: number;
  urgency: string;
  topic: string | undefined;
  jwt: { aud: string; exp: number; sub: string };
  at: number;
}

export interface Rejection {
  browserId: string | undefined;
  status: number;
  reason: string;
}

/** A canned answer for one browser: `times` requests (default: all) get it instead of 201. */
export interface CannedAnswer {
  status: number;
  retryAfter?: string;
  times?: number;
}

export interface PushService {
  /** `http://127.0.0.1:PORT`: the origin every endpoint has (and the JWT's audience). */
  origin: string;
  /** A browser subscribing with this VAPID public key (base64url). */
  createBrowser(applicationServerKey: string): FakeBrowser;
  /** Answers this browser's next requests with a status instead of delivering. */
  respondWith(browserId: string, answer: CannedAnswer): void;
  /** Makes every answer wait (a slow push service, so tests can stop a send midway). */
  setDelay(ms: number): void;
  readonly received: ReceivedMessage[];
  readonly rejected: Rejection[];
  /** Payloads that arrived but did not decrypt (a sender bug): should stay empty. */
  readonly undecryptable: Array<{ browserId: string; reason: string }>;
  receivedBy(browserId: string): ReceivedMessage[];
  close(): Promise<void>;
}

const maxPayload = 4096;

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Starts the service on 127.0.0.1 (a free port unless given). */
export async function startPushService(
  options: { port?: number; delayMs?: number } = {},
): Promise<PushService> {
  const browsers = new Map<string, FakeBrowser>();
  const canned = new Map<string, CannedAnswer>();
  const received: ReceivedMessage[] = [];
  const rejected: Rejection[] = [];
  const undecryptable: Array<{ browserId: string; reason: string }> = [];
  // A verified JWT is remembered (its claims are still checked each time), as push services do.
  const verified = new Map<string, { claims: VapidClaims; key: string }>();
  let delayMs = options.delayMs ?? 0;
  let origin = '';

  function answer(
    response: ServerResponse,
    status: number,
    browserId: string | undefined,
    reason: string,
    headers: Record<string, string> = {},
  ) {
    if (status >= 300) rejected.push({ browserId, status, reason });
    const send = () => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(status >= 300 ? JSON.stringify({ code: status, message: reason }) : '');
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  }

  async function handlePush(request: IncomingMessage, response: ServerResponse, id: string) {
    const browser = browsers.get(id);
    const body = await readBody(request, maxPayload + 1024);
    if (!browser) return answer(response, 404, undefined, 'no such subscription');
    if (browser.unsubscribed) return answer(response, 410, id, 'the subscription has expired');
    const vapidToken = request.headers.authorization ?? '';
    let vapid = verified.get(vapidToken);
    const nowSeconds = Math.floor(Date.now() / 1000);
    if (!vapid || vapid.claims.exp <= nowSeconds) {
      const checked = checkVapid(vapidToken, origin, nowSeconds);
      if (!checked.ok) return answer(response, 401, id, checked.reason);
      vapid = { claims: checked.claims, key: checked.key };
      verified.set(vapidToken, vapid);
    }
    if (vapid.key !== browser.applicationServerKey)
      return answer(response, 403, id, 'k is not the key this subscription was created with');
    const ttlHeader = request.headers.ttl;
    if (typeof ttlHeader !== 'string' || !/^\d+$/.test(ttlHeader))
      return answer(response, 400, id, 'the TTL header is required');
    const urgency = (request.headers.urgency as string | undefined) ?? 'normal';
    if (!['very-low', 'low', 'normal', 'high'].includes(urgency))
      return answer(response, 400, id, `bad Urgency ${urgency}`);
    const topic = request.headers.topic as string | undefined;
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(topic))
      return answer(response, 400, id, 'Topic must be at most 32 base64url characters');
    if (request.headers['content-encoding'] !== 'aes128gcm')
      return answer(response, 415, id, 'Content-Encoding must be aes128gcm');
    if (!body) return answer(response, 413, id, 'the payload is larger than 4096 bytes');
    const cannedAnswer = canned.get(id);
    if (cannedAnswer) {
      if (cannedAnswer.times !== undefined && (cannedAnswer.times -= 1) <= 0) canned.delete(id);
      return answer(
        response,
        cannedAnswer.status,
        id,
        `canned ${cannedAnswer.status}`,
        cannedAnswer.retryAfter ? { 'retry-after': cannedAnswer.retryAfter } : {},
      );
    }
    let payload: string;
    try {
      payload = decryptAes128gcm(body, browser.ecdh, browser.authSecret).toString('utf8');
    } catch (error) {
      undecryptable.push({ browserId: id, reason: (error as Error).message });
      return answer(response, 201, id, 'accepted (but it will not decrypt)');
    }
    received.push({
      browserId: id,
      payload,
      ttl: Number(ttlHeader),
      urgency,
      topic,
      jwt: vapid.claims,
      at: Date.now(),
    });
    return answer(response, 201, id, 'created', { location: `${origin}/message/${randomUUID()}` });
  }

  function createBrowser(applicationServerKey: string): FakeBrowser {
    const id = randomUUID();
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const authSecret = randomBytes(16);
    const browser: FakeBrowser = {
      id,
      subscription: {
        endpoint: `${origin}/push/${id}`,
        expirationTime: null,
        keys: {
          p256dh: ecdh.getPublicKey().toString('base64url'),
          auth: authSecret.toString('base64url'),
        },
      },
      applicationServerKey,
      ecdh,
      authSecret,
      unsubscribed: false,
    };
    browsers.set(id, browser);
    return browser;
  }

  // A control API for a service in another process (the benchmark): make browsers, read counts.
  async function handleControl(request: IncomingMessage, response: ServerResponse, path: string) {
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (request.method === 'POST' && path === '/_fake/browsers') {
      const body = await readBody(request, 1024 * 1024);
      const input = JSON.parse(body?.toString('utf8') ?? '{}') as {
        count: number;
        applicationServerKey: string;
      };
      const made = Array.from({ length: input.count }, () =>
        createBrowser(input.applicationServerKey),
      );
      return json(
        200,
        made.map((b) => ({ id: b.id, subscription: b.subscription })),
      );
    }
    if (request.method === 'GET' && path === '/_fake/stats') {
      const perBrowser = new Map<string, number>();
      for (const message of received)
        perBrowser.set(message.browserId, (perBrowser.get(message.browserId) ?? 0) + 1);
      return json(200, {
        received: received.length,
        rejected: rejected.length,
        undecryptable: undecryptable.length,
        duplicates: [...perBrowser.values()].filter((n) => n > 1).length,
        first: received[0]?.at ?? null,
        last: received[received.length - 1]?.at ?? null,
      });
    }
    return json(404, { message: 'unknown control path' });
  }

  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const push = /^\/push\/([0-9a-f-]{36})$/.exec(path);
    const handled =
      request.method === 'POST' && push?.[1]
        ? handlePush(request, response, push[1])
        : path.startsWith('/_fake/')
          ? handleControl(request, response, path)
          : Promise.resolve(answer(response, 404, undefined, 'not found'));
    handled.catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    createBrowser,
    respondWith: (browserId, cannedAnswer) => canned.set(browserId, { ...cannedAnswer }),
    setDelay: (ms) => (delayMs = ms),
    received,
    rejected,
    undecryptable,
    receivedBy: (browserId) => received.filter((m) => m.browserId === browserId),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
