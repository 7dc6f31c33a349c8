import { type MatchContext, rewrite } from './rewrite.js';

// Dates written in figures, found the same way in every language; each language says them
// in its own words (en/dates.ts, uk/dates.ts).
//
// - "05.12.2024": day.month.year, always (the European form Ukrainian newsrooms write; no
//   one writes month.day.year with dots).
// - "2024-12-05": ISO year-month-day.
// - "5/12/2024": ambiguous. A part over 12 settles it ("13/5/2024" is day first, "5/13/2024"
//   month first); otherwise the language's convention does: month first for US English
//   (`en-US` and the US-style regions in `monthFirstRegions`), day first for every other
//   tag, plain `en` included (as the briefing's own dates are written, en-GB).
//
// Only four-digit years 1000–2099 count, and only real calendar days: "32.13.2024" or
// "31.02.2024" is no date and stays for the number rules. A match may not be part of a
// longer token of figures ("1.2.2024.5", "v1.2.2024").

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
}

export type SlashOrder = 'day-first' | 'month-first';

const YEAR = String.raw`(1\d{3}|20\d{2})`;
const START = String.raw`(?<![\p{L}\d.,/:-])`;
const END = String.raw`(?![\p{L}\d]|[.,/:-]\d)`;

/** Regions whose English writes dates month first. */
const monthFirstRegions = new Set(['US', 'PH', 'FM', 'MH', 'PW', 'AS', 'GU', 'MP', 'PR', 'VI']);

/** How a language tag reads "5/12/2024" when both parts could be the month. */
export function slashOrderFor(language = 'en'): SlashOrder {
  const [primary = '', ...rest] = language.trim().split(/[-_]/);
  if (primary.toLowerCase() !== 'en') return 'day-first';
  const region = rest.find((part) => /^[A-Za-z]{2}$/.test(part))?.toUpperCase() ?? '';
  return monthFirstRegions.has(region) ? 'month-first' : 'day-first';
}

/** The date, when it is one on the calendar. */
export function calendarDate(year: number, month: number, day: number): CalendarDate | undefined {
  if (month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth ? { year, month, day } : undefined;
}

function slashDate(first: number, second: number, year: number, order: SlashOrder) {
  if (first > 12) return calendarDate(year, second, first);
  if (second > 12) return calendarDate(year, first, second);
  return order === 'month-first'
    ? calendarDate(year, first, second)
    : calendarDate(year, second, first);
}

/**
 * Replaces every numeric date with `speak(date, context)`; `suffix` (a pattern source, one
 * optional group) lets a language take a word that follows the date ("року") into the match,
 * so that `speak` says it once.
 */
export function rewriteNumericDates(
  text: string,
  options: { slashOrder: SlashOrder; suffix?: string },
  speak: (date: CalendarDate, context: MatchContext) => string,
): string {
  const suffix = options.suffix ?? '()';
  const patterns: Array<[RegExp, (m: RegExpExecArray) => CalendarDate | undefined]> = [
    [
      new RegExp(String.raw`${START}(\d{1,2})\.(\d{1,2})\.${YEAR}${suffix}${END}`, 'gu'),
      (m) => calendarDate(Number(m[3]), Number(m[2]), Number(m[1])),
    ],
    [
      new RegExp(String.raw`${START}${YEAR}-(\d{2})-(\d{2})${suffix}${END}`, 'gu'),
      (m) => calendarDate(Number(m[1]), Number(m[2]), Number(m[3])),
    ],
    [
      new RegExp(String.raw`${START}(\d{1,2})/(\d{1,2})/${YEAR}${suffix}${END}`, 'gu'),
      (m) => slashDate(Number(m[1]), Number(m[2]), Number(m[3]), options.slashOrder),
    ],
  ];
  let spoken = text;
  for (const [pattern, read] of patterns)
    spoken = rewrite(spoken, pattern, (match, context) => {
      const date = read(match);
      return date ? speak(date, context) : undefined;
    });
  return spoken;
}
