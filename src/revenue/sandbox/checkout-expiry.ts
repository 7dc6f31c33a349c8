import type { SandboxCheckoutSession } from './sandbox-objects.js';
import { unixSeconds } from './sandbox-store.js';

// A sandbox checkout session can be paid for 24 hours, as Stripe's can. The session's own
// `expires_at` decides; the `created` + 24 h bound also covers sessions written before a
// lifetime change, and `revenue.housekeeping` marks our `checkouts` row expired after as long.

/** The longest a checkout session can be paid after it was created. */
export const checkoutSessionMaxAgeSeconds = 24 * 60 * 60;

/** True when the session has expired (by status or by time) and must not be paid. */
export function isSandboxCheckoutExpired(session: SandboxCheckoutSession, now: Date): boolean {
  const at = unixSeconds(now);
  return (
    session.status === 'expired' ||
    session.expires_at <= at ||
    session.created + checkoutSessionMaxAgeSeconds <= at
  );
}
