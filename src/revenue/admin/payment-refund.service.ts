import type { Executor } from '../../platform/db/database.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import { formatMoney, parseAmount } from '../money.js';
import { type PaymentProvider, RefundRefusedError } from '../payment-provider.js';
import { findPaymentOfMember } from './member-admin.repository.js';

// A refund asked for from the admin. Only the provider is told: the payment row changes when
// its `charge.refunded` event is processed, so the event pipeline stays the single source of
// truth and a refund made in the provider's own dashboard lands the same way.

export interface RefundDeps {
  db: Executor;
  payments: PaymentProvider;
  logError: (error: unknown) => void;
}

/** The amount to refund in minor units (undefined: all that is left), or 422. */
function refundAmount(input: string | undefined, currency: string, remaining: number) {
  if (input === undefined || input.trim() === '') return undefined;
  const parsed = parseAmount(input, currency, { minimum: 1, maximum: remaining });
  if (parsed.ok) return parsed.minor;
  const unbounded = parseAmount(input, currency, {
    minimum: 1,
    maximum: Number.MAX_SAFE_INTEGER,
  });
  const message = unbounded.ok
    ? `At most ${formatMoney(remaining, currency)} is left to refund on this payment.`
    : parsed.message;
  throw validationError({ amount: [message] }, message);
}

/** Asks the provider to refund a member's payment; throws 404/409/422/502 as AppError. */
export async function requestPaymentRefund(
  deps: RefundDeps,
  request: { memberId: number; paymentId: number; amount?: string },
): Promise<void> {
  const payment = await findPaymentOfMember(deps.db, request.memberId, request.paymentId);
  if (!payment) throw notFound('Payment');
  if (payment.status === 'failed')
    throw conflict('This payment failed, so there is nothing to refund.', 'not_refundable');
  const remaining = payment.amount - payment.amount_refunded;
  if (remaining <= 0 || payment.status === 'refunded')
    throw conflict('This payment has already been refunded in full.', 'already_refunded');
  if (payment.provider !== deps.payments.name)
    throw conflict(
      `This payment was made through ${payment.provider}, not the payment provider in use now (${deps.payments.name}); refund it there.`,
      'other_provider',
    );
  const amount = refundAmount(request.amount, payment.currency, remaining);
  try {
    await deps.payments.refundPayment(payment.provider_payment_id, amount);
  } catch (error) {
    if (error instanceof RefundRefusedError)
      throw new AppError(
        502,
        'provider_refused',
        `The payment provider refused the refund: ${error.message}`,
      );
    deps.logError(error);
    throw new AppError(
      502,
      'provider_unavailable',
      'The payment provider could not be asked for the refund. Please try again in a minute.',
    );
  }
}
