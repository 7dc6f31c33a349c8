import type { LexiconEntry } from './lexicon.js';
import { applyLexicon } from './lexicon.js';
import { normalizeForSpeech, splitSentences } from './normalize/normalize.js';

// What the spoken summary of a live coverage's key events says: "Key events, as of 18:30."
// then each key event, newest first: its time and its headline (or, without one, its first
// sentence). English and Ukrainian wording; other languages get the English wording.

/** The most key events a summary speaks (the newest). */
export const summaryKeyEventLimit = 8;

/** A published key event as the summary needs it. */
export interface SummaryKeyEvent {
  id: number;
  headline: string;
  plainText: string;
  /** ISO, UTC. */
  publishedAt: string;
}

/** One unit of the summary: the intro (index −1) or a key event (index: its update id). */
export interface SummaryUnit {
  index: number;
  source: string;
  spoken: string;
}

interface Wording {
  intlLocale: string;
  intro: (time: string) => string;
  at: (time: string) => string;
  onDayAt: (day: string, time: string) => string;
}

const wordings: Record<'en' | 'uk', Wording> = {
  en: {
    intlLocale: 'en-GB',
    intro: (time) => `Key events, as of ${time}.`,
    at: (time) => `At ${time}.`,
    onDayAt: (day, time) => `On ${day}, at ${time}.`,
  },
  uk: {
    intlLocale: 'uk',
    intro: (time) => `Ключові події станом на ${time}.`,
    at: (time) => `О ${time}.`,
    onDayAt: (day, time) => `${day} о ${time}.`,
  },
};

function wordingFor(language: string): Wording {
  return language.trim().toLowerCase().split(/[-_]/)[0] === 'uk' ? wordings.uk : wordings.en;
}

// A first sentence longer than this is cut at a word: the summary is a list, not the updates.
const maxEventChars = 280;

/** The words a key event is summarized by: its headline, else its first sentence. */
export function keyEventText(event: SummaryKeyEvent, language: string): string {
  const headline = event.headline.replace(/\s+/g, ' ').trim();
  const text =
    headline !== ''
      ? headline
      : (splitSentences(event.plainText.replace(/\s+/g, ' ').trim(), { language })[0] ?? '');
  const cut =
    text.length <= maxEventChars ? text : `${text.slice(0, maxEventChars).replace(/\s+\S*$/, '')}…`;
  return cut === '' || /[.!?…]$/.test(cut) ? cut : `${cut}.`;
}

const speakable = (text: string) => /[\p{L}\p{N}]/u.test(text);

/**
 * The summary's units, newest key event first. Times are the newsroom's wall clock; a key
 * event from another day than the summary also says its day. Key events with nothing to say
 * (an image alone) are left out.
 */
export function summaryUnits(
  events: readonly SummaryKeyEvent[],
  options: { language: string; timeZone: string; now: Date; lexicon: LexiconEntry[] },
): SummaryUnit[] {
  const wording = wordingFor(options.language);
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: options.timeZone,
  });
  const day = new Intl.DateTimeFormat(wording.intlLocale, {
    day: 'numeric',
    month: 'long',
    timeZone: options.timeZone,
  });
  const today = day.format(options.now);
  const speak = (source: string) =>
    applyLexicon(
      normalizeForSpeech(source, { language: options.language }),
      options.lexicon,
      options.language,
    ).trim();
  const units: SummaryUnit[] = [];
  for (const event of events) {
    const words = keyEventText(event, options.language);
    if (!speakable(words)) continue;
    const at = new Date(event.publishedAt);
    const when =
      day.format(at) === today
        ? wording.at(time.format(at))
        : wording.onDayAt(day.format(at), time.format(at));
    const source = `${when} ${words}`;
    units.push({ index: event.id, source, spoken: speak(source) });
  }
  if (units.length === 0) return [];
  const intro = wording.intro(time.format(options.now));
  return [{ index: -1, source: intro, spoken: speak(intro) }, ...units];
}
