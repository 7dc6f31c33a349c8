import { createHash, createHmac } from 'node:crypto';
import type { Executor } from '../platform/db/database.js';
import { loadInstallationSecret } from '../platform/settings/installation-secret.js';

// The opt-out link of reply emails: an HMAC of the member id under an installation secret,
// so every email to one reader carries the same link without the link being stored; the
// database keeps only its sha256 (comment_readers.unsubscribe_hash) to find the reader.

export function loadOptOutSecret(executor: Executor): Promise<string> {
  return loadInstallationSecret(executor, 'comments.opt-out-secret');
}

export function optOutToken(secret: string, memberId: number): string {
  return createHmac('sha256', secret).update(`comments-opt-out:${memberId}`).digest('base64url');
}

export function hashOptOutToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
