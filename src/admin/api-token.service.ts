import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { validationError } from '../platform/errors.js';
import { type ApiTokenRow, type StaffRole, staffRoles } from './admin.table.js';

/** sha256 of a secret, hex: what the database keeps instead of the secret. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Creates a staff API token; the plain token is returned once and never stored. */
export async function createApiToken(
  executor: Executor,
  input: { name: string; role: string },
): Promise<{ token: string; row: ApiTokenRow }> {
  const name = input.name.trim();
  const fields: Record<string, string[]> = {};
  if (!name || name.length > 100) fields.name = ['must be 1 to 100 characters'];
  if (!(staffRoles as readonly string[]).includes(input.role))
    fields.role = [`must be one of ${staffRoles.join(', ')}`];
  if (Object.keys(fields).length > 0)
    throw validationError(
      fields,
      `Cannot create the token: ${Object.entries(fields)
        .map(([k, v]) => `${k} ${v.join(', ')}`)
        .join('; ')}.`,
    );
  const token = `mh_${randomBytes(32).toString('base64url')}`;
  const row = await executor
    .insertInto('api_tokens')
    .values({
      name,
      role: input.role as StaffRole,
      token_hash: hashSecret(token),
      created_at: nowIso(),
      last_used_at: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, row };
}

/** The live token row for a presented bearer token; refreshes last_used_at at most once a minute. */
export async function findApiToken(
  executor: Executor,
  token: string,
  now: Date,
): Promise<ApiTokenRow | undefined> {
  if (!token.startsWith('mh_') || token.length > 200) return undefined;
  const row = await executor
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await executor
      .updateTable('api_tokens')
      .set({ last_used_at: nowIso(now) })
      .where('id', '=', row.id)
      .execute();
  }
  return row;
}

/** Revokes a token; it stops working at once. */
export async function revokeApiToken(executor: Executor, id: number, now: Date): Promise<boolean> {
  const result = await executor
    .updateTable('api_tokens')
    .set({ revoked_at: nowIso(now) })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
