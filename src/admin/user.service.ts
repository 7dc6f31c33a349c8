import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { conflict, validationError } from '../platform/errors.js';
import { type StaffRole, staffRoles, type UserRow } from './admin.table.js';
import { hashPassword, verifyPassword } from './password.js';
import { passwordProblem } from './password-policy.js';
import { findUserByEmail, insertUser } from './user.repository.js';

const emailSchema = z.email({ message: 'must be a valid email address' });

/** Lowercases and trims an email address. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates a staff account; 422 on bad input, 409 when the email is taken. */
export async function createUser(
  executor: Executor,
  input: { email: string; password: string; role: string; name: string },
): Promise<UserRow> {
  const email = normalizeEmail(input.email);
  const fields: Record<string, string[]> = {};
  if (!emailSchema.safeParse(email).success) fields.email = ['must be a valid email address'];
  const problem = passwordProblem(input.password);
  if (problem) fields.password = [problem];
  if (!(staffRoles as readonly string[]).includes(input.role))
    fields.role = [`must be one of ${staffRoles.join(', ')}`];
  if (!input.name.trim() || input.name.length > 120) fields.name = ['must be 1 to 120 characters'];
  if (Object.keys(fields).length > 0)
    throw validationError(
      fields,
      `Cannot create the user: ${Object.entries(fields)
        .map(([k, v]) => `${k} ${v.join(', ')}`)
        .join('; ')}.`,
    );
  if (await findUserByEmail(executor, email))
    throw conflict(`A staff account for ${email} already exists.`, 'email_taken');
  return insertUser(executor, {
    email,
    name: input.name.trim(),
    password_hash: await hashPassword(input.password),
    role: input.role as StaffRole,
    now: nowIso(),
  });
}

/** The user for these credentials, or undefined (same work either way). */
export async function authenticateUser(
  executor: Executor,
  email: string,
  password: string,
): Promise<UserRow | undefined> {
  const user = await findUserByEmail(executor, normalizeEmail(email));
  const valid = await verifyPassword(
    user && !user.disabled_at ? user.password_hash : undefined,
    password,
  );
  return valid ? user : undefined;
}
