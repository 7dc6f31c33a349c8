import { Secret, TOTP } from 'otpauth';
import type { Executor } from '../platform/db/database.js';
import { nowIso } from '../platform/db/database.js';
import { AppError, conflict } from '../platform/errors.js';
import type { UserRow } from './admin.table.js';
import {
  claimTotpStep,
  findUserTotp,
  savePendingSecret,
  updateUserTotp,
} from './totp.repository.js';

// TOTP (RFC 6238): SHA-1, 6 digits, 30-second steps — what every authenticator app speaks.
const period = 30;

function totpFor(secret: string, label = '', issuer = ''): TOTP {
  return new TOTP({
    issuer,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period,
    secret: Secret.fromBase32(secret),
  });
}

/**
 * The step a code belongs to when it matches within ±1 step of `now`, else undefined.
 * Codes are compared by otpauth in constant time per candidate.
 */
export function matchTotpStep(secret: string, code: string, now: Date): number | undefined {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return undefined;
  const delta = totpFor(secret).validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return undefined;
  return Math.floor(now.getTime() / 1000 / period) + delta;
}

/** Makes a new pending secret; it becomes active only after a right code (`enableTotp`). */
export async function setUpTotp(
  executor: Executor,
  user: UserRow,
  issuer: string,
  now: Date,
): Promise<{ secret: string; otpauth_url: string }> {
  const secret = new Secret({ size: 20 }).base32;
  await savePendingSecret(executor, user.id, secret, nowIso(now));
  return { secret, otpauth_url: totpFor(secret, user.email, issuer).toString() };
}

const invalidCode = () =>
  new AppError(422, 'invalid_totp', 'That code is not right. Enter the current 6-digit code.');

/** Activates the pending secret when `code` is right for it. */
export async function enableTotp(
  executor: Executor,
  userId: number,
  code: string,
  now: Date,
): Promise<void> {
  const row = await findUserTotp(executor, userId);
  if (!row?.pending_secret)
    throw conflict('Start two-factor setup first to get a new secret.', 'totp_not_set_up');
  const step = matchTotpStep(row.pending_secret, code, now);
  if (step === undefined) throw invalidCode();
  await updateUserTotp(executor, userId, {
    secret: row.pending_secret,
    pending_secret: null,
    enabled_at: nowIso(now),
    // The confirming code is spent: it cannot also be used to sign in.
    last_used_step: step,
    updated_at: nowIso(now),
  });
}

/** Turns two-factor off; needs a right code from the active secret. */
export async function disableTotp(
  executor: Executor,
  userId: number,
  code: string,
  now: Date,
): Promise<void> {
  const row = await findUserTotp(executor, userId);
  if (!row?.secret || !row.enabled_at)
    throw conflict('Two-factor sign-in is not turned on.', 'totp_not_enabled');
  const step = matchTotpStep(row.secret, code, now);
  if (step === undefined || !(await claimTotpStep(executor, userId, step, nowIso(now))))
    throw invalidCode();
  await updateUserTotp(executor, userId, {
    secret: null,
    pending_secret: null,
    enabled_at: null,
    updated_at: nowIso(now),
  });
}

/**
 * The sign-in check for a user whose password was right: 'ok' when TOTP is off or the code is
 * right and unused; 'required' when a code is needed but none was sent; 'invalid' otherwise.
 */
export async function checkSignInTotp(
  executor: Executor,
  userId: number,
  code: string | undefined,
  now: Date,
): Promise<'ok' | 'required' | 'invalid'> {
  const row = await findUserTotp(executor, userId);
  if (!row?.secret || !row.enabled_at) return 'ok';
  if (code === undefined || code.trim() === '') return 'required';
  const step = matchTotpStep(row.secret, code, now);
  if (step === undefined) return 'invalid';
  return (await claimTotpStep(executor, userId, step, nowIso(now))) ? 'ok' : 'invalid';
}
