import { formatMoney, minorDigits } from '../../../../src/revenue/money.js';

// Amounts arrive in minor units with an ISO currency; people read them through Intl.NumberFormat.

/** "$12.50" for 1250 USD (the server's formatter, shared). */
export function money(minor: number, currency: string): string {
  return formatMoney(minor, currency, 'en');
}

/** Chart axis labels: whole units only ("$1,217"). */
export function moneyTick(currency: string): (minor: number) => string {
  const digits = minorDigits(currency);
  const format = new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    maximumFractionDigits: 0,
  });
  return (minor) => format.format(minor / 10 ** digits);
}

const statusLabels: Record<string, string> = {
  paying: 'Paying',
  free: 'Free',
  lapsed: 'Lapsed',
};

/** "Paying", "Free", "Lapsed". */
export function statusLabel(status: string): string {
  return statusLabels[status] ?? status;
}

/** A date without time ("15 Mar 2026"), UTC unless a zone is given. */
export function formatDay(iso: string | null | undefined, timeZone = 'UTC'): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone }).format(new Date(iso));
}
