import { type FormEvent, useState } from 'react';
import { api, ApiError } from '../../api';
import { Alert } from '../../ui';
import { minorDigits } from '../../../../src/revenue/money.js';
import { money } from './money';
import { errorsFor, FormField } from './support-fields';
import type { MemberDetail } from './types';

// "Refund" on a payment of the member detail screen (admins only): a small confirm form with
// the amount prefilled with what is left. The API only asks the provider; the payment row
// changes when the provider's refund event has been processed, usually a moment later.

type Payment = MemberDetail['payments'][number];

/** Whether there is anything left to refund on the payment. */
export function isRefundable(payment: Payment): boolean {
  return (
    (payment.status === 'succeeded' || payment.status === 'partially_refunded') &&
    payment.amount_refunded < payment.amount
  );
}

/** Minor units as the plain decimal people type: 1250 USD → "12.50". */
function majorUnits(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

export function RefundPayment({
  memberId,
  payment,
  onRequested,
}: {
  memberId: number;
  payment: Payment;
  onRequested: (message: string) => void;
}) {
  const remaining = payment.amount - payment.amount_refunded;
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState(() => majorUnits(remaining, payment.currency));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (!open)
    return (
      <button
        type="button"
        onClick={() => {
          setAmount(majorUnits(remaining, payment.currency));
          setError(null);
          setOpen(true);
        }}
      >
        Refund<span className="visually-hidden"> {money(payment.amount, payment.currency)}</span>
      </button>
    );

  const fields = error instanceof ApiError ? error.fields : {};
  const amountErrors = errorsFor(fields, 'amount');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('POST', `/api/admin/members/${memberId}/payments/${payment.id}/refund`, {
        amount,
      });
      setOpen(false);
      onRequested(
        `Refund of ${amount} ${payment.currency} requested. The payment shows it once the provider confirms.`,
      );
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="refund-form" onSubmit={(e) => void submit(e)}>
      <FormField
        label={`Amount to refund (${payment.currency})`}
        hint={`Up to ${money(remaining, payment.currency)} is left on this payment.`}
        errors={amountErrors}
      >
        {(props) => (
          <input
            {...props}
            inputMode="decimal"
            required
            autoFocus
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        )}
      </FormField>
      {amountErrors.length === 0 ? <Alert error={error} /> : null}
      <button type="submit" disabled={busy}>
        {busy ? 'Refunding…' : 'Confirm refund'}
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)} disabled={busy}>
        Cancel
      </button>
    </form>
  );
}
