import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  type ECDH,
  randomBytes,
  randomUUID,
  verify,
} from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local push service for tests and the benchmark: RFC 8030 (POST a message to a
// subscription's endpoint → 201 Created), checking the sender's VAPID JWT as a real one does
// (RFC 8292: `Authorization: vapid t=…, k=…`, an ES256 signature by the key `k`, `aud` the
// endpoint's origin, `exp` within 24 hours, `sub` a mailto: or https: contact, `k` the key the
// browser subscribed with), and decrypting the aes128gcm payload (RFC 8291 + RFC 8188) with a
// fake browser's keys, as the browser would. Written with node:crypto alone: it shares nothing
// with the `web-push` library the sender uses, so it can catch the sender's mistakes.

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

function base64url(buffer: Buffer): string {
  return buffer.toString('base64url');
}

function hmac(key: Buffer, data: Buffer): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/**
 * RFC 8291 §3.4 + RFC 8188 §2: the aes128gcm content coding, decrypted with the browser's keys.
 * Header: salt (16) | rs (uint32) | idlen (1) | keyid (the sender's ephemeral public key, 65).
 */
export function decryptAes128gcm(body: Buffer, ecdh: ECDH, authSecret: Buffer): Buffer {
  if (body.length < 21) throw new Error('shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20] ?? 0;
  if (rs < 18) throw new Error(`record size ${rs} is below 18`);
  if (idlen !== 65) throw new Error(`keyid is ${idlen} bytes, not a 65-byte P-256 public key`);
  const senderPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  const uaPublic = ecdh.getPublicKey();
  const ecdhSecret = ecdh.computeSecret(senderPublic);
  // PRK_key = HMAC(auth_secret, ecdh_secret); IKM = HKDF-Expand(PRK_key, key_info, 32)
  const prkKey = hmac(authSecret, ecdhSecret);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, senderPublic]);
  const ikm = hmac(prkKey, Buffer.concat([keyInfo, Buffer.from([1])]));
  // PRK = HKDF-Extract(salt, IKM); CEK and NONCE by HKDF-Expand with their info strings.
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'latin1')).subarray(0, 16);
  const nonceBase = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'latin1')).subarray(
    0,
    12,
  );
  const parts: Buffer[] = [];
  let sequence = 0;
  for (let offset = 0; offset < ciphertext.length; offset += rs, sequence += 1) {
    const record = ciphertext.subarray(offset, offset + rs);
    const last = offset + rs >= ciphertext.length;
    if (record.length < 17) throw new Error('a record is too short to hold its tag');
    const nonce = Buffer.from(nonceBase);
    // NONCE XOR SEQ, SEQ as a 96-bit big-endian number (here below 2^32: the last 4 bytes).
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ sequence) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const plain = Buffer.concat([
      decipher.update(record.subarray(0, record.length - 16)),
      decipher.final(),
    ]);
    // Padding: the content, one delimiter (2 in the last record, 1 before), then zeros.
    let end = plain.length - 1;
    while (end >= 0 && plain[end] === 0) end -= 1;
    const delimiter = plain[end];
    if (delimiter !== (last ? 2 : 1)) throw new Error(`bad padding delimiter ${String(delimiter)}`);
    parts.push(plain.subarray(0, end));
  }
  if (sequence === 0) throw new Error('no records');
  return Buffer.concat(parts);
}

interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
}

/** RFC 8292 §2–3: checks the JWT and its key; returns the claims and the key, or a reason. */
export function checkVapid(
  authorization: string | undefined,
  audience: string,
  nowSeconds: number,
): { ok: true; claims: VapidClaims; key: string } | { ok: false; reason: string } {
  const scheme = /^vapid\s+(.+)$/i.exec(authorization ?? '');
  if (!scheme?.[1]) return { ok: false, reason: 'no vapid Authorization' };
  const params = new Map<string, string>();
  for (const part of scheme[1].split(',')) {
    const [name, ...value] = part.trim().split('=');
    if (name) params.set(name.toLowerCase(), value.join('='));
  }
  const token = params.get('t');
  const key = params.get('k');
  if (!token || !key) return { ok: false, reason: 'vapid needs t= and k=' };
  const publicKey = Buffer.from(key, 'base64url');
  if (publicKey.length !== 65 || publicKey[0] !== 4)
    return { ok: false, reason: 'k is not an uncompressed P-256 point' };
  const [headerPart, payloadPart, signaturePart, extra] = token.split('.');
  if (!headerPart || !payloadPart || !signaturePart || extra !== undefined)
    return { ok: false, reason: 'the JWT does not have three parts' };
  let header: { typ?: unknown; alg?: unknown };
  let claims: Partial<VapidClaims>;
  try {
    header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8')) as typeof header;
    claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return { ok: false, reason: 'the JWT is not JSON' };
  }
  if (header.alg !== 'ES256')
    return { ok: false, reason: `alg ${String(header.alg)} is not ES256` };
  if (header.typ !== undefined && header.typ !== 'JWT')
    return { ok: false, reason: 'typ is not JWT' };
  const verifier = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: base64url(publicKey.subarray(1, 33)),
      y: base64url(publicKey.subarray(33, 65)),
    },
    format: 'jwk',
  });
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== 64) return { ok: false, reason: 'the ES256 signature is not 64 bytes' };
  const signed = verify(
    'sha256',
    Buffer.from(`${headerPart}.${payloadPart}`),
    { key: verifier, dsaEncoding: 'ieee-p1363' },
    signature,
  );
  if (!signed) return { ok: false, reason: 'the JWT signature does not verify with k' };
  if (claims.aud !== audience)
    return { ok: false, reason: `aud ${String(claims.aud)} is not ${audience}` };
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds)
    return { ok: false, reason: 'the JWT has expired' };
  if (claims.exp > nowSeconds + 24 * 3600)
    return { ok: false, reason: 'exp is more than 24 hours ahead' };
  if (
    typeof claims.sub !== 'string' ||
    !/^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(claims.sub)
  )
    return { ok: false, reason: 'sub is not a mailto: or https: contact' };
  return { ok: true, claims: claims as VapidClaims, key };
}

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
        keys: { p256dh: base64url(ecdh.getPublicKey()), auth: base64url(authSecret) },
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
