import type { z } from 'zod';
import type { Executor } from '../db/database.js';
import { nowIso } from '../db/database.js';

// One row of the settings table holding a JSON document checked by a zod schema. Site
// settings, offers, support prompts and narration voices are each one such row.

/** The stored value parsed by `schema`; the schema's defaults when missing or unreadable. */
export async function readJsonSetting<S extends z.ZodType>(
  executor: Executor,
  key: string,
  schema: S,
): Promise<z.infer<S>> {
  const row = await executor
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirst();
  let stored: unknown = {};
  try {
    stored = row ? JSON.parse(row.value) : {};
  } catch {
    stored = {};
  }
  const parsed = schema.safeParse(stored);
  return parsed.success ? parsed.data : schema.parse({});
}

/** Stores an already validated value. */
export async function storeJsonSetting(
  executor: Executor,
  key: string,
  value: unknown,
): Promise<void> {
  const json = JSON.stringify(value);
  const now = nowIso();
  await executor
    .insertInto('settings')
    .values({ key, value: json, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now }))
    .execute();
}

/**
 * Merges `patch` (top-level keys) over the stored value, validates the result with `schema`
 * (throws a ZodError; nothing is stored then), stores it and returns it.
 */
export async function patchJsonSetting<S extends z.ZodType>(
  executor: Executor,
  key: string,
  schema: S,
  patch: unknown,
): Promise<z.infer<S>> {
  const current = await readJsonSetting(executor, key, schema);
  const next = schema.parse({
    ...(current as object),
    ...(typeof patch === 'object' && patch !== null ? patch : {}),
  });
  await storeJsonSetting(executor, key, next);
  return next;
}
