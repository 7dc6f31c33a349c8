import { formatMoney } from '../../../../src/revenue/money.js';

// Amounts arrive in minor units with an ISO currency; people read them through Intl.NumberFormat.

/** "$12.50" for 1250 USD (the server's formatter, shared). */
export function money(minor: number, currency: string): string {
  return formatMoney(minor, currency, 'en');
}

/** Chart axis labels: like money(), whole amounts without decimals ("$20", "$12.50"). */
export function moneyTick(currency: string): (minor: number) => string {
  return (minor) => formatMoney(minor, currency, 'en');
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
