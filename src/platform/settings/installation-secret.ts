import { randomBytes } from 'node:crypto';
import type { Executor } from '../db/database.js';
import { nowIso } from '../db/database.js';

// Signing keys that belong to the installation, not to a process: 32 random bytes made on
// first use and kept in the settings table, so every process and every node sharing the
// database signs alike, and what was signed keeps verifying across restarts. A key is never
// rotated by the code, so each process reads it once.

const cache = new WeakMap<object, Map<string, string>>();

/** The secret stored under `key`, created (32 random bytes in `encoding`) if there is none. */
export async function loadInstallationSecret(
  executor: Executor,
  key: string,
  encoding: 'base64url' | 'hex' = 'base64url',
): Promise<string> {
  const known = cache.get(executor)?.get(key);
  if (known) return known;
  await executor
    .insertInto('settings')
    .values({
      key,
      value: JSON.stringify(randomBytes(32).toString(encoding)),
      updated_at: nowIso(),
    })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await executor
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  const secret = JSON.parse(row.value) as string;
  let byKey = cache.get(executor);
  if (!byKey) cache.set(executor, (byKey = new Map()));
  byKey.set(key, secret);
  return secret;
}
