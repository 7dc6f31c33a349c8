import type { FastifyReply } from 'fastify';
import type { Entitlement } from '../../content/access/access-level.js';
import {
  entitlementCookie,
  entitlementLifetimeSeconds,
  loadAccessKey,
  signEntitlement,
} from '../../content/access/entitlement-cookie.js';
import type { Executor } from '../../platform/db/database.js';
import { payingStates } from '../member.repository.js';
import type { RevenueServices } from '../payment-provider.js';

// The entitlement cookie of a signed-in member (ADR 0026): the class the member belongs to
// (free, or paying with these tiers), never who they are. Set at sign-in and renewed on the
// account page and after checkout; cleared at sign-out.

/** A member's class: paying (with the tiers of their paying memberships) or a free member. */
export async function memberEntitlement(
  executor: Executor,
  memberId: number,
): Promise<Entitlement> {
  const rows = await executor
    .selectFrom('revenue_subscriptions')
    .select(['status', 'kind', 'tier_id'])
    .where('member_id', '=', memberId)
    .execute();
  const paying = rows.filter((r) => (payingStates as readonly string[]).includes(r.status));
  if (paying.length === 0) return { kind: 'member', tiers: [] };
  const tiers = paying.filter((r) => r.kind === 'membership').map((r) => r.tier_id);
  return { kind: 'paid', tiers: [...new Set(tiers)].sort() };
}

/** Sets (or renews) the entitlement cookie for this member. */
export async function setEntitlementCookie(
  services: Pick<RevenueServices, 'database' | 'config' | 'now'>,
  reply: FastifyReply,
  memberId: number,
): Promise<void> {
  const { db } = services.database;
  const [key, entitlement] = await Promise.all([
    loadAccessKey(db),
    memberEntitlement(db, memberId),
  ]);
  const expiresAt = Math.floor(services.now().getTime() / 1000) + entitlementLifetimeSeconds;
  void reply.setCookie(entitlementCookie, signEntitlement(key, entitlement, expiresAt), {
    path: '/',
    sameSite: 'lax',
    secure: services.config.baseUrl.startsWith('https:'),
    // Read by the server only; the browser's scripts have no use for it.
    httpOnly: true,
    maxAge: entitlementLifetimeSeconds,
  });
}

/** Removes the entitlement cookie (sign-out). */
export function clearEntitlementCookie(
  services: Pick<RevenueServices, 'config'>,
  reply: FastifyReply,
): void {
  void reply.clearCookie(entitlementCookie, {
    path: '/',
    sameSite: 'lax',
    secure: services.config.baseUrl.startsWith('https:'),
  });
}
