import { rewrite } from '../rewrite.js';
import { spellDigits } from './number-words.js';

// Telephone numbers, read digit by digit with a pause between groups, as people dictate
// them. Only unmistakable shapes count: an international "+" prefix, a bracketed area
// code, or the North American 3-3-4 groups; "call 911" style short lines after a verb.

const INTERNATIONAL = /(?<![\w+])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?!\d)/g;
const BRACKETED = /(?<!\w)\(\d{3}\)\s?\d{3}[\s.-]\d{4}(?!\d)/g;
const NORTH_AMERICAN = /(?<![\w.-])\d{3}[.-]\d{3}[.-]\d{4}(?![\w-])/g;
const LINE_BEFORE_NAME = /(?<![\d.,])(\d{3,6})(\s(?:hotline|helpline|line))\b/gi;
const SHORT_LINE = /\b(call(?:ed|ing|s)?|dial(?:l?ed|l?ing|s)?|hotline|helpline)\s(\d{3,6})\b/gi;

function speakGroups(phone: string): string {
  const groups = phone.match(/\d+/g) ?? [];
  const words = groups.map((group) => spellDigits(group)).join(', ');
  return phone.trimStart().startsWith('+') ? `plus ${words}` : words;
}

export function speakPhoneNumbers(text: string): string {
  let spoken = rewrite(text, INTERNATIONAL, (m) => ` ${speakGroups(m[0])} `);
  spoken = rewrite(spoken, BRACKETED, (m) => ` ${speakGroups(m[0])} `);
  spoken = rewrite(spoken, NORTH_AMERICAN, (m) => ` ${speakGroups(m[0])} `);
  spoken = rewrite(spoken, LINE_BEFORE_NAME, (m) => ` ${spellDigits(m[1] ?? '')}${m[2]}`);
  return rewrite(spoken, SHORT_LINE, (m) => `${m[1]} ${spellDigits(m[2] ?? '')}`);
}
