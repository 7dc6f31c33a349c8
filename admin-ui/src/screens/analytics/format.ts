import type { Period } from './types';

// How the analytics screen writes its figures: whole numbers with separators, engaged time
// as m:ss, shares as percentages, and the change against the previous period.

export const periods: Array<{ value: Period; label: string; previous: string }> = [
  { value: 'today', label: 'Today', previous: 'yesterday' },
  { value: '7d', label: '7 days', previous: 'previous 7 days' },
  { value: '30d', label: '30 days', previous: 'previous 30 days' },
  { value: '90d', label: '90 days', previous: 'previous 90 days' },
];

const numberFormat = new Intl.NumberFormat('en-GB');

export const count = (value: number) => numberFormat.format(value);

/** Seconds as m:ss ("2:05"). */
export function duration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/** A 0–1 share as "42 %". */
export const percent = (share: number) => `${Math.round(share * 100)} %`;

/** "+12 % vs previous 7 days", "−3 % vs yesterday", "No change vs …", "New vs …". */
export function change(now: number, before: number, period: Period): string {
  const against = periods.find((p) => p.value === period)?.previous ?? 'previous period';
  if (before === 0) return now === 0 ? `No change vs ${against}` : `None in the ${against}`;
  const delta = Math.round(((now - before) / before) * 100);
  if (delta === 0) return `No change vs ${against}`;
  return `${delta > 0 ? '+' : '−'}${Math.abs(delta)} % vs ${against}`;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const longDayFormat = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'medium',
  timeZone: 'UTC',
});

/** A YYYY-MM-DD day as "7 Dec" (the chart's labels). */
export const shortDay = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));
/** A YYYY-MM-DD day as "7 Dec 2026". */
export const longDay = (day: string) => longDayFormat.format(new Date(`${day}T00:00:00Z`));

const mediums: Record<string, string> = {
  direct: 'Direct',
  search: 'Search',
  social: 'Social',
  newsletter: 'Newsletter',
  email: 'Email',
  referral: 'Referral',
  campaign: 'Campaign',
};

/** The medium for people ("direct" → "Direct"). */
export function mediumLabel(medium: string): string {
  return mediums[medium] ?? (medium ? medium[0]?.toUpperCase() + medium.slice(1) : 'Unknown');
}

/** A device class or country code for people; empty is "Unknown". */
export function dimensionLabel(value: string): string {
  if (!value) return 'Unknown';
  return value.length === 2 ? value.toUpperCase() : value[0]?.toUpperCase() + value.slice(1);
}
