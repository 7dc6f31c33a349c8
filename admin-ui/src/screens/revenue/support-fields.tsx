import { type ReactNode, useId } from 'react';
import { minorDigits } from '../../../../src/revenue/money.js';

// Fields of the "Support & offers" screen: a label, a hint and the server's 422 messages for
// the field, tied to the input with aria-describedby and aria-invalid.

export type FieldErrors = Record<string, string[]>;

/** Messages for `key`; with `nested`, also those of its items ("donation.presets.0"). */
export function errorsFor(fields: FieldErrors, key: string, nested = false): string[] {
  return Object.entries(fields)
    .filter(([name]) => name === key || (nested && name.startsWith(`${key}.`)))
    .flatMap(([, messages]) => messages);
}

export interface InputProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** A labelled input with its hint and its errors. */
export function FormField({
  label,
  hint,
  errors = [],
  children,
}: {
  label: string;
  hint?: string;
  errors?: string[];
  children: (props: InputProps) => ReactNode;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', errors.length > 0 ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        ...(described ? { 'aria-describedby': described } : {}),
        ...(errors.length > 0 ? { 'aria-invalid': true as const } : {}),
      })}
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {errors.length > 0 ? (
        <p className="alert" id={`${id}-error`}>
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** A checkbox with its label beside it. */
export function CheckField({
  label,
  checked,
  onChange,
  disabled,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <div className="field">
      <label className="support-choice">
        <input
          type="checkbox"
          checked={checked}
          disabled={disabled}
          onChange={(e) => onChange(e.target.checked)}
        />{' '}
        {label}
      </label>
    </div>
  );
}

/** 1250 USD → "12.50"; 500 → "5" (what staff type). */
export function toMajor(minor: number, currency: string): string {
  const digits = safeDigits(currency);
  return minor % 10 ** digits === 0
    ? String(minor / 10 ** digits)
    : (minor / 10 ** digits).toFixed(digits);
}

/** "12.50" → 1250 in USD; undefined when it is not an amount in that currency. */
export function toMinor(text: string, currency: string): number | undefined {
  const digits = safeDigits(currency);
  const match = /^\s*(\d{1,9})(?:[.,](\d+))?\s*$/.exec(text);
  if (!match || (match[2] ?? '').length > digits) return undefined;
  return Number(match[1]) * 10 ** digits + Number((match[2] ?? '').padEnd(digits, '0') || '0');
}

function safeDigits(currency: string): number {
  try {
    return minorDigits(currency.toUpperCase());
  } catch {
    return 2;
  }
}

/** A whole number as typed, or the text itself (the server answers "must be a number"). */
export function wholeNumber(text: string): number | string {
  return /^\s*\d{1,6}\s*$/.test(text) ? Number(text) : text;
}
