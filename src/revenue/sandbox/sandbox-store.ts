import { randomBytes } from 'node:crypto';
import type { Executor } from '../../platform/db/database.js';

// The sandbox provider's "Stripe account": Stripe-shaped JSON objects in `sandbox_objects`.
// Field names and units follow Stripe's API (unix seconds, lower-case currency, minor units),
// so code written against one reads the other the same way.

/** A Stripe-style id: prefix + 24 random hex characters (unguessable, e.g. for receipt URLs). */
export function sandboxId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

/** Unix seconds, as Stripe writes times. */
export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

export type SandboxObject = Record<string, unknown> & { id: string; object: string };

export async function readSandboxObject<T extends SandboxObject>(
  executor: Executor,
  id: string,
  type: string,
): Promise<T | undefined> {
  const row = await executor
    .selectFrom('sandbox_objects')
    .select('data')
    .where('id', '=', id)
    .where('type', '=', type)
    .executeTakeFirst();
  return row ? (JSON.parse(row.data) as T) : undefined;
}

/** Inserts or replaces the object (its `object` field is its type). */
export async function writeSandboxObject(
  executor: Executor,
  value: SandboxObject,
  now: Date,
): Promise<void> {
  const data = JSON.stringify(value);
  const at = now.toISOString();
  await executor
    .insertInto('sandbox_objects')
    .values({ id: value.id, type: value.object, data, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet({ data, updated_at: at }))
    .execute();
}

/** Every object of a type whose JSON has `field` equal to `value` (small sandbox tables only). */
export async function listSandboxObjects<T extends SandboxObject>(
  executor: Executor,
  type: string,
  field: string,
  value: string,
): Promise<T[]> {
  const rows = await executor
    .selectFrom('sandbox_objects')
    .select('data')
    .where('type', '=', type)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => JSON.parse(row.data) as T).filter((object) => object[field] === value);
}
