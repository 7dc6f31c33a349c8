import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import webPush from 'web-push';
import { startPushService, type PushService } from './push-service.js';

// The local push service must refuse what a real one refuses, or the delivery tests prove
// nothing about the sender's VAPID and encryption.

let service: PushService;
const vapid = webPush.generateVAPIDKeys();
const other = webPush.generateVAPIDKeys();
before(async () => {
  service = await startPushService();
});
after(async () => {
  await service.close();
});

function headersFor(options: {
  audience?: string;
  subject?: string;
  keys?: { publicKey: string; privateKey: string };
  expiration?: number;
}): Record<string, string> {
  const keys = options.keys ?? vapid;
  return webPush.getVapidHeaders(
    options.audience ?? service.origin,
    options.subject ?? 'mailto:desk@news.test',
    keys.publicKey,
    keys.privateKey,
    'aes128gcm',
    options.expiration,
  ) as Record<string, string>;
}

async function push(
  endpoint: string,
  headers: Record<string, string>,
  body: Buffer,
  extra: Record<string, string> = { ttl: '60', 'content-encoding': 'aes128gcm' },
) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { ...headers, ...extra },
    body: new Uint8Array(body),
  });
  return response.status;
}

it('accepts a message signed and encrypted by web-push and decrypts it as the browser would', async () => {
  const browser = service.createBrowser(vapid.publicKey);
  const { keys } = browser.subscription;
  const body = webPush.encrypt(keys.p256dh, keys.auth, 'hello, reader', 'aes128gcm').cipherText;
  assert.equal(await push(browser.subscription.endpoint, headersFor({}), body), 201);
  assert.equal(service.receivedBy(browser.id)[0]?.payload, 'hello, reader');
});

it('refuses bad VAPID tokens and messages as RFC 8030 and 8292 say', async () => {
  const browser = service.createBrowser(vapid.publicKey);
  const { endpoint, keys } = browser.subscription;
  const body = webPush.encrypt(keys.p256dh, keys.auth, 'x', 'aes128gcm').cipherText;
  const good = headersFor({});
  const token = /t=([^,]+)/.exec(good.Authorization ?? '')?.[1] ?? '';
  const [h, p] = token.split('.');
  const forged = `vapid t=${h}.${p}.${Buffer.alloc(64, 1).toString('base64url')}, k=${vapid.publicKey}`;
  const cases: Array<[Record<string, string>, number, Record<string, string>?]> = [
    [{}, 401],
    [headersFor({ audience: 'https://fcm.googleapis.com' }), 401],
    [headersFor({ subject: 'https://news.test/contact' }), 201],
    [{ Authorization: forged }, 401],
    [{ Authorization: (good.Authorization ?? '').replace(vapid.publicKey, other.publicKey) }, 401],
    [headersFor({ keys: other }), 403],
    [good, 400, { 'content-encoding': 'aes128gcm' }],
    [good, 415, { ttl: '60', 'content-encoding': 'aesgcm' }],
    [good, 400, { ttl: '60', 'content-encoding': 'aes128gcm', urgency: 'urgent' }],
    [good, 400, { ttl: '60', 'content-encoding': 'aes128gcm', topic: 'a'.repeat(33) }],
  ];
  for (const [headers, status, extra] of cases)
    assert.equal(await push(endpoint, headers, body, extra), status, JSON.stringify(headers));
  const expired = headersFor({ expiration: Math.floor(Date.now() / 1000) - 10 });
  assert.equal(await push(endpoint, expired, body).catch(() => 401), 401);
  const tampered = Buffer.from(body);
  tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
  assert.equal(await push(endpoint, good, tampered), 201);
  assert.equal(service.undecryptable.at(-1)?.browserId, browser.id);
  browser.unsubscribed = true;
  assert.equal(await push(endpoint, good, body), 410);
  assert.equal(await push(`${service.origin}/push/${'0'.repeat(36)}`, good, body), 404);
});
