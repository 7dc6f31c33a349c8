import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import type { DayRange } from './analytics-report.js';
import {
  confirmedSignups,
  conversionPayments,
  instantBounds,
  promptedRegistrations,
} from './conversions-report.js';

// Where this period's donors, members and subscribers came from: each conversion (a paid
// donation, a membership's first payment, a confirmed signup) with the touches recorded when
// its checkout or signup began. By first touch (what brought the reader in) and by last touch
// (what brought them back to act), and by the prompt or form that converted. A conversion
// without touches (no script, or the reader opted out of tracking) is "not recorded".

export interface ConversionCounts {
  donations: number;
  memberships: number;
  /** Money from those payments, minor units of `currency` ('' when there were none). */
  amount: number;
  currency: string;
  signups: number;
}

export interface SourceConversions extends ConversionCounts {
  /** `unrecorded` when the conversion carried no touches. */
  medium: string;
  source: string;
  campaign: string;
}

export interface PromptConversions extends ConversionCounts {
  /**
   * A support prompt placement, `support-page`, a soft wall (`donation-wall`, and
   * `registration-wall` for the registrations it brought), or a signup form's place.
   */
  prompt: string;
}

export interface AttributionFigures {
  firstTouch: SourceConversions[];
  lastTouch: SourceConversions[];
  prompts: PromptConversions[];
}

interface Conversion {
  kind: 'donation' | 'membership' | 'signup';
  amount: number;
  currency: string;
  prompt: string;
  first: { medium: string; source: string; campaign: string };
  last: { medium: string; source: string; campaign: string };
}

const unrecorded = { medium: 'unrecorded', source: '', campaign: '' };

function touchOf(
  medium: string | null,
  source: string | null,
  campaign: string | null,
): Conversion['first'] {
  return medium === null ? unrecorded : { medium, source: source ?? '', campaign: campaign ?? '' };
}

/** A signup form's place without the article id (`article:12` → `article`). */
function formPlace(location: string): string {
  if (location.startsWith('article')) return 'article';
  return location.startsWith('/') || location === '' ? 'page' : location.slice(0, 40);
}

async function conversionsIn(db: Executor, from: string, to: string): Promise<Conversion[]> {
  const payments = await conversionPayments(db, from, to)
    .leftJoin('analytics_touches as t', (join) =>
      join.on('t.kind', '=', 'checkout').onRef('t.ref', '=', 'p.checkout_id'),
    )
    .select([
      'p.kind',
      'p.amount',
      'p.currency',
      'p.prompt',
      't.first_medium',
      't.first_source',
      't.first_campaign',
      't.last_medium',
      't.last_source',
      't.last_campaign',
    ])
    .execute();
  const signups = await confirmedSignups(db, from, to)
    .leftJoin('analytics_touches as t', (join) =>
      join.on('t.kind', '=', 'signup').on('t.ref', '=', sql<string>`cast(c.id as text)`),
    )
    .select([
      'c.location',
      't.first_medium',
      't.first_source',
      't.first_campaign',
      't.last_medium',
      't.last_source',
      't.last_campaign',
    ])
    .execute();
  // Registrations from a soft wall's link: no touches are kept for them (the sign-in form is
  // not one the touch script fills), only the prompt.
  const registrations = await promptedRegistrations(db, from, to).select('s.prompt').execute();
  return [
    ...payments.map((row) => ({
      kind: row.kind === 'donation' ? ('donation' as const) : ('membership' as const),
      amount: Number(row.amount),
      currency: row.currency,
      prompt: row.prompt || 'support-page',
      first: touchOf(row.first_medium, row.first_source, row.first_campaign),
      last: touchOf(row.last_medium, row.last_source, row.last_campaign),
    })),
    ...signups.map((row) => ({
      kind: 'signup' as const,
      amount: 0,
      currency: '',
      prompt: `form:${formPlace(row.location)}`,
      first: touchOf(row.first_medium, row.first_source, row.first_campaign),
      last: touchOf(row.last_medium, row.last_source, row.last_campaign),
    })),
    ...registrations.map((row) => ({
      kind: 'signup' as const,
      amount: 0,
      currency: '',
      prompt: row.prompt,
      first: unrecorded,
      last: unrecorded,
    })),
  ];
}

function tally<T extends ConversionCounts>(
  conversions: Conversion[],
  keyOf: (c: Conversion) => string,
  make: (c: Conversion) => T,
): T[] {
  const out = new Map<string, T & { key: string }>();
  for (const c of conversions) {
    const key = keyOf(c);
    let entry = out.get(key);
    if (!entry) out.set(key, (entry = { ...make(c), key }));
    if (c.kind === 'signup') entry.signups += 1;
    else {
      if (c.kind === 'donation') entry.donations += 1;
      else entry.memberships += 1;
      // One newsroom sells in one currency; a second one is left out of the sum, not mixed in.
      if (entry.currency === '' || entry.currency === c.currency) {
        entry.amount += c.amount;
        entry.currency = c.currency;
      }
    }
  }
  const weight = (e: ConversionCounts) => e.donations + e.memberships + e.signups;
  return [...out.values()]
    .sort(
      (a, b) =>
        weight(b) - weight(a) ||
        b.amount - a.amount ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    )
    .map(({ key: _key, ...entry }) => entry as unknown as T);
}

const zero = (): ConversionCounts => ({
  donations: 0,
  memberships: 0,
  amount: 0,
  currency: '',
  signups: 0,
});

/** Conversions in the range by first touch, by last touch and by prompt. */
export async function attributionFigures(
  db: Executor,
  range: DayRange,
  timeZone: string,
): Promise<AttributionFigures> {
  const { from, to } = instantBounds(range, timeZone);
  const conversions = await conversionsIn(db, from, to);
  const bySource = (pick: (c: Conversion) => Conversion['first']) =>
    tally(
      conversions,
      (c) => JSON.stringify(pick(c)),
      (c) => ({ ...pick(c), ...zero() }),
    );
  return {
    firstTouch: bySource((c) => c.first),
    lastTouch: bySource((c) => c.last),
    prompts: tally(
      conversions,
      (c) => c.prompt,
      (c) => ({ prompt: c.prompt, ...zero() }),
    ),
  };
}
