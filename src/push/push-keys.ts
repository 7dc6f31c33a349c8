import { createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { loadWebPush } from './web-push-library.js';

// The keys of web push, made once at first start and kept in the database (`push_keys`, one
// row), so every node of a cluster signs with the same VAPID key and reads the same sealed
// subscriptions. ADR 0022 says why subscriptions are sealed and where the sealing key lives.

export interface SealingKey {
  id: string;
  key: Buffer;
}

export interface PushKeys {
  /** VAPID public key (base64url, uncompressed P-256 point): the browsers' applicationServerKey. */
  vapidPublicKey: string;
  vapidPrivateKey: string;
  /** Seals new subscriptions: derived from PUSH_ENCRYPTION_KEY when set, else the stored key. */
  sealing: SealingKey;
  /** Every key a stored subscription may be sealed with, by id. */
  openers: Map<string, SealingKey>;
  /** Keys the endpoint hash (always the stored key: the hash must not change with the env key). */
  hashKey: Buffer;
}

const cache = new WeakMap<object, Map<string, PushKeys>>();

function derive(secret: Buffer | string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'masthead-push', purpose, 32));
}

function sealingKey(key: Buffer): SealingKey {
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 12), key };
}

/** Makes the keys if this is the first start (every node agrees on one row), then reads them. */
export async function ensurePushKeys(
  executor: Executor,
  options: { encryptionKey: string | undefined; now?: Date },
): Promise<PushKeys> {
  const cached = cache.get(executor)?.get(options.encryptionKey ?? '');
  if (cached) return cached;
  let row = await readKeys(executor);
  if (!row) {
    const webPush = await loadWebPush();
    const vapid = webPush.generateVAPIDKeys();
    await executor
      .insertInto('push_keys')
      .values({
        id: 1,
        vapid_public_key: vapid.publicKey,
        vapid_private_key: vapid.privateKey,
        subscription_key: randomBytes(32).toString('base64url'),
        created_at: nowIso(options.now ?? new Date()),
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    row = await readKeys(executor);
    if (!row) throw new Error('the push keys could not be stored');
  }
  const stored = Buffer.from(row.subscription_key, 'base64url');
  const storedSealing = sealingKey(derive(stored, 'subscriptions'));
  const sealing = options.encryptionKey
    ? sealingKey(derive(options.encryptionKey, 'subscriptions'))
    : storedSealing;
  const keys: PushKeys = {
    vapidPublicKey: row.vapid_public_key,
    vapidPrivateKey: row.vapid_private_key,
    sealing,
    openers: new Map([
      [storedSealing.id, storedSealing],
      [sealing.id, sealing],
    ]),
    hashKey: derive(stored, 'endpoint-hash'),
  };
  // Only the database handle is cached, never a transaction (which may roll back the insert).
  if (!executor.isTransaction) {
    const byKey = cache.get(executor) ?? new Map<string, PushKeys>();
    byKey.set(options.encryptionKey ?? '', keys);
    cache.set(executor, byKey);
  }
  return keys;
}

function readKeys(executor: Executor) {
  return executor.selectFrom('push_keys').selectAll().where('id', '=', 1).executeTakeFirst();
}
