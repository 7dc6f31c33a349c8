import { rewrite } from '../rewrite.js';
import { spellDigits } from './number-words.js';

// Telephone numbers, read digit by digit with a pause between groups, as people dictate
// them. Only unmistakable shapes count: an international "+" prefix, a bracketed area
// code, the North American 3-3-4 groups (with dots, hyphens or spaces between them), a
// national number whose first group starts with 0 ("020 7946 0958": a quantity never does),
// and whatever digit groups follow "call", "dial" or a hotline ("call 555-0142"), so that
// no phone number is read as one big number ("two hundred twelve thousand …").

const INTERNATIONAL = /(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?!\d)/g;
const BRACKETED = /(?<!\w)\(\d{3}\)\s?\d{3}[\s.-]\d{4}(?!\d)/g;
const NORTH_AMERICAN = /(?<![\w.,-])(?<!\d )\d{3}([. -])\d{3}\1\d{4}(?![\w-]|[.,]\d)/g;
const NATIONAL = /(?<![\w.,:/-])(?<!\d )0\d{2,4}(?:[ -]\d{3,4}){1,3}(?![\w-]|[.,]\d)/g;
const LINE_BEFORE_NAME = /(?<![\d.,])(\d{3,6})(\s(?:hotline|helpline|line))\b/gi;
const SHORT_LINE =
  /\b(call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|hotline|helpline)\s(\d{3,6}(?:[ .-]\d{2,6}){0,3})(?![\w-]|[.,]\d)/gi;

function speakGroups(phone: string): string {
  const groups = phone.match(/\d+/g) ?? [];
  const words = groups.map((group) => spellDigits(group)).join(', ');
  return phone.trimStart().startsWith('+') ? `plus ${words}` : words;
}

export function speakPhoneNumbers(text: string): string {
  let spoken = rewrite(text, INTERNATIONAL, (m) => ` ${speakGroups(m[0])} `);
  spoken = rewrite(spoken, BRACKETED, (m) => ` ${speakGroups(m[0])} `);
  spoken = rewrite(spoken, NORTH_AMERICAN, (m) => ` ${speakGroups(m[0])} `);
  spoken = rewrite(spoken, NATIONAL, (m) => ` ${speakGroups(m[0])} `);
  spoken = rewrite(spoken, LINE_BEFORE_NAME, (m) => ` ${spellDigits(m[1] ?? '')}${m[2]}`);
  return rewrite(spoken, SHORT_LINE, (m) => {
    const digits = (m[2] ?? '').replace(/\D/g, '');
    // "call 200-300 people" is a range; a number in groups has seven digits or more.
    if (/\D/.test(m[2] ?? '') && digits.length < 7) return undefined;
    return `${m[1]} ${speakGroups(m[2] ?? '')}`;
  });
}
