import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AccessRule, Entitlement } from './access-level.js';

// Metering (issue 17): a reader may open a few gated stories a period for free. What they
// opened is kept in their own browser, in a cookie the server signs: the period's number and
// one keyed 8-character mark per story, so the count cannot be edited (the signature), a
// story opened again costs nothing (its mark is there), and the cookie is no list of articles
// read (a mark is an HMAC of the id under the installation's key: it names nothing to anyone
// who reads the cookie). Clearing cookies starts again, as with every anonymous meter.

export const meterCookie = 'masthead_meter';
const markLength = 8;

export interface MeterState {
  period: number;
  marks: string[];
}

function mac(key: string, text: string, length: number): string {
  return createHmac('sha256', key).update(text).digest('base64url').slice(0, length);
}

/** The period a moment falls in (whole periods of `periodDays` since the epoch). */
export function meterPeriod(now: Date, periodDays: number): number {
  return Math.floor(now.getTime() / (periodDays * 86_400_000));
}

/** The story's mark: the same for the same story and key, meaningless without the key. */
export function storyMark(key: string, articleId: number): string {
  return mac(key, `meter:${articleId}`, markLength);
}

export function signMeter(key: string, state: MeterState): string {
  const claim = `v1.${state.period}.${state.marks.join('')}`;
  return `${claim}.${mac(key, claim, 22)}`;
}

/** The state in a cookie value; a fresh one for this period when absent, forged or old. */
export function readMeter(key: string, value: string | undefined, period: number): MeterState {
  const fresh = { period, marks: [] };
  if (value === undefined || value.length > 600) return fresh;
  const parts = value.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') return fresh;
  const [, periodText = '', marks = '', signature = ''] = parts;
  if (!/^\d{1,9}$/.test(periodText) || Number(periodText) !== period) return fresh;
  if (!/^[A-Za-z0-9_-]*$/.test(marks) || marks.length % markLength !== 0) return fresh;
  const expected = Buffer.from(mac(key, `v1.${periodText}.${marks}`, 22));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return fresh;
  const list: string[] = [];
  for (let i = 0; i < marks.length; i += markLength) list.push(marks.slice(i, i + markLength));
  return { period, marks: list };
}

export type MeterAnswer =
  | { open: true; state: MeterState; left: number; changed: boolean }
  | { open: false; state: MeterState; left: 0 };

/** Opens the story if it was opened before this period or a free one is left. */
export function spendMeter(state: MeterState, mark: string, allowance: number): MeterAnswer {
  if (state.marks.includes(mark))
    return {
      open: true,
      state,
      left: Math.max(0, allowance - state.marks.length),
      changed: false,
    };
  if (state.marks.length >= allowance) return { open: false, state, left: 0 };
  const next = { period: state.period, marks: [...state.marks, mark] };
  return { open: true, state: next, left: allowance - next.marks.length, changed: true };
}

export interface MeterSettings {
  anonymous: number;
  registered: number;
  periodDays: number;
}

/** Free opens a period for this reader on a story with this rule (0: none, the wall). */
export function meterAllowance(
  rule: AccessRule,
  entitlement: Entitlement,
  meter: MeterSettings,
): number {
  if (entitlement.kind === 'none' && (rule.level === 'members' || rule.level === 'paid'))
    return meter.anonymous;
  if (entitlement.kind === 'member' && rule.level === 'paid') return meter.registered;
  return 0;
}

/** Whether some reader of the preview may have free opens: the wall then runs the meter. */
export function wallIsMetered(rule: AccessRule, meter: MeterSettings): boolean {
  return (
    (rule.level === 'members' && meter.anonymous > 0) ||
    (rule.level === 'paid' && (meter.anonymous > 0 || meter.registered > 0))
  );
}
