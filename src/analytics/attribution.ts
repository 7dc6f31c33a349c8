import { z } from 'zod';
import type { Executor } from '../platform/db/database.js';
import type { EventBus } from '../platform/events/domain-events.js';
import '../newsletters/newsletter-events.js';
import '../revenue/revenue-events.js';
import { classifySource, type TrafficSource } from './traffic-source.js';

// Attribution (ADR 0023): which visits led to a checkout or a newsletter signup. The analytics
// script remembers, in the reader's own browser, the first and the last visit that came from
// elsewhere (another site's link or a campaign link) within 30 days, and adds them to a signup
// or support form as a hidden `touch` field when the reader submits it. Revenue and the
// newsletters pass that text on in their events; here it is checked, normalized to the same
// medium/source/campaign buckets as page views, and stored beside the checkout or signup. The
// referrer URL itself is not kept.

/** The window the script keeps touches for; older ones (by the browser's clock) are dropped. */
export const touchWindowDays = 30;

const visit = z.object({
  r: z.string().max(600).default(''),
  q: z.string().max(600).default(''),
  p: z.string().max(600).default(''),
  t: z.number().finite().optional(),
});
const touchSchema = z.object({ f: visit.optional(), l: visit.optional() });

export interface Touch extends TrafficSource {
  path: string;
  /** When, as the browser said (ISO), or '' when its clock is not believable. */
  at: string;
}

export interface Touches {
  first: Touch;
  last: Touch;
}

const direct: Touch = { medium: 'direct', source: '', campaign: '', path: '', at: '' };

function safePath(path: string): string {
  return path.startsWith('/') ? path.replace(/[^\x21-\x7e]/g, '').slice(0, 200) : '';
}

function readVisit(raw: z.infer<typeof visit> | undefined, now: Date): Touch {
  if (!raw) return { ...direct };
  const source = classifySource({ referrer: raw.r, query: raw.q, siteHost: '' });
  const age = raw.t === undefined ? NaN : now.getTime() - raw.t;
  const believable = age > -86_400_000 && age < (touchWindowDays + 1) * 86_400_000;
  return {
    ...source,
    path: safePath(raw.p),
    at: believable && raw.t !== undefined ? new Date(raw.t).toISOString() : '',
  };
}

/**
 * Reads a form's `touch` field. Undefined when there is none or it is not the script's (the
 * reader opted out of tracking, or had no script): such a conversion is "not recorded",
 * never guessed to be direct. `{}` (the script ran, nothing came from elsewhere) is direct.
 */
export function parseTouches(text: string, now: Date): Touches | undefined {
  if (text === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = touchSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const first = readVisit(parsed.data.f ?? parsed.data.l, now);
  return { first, last: parsed.data.l ? readVisit(parsed.data.l, now) : first };
}

type TouchRow = Record<
  `${'first' | 'last'}_${'medium' | 'source' | 'campaign' | 'path' | 'at'}`,
  string
>;

function touchColumns(touches: Touches): TouchRow {
  const row: Partial<TouchRow> = {};
  for (const [name, touch] of [
    ['first', touches.first],
    ['last', touches.last],
  ] as const) {
    row[`${name}_medium`] = touch.medium;
    row[`${name}_source`] = touch.source;
    row[`${name}_campaign`] = touch.campaign;
    row[`${name}_path`] = touch.path;
    row[`${name}_at`] = touch.at;
  }
  return row as TouchRow;
}

/** Stores where a checkout or signup came from (once: a retried event changes nothing). */
export async function recordTouches(
  executor: Executor,
  input: {
    kind: 'checkout' | 'signup';
    ref: string;
    articleId: number | null;
    prompt: string;
    location: string;
    touches: Touches;
    now: Date;
  },
): Promise<void> {
  await executor
    .insertInto('analytics_touches')
    .values({
      kind: input.kind,
      ref: input.ref,
      article_id: input.articleId,
      prompt: input.prompt.slice(0, 40),
      location: input.location.slice(0, 200),
      ...touchColumns(input.touches),
      created_at: input.now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['kind', 'ref']).doNothing())
    .execute();
}

function articleOfLocation(location: string): number | null {
  const match = /^article:([1-9]\d{0,9})$/.exec(location);
  return match ? Number(match[1]) : null;
}

/** Analytics' reactions to revenue and newsletter events (see jobs.ts). */
export function subscribeAnalytics(bus: EventBus, options: { now?: () => Date } = {}): void {
  const now = options.now ?? (() => new Date());
  const record = async (
    executor: Executor,
    touch: string,
    input: Omit<Parameters<typeof recordTouches>[1], 'touches' | 'now'>,
  ) => {
    const at = now();
    const touches = parseTouches(touch, at);
    if (touches) await recordTouches(executor, { ...input, touches, now: at });
  };
  bus.subscribe(['revenue.checkout-started'], {
    name: 'analytics.checkout-touch',
    handle: (executor, event) =>
      record(executor, event.touch, {
        kind: 'checkout',
        ref: event.checkoutId,
        articleId: event.articleId,
        prompt: event.prompt,
        location: '',
      }),
  });
  bus.subscribe(['newsletter.signup-requested'], {
    name: 'analytics.signup-touch',
    handle: (executor, event) =>
      record(executor, event.touch, {
        kind: 'signup',
        ref: String(event.consentId),
        articleId: articleOfLocation(event.location),
        prompt: '',
        location: event.location,
      }),
  });
}
