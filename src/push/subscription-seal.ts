import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { PushKeys, SealingKey } from './push-keys.js';

// A reader's push subscription is a capability: whoever holds the endpoint and keys (and our
// VAPID key) can show them notifications. It is stored sealed with AES-256-GCM and found by a
// keyed hash of the endpoint, so the database, its backups and its logs never hold it in clear.

/** What a browser's PushSubscription gives us. */
export interface SubscriptionSecret {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** The lookup pseudonym of an endpoint (HMAC-SHA-256, base64url). */
export function hashEndpoint(keys: Pick<PushKeys, 'hashKey'>, endpoint: string): string {
  return createHmac('sha256', keys.hashKey).update(endpoint).digest('base64url');
}

/** iv (12) | tag (16) | ciphertext, base64url. */
export function sealSubscription(key: SealingKey, secret: SubscriptionSecret): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.key, iv);
  const body = Buffer.concat([
    cipher.update(JSON.stringify([secret.endpoint, secret.p256dh, secret.auth]), 'utf8'),
    cipher.final(),
  ]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Opens a sealed subscription; undefined when no key we hold opens it (the key was changed). */
export function openSubscription(
  keys: Pick<PushKeys, 'openers'>,
  keyId: string,
  sealed: string,
): SubscriptionSecret | undefined {
  const key = keys.openers.get(keyId);
  if (!key) return undefined;
  try {
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key.key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString(
      'utf8',
    );
    const [endpoint, p256dh, auth] = JSON.parse(text) as [string, string, string];
    return { endpoint, p256dh, auth };
  } catch {
    return undefined;
  }
}
