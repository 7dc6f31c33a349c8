import { rewrite } from '../rewrite.js';
import { spellCardinal } from './number-words.js';
import { periodIfSentenceEnds } from './patterns.js';

// Clock times. "3:33 p.m." (or British "3.33pm") → "three thirty-three p m", "10 a.m." → "ten a m",
// "3:05 PM" → "three oh five p m", "3:00 p.m." → "three p m"; 24-hour "15:00" →
// "fifteen hundred", "09:30" → "nine thirty", "00:00" → "midnight"; "3:00" → "three o'clock".
// "noon" and "midnight" are words already; "12 noon" keeps its number. The period of "p.m."
// is kept when it also ends the sentence, so sentence ends survive.

const MERIDIEM = String.raw`([AaPp])\.?\s?[Mm]\b\.?`;
const WITH_MERIDIEM = new RegExp(
  String.raw`(?<![\d:.])(\d{1,2})(?:[:.]([0-5]\d))?\s?${MERIDIEM}(?![\p{L}])`,
  'gu',
);
const TWENTY_FOUR_HOUR =
  /(?<![\d:.,])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])(?!\s?[AaPp]\.?\s?[Mm]\b)/g;
// "2:1" is a score or a ratio, never a time (minutes have two digits).
const RATIO = /(?<![\d:.,])(\d{1,2}):(\d)(?![\d:])/g;
const NOON_OR_MIDNIGHT = /(?<![\d:.])(12)\s(noon|midnight)\b/gi;

function minutesWords(minutes: number): string {
  if (minutes === 0) return '';
  return minutes < 10 ? `oh ${spellCardinal(minutes)}` : spellCardinal(minutes);
}

function speakMeridiem(match: RegExpExecArray, after: string): string | undefined {
  const [written = '', hours = '', minutes, letter = ''] = match;
  const hour = Number(hours);
  if (hour < 1 || hour > 12) return undefined;
  const clock = [spellCardinal(hour), minutesWords(Number(minutes ?? 0))].filter(Boolean);
  const ending = written.endsWith('.') ? periodIfSentenceEnds(after) : '';
  return ` ${clock.join(' ')} ${letter.toLowerCase()} m${ending} `;
}

function speakTwentyFourHour(hours: string, minutes: string): string {
  const hour = Number(hours);
  const minute = Number(minutes);
  if (minute === 0) {
    if (hour === 0) return 'midnight';
    if (hour >= 13 || hours.startsWith('0')) return `${spellCardinal(hour)} hundred`;
    return `${spellCardinal(hour)} o'clock`;
  }
  const hourWords = hour === 0 ? 'zero' : spellCardinal(hour);
  return `${hourWords} ${minutesWords(minute)}`;
}

export function speakTimes(text: string): string {
  let spoken = rewrite(text, WITH_MERIDIEM, (m, { after }) => speakMeridiem(m, after));
  spoken = rewrite(
    spoken,
    TWENTY_FOUR_HOUR,
    (m) => ` ${speakTwentyFourHour(m[1] ?? '', m[2] ?? '')} `,
  );
  spoken = rewrite(
    spoken,
    RATIO,
    (m) => ` ${spellCardinal(m[1] ?? '')} to ${spellCardinal(m[2] ?? '')} `,
  );
  return rewrite(spoken, NOON_OR_MIDNIGHT, (m) => ` twelve ${m[2]?.toLowerCase()} `);
}
