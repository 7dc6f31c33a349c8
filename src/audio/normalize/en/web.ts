import { rewrite } from '../rewrite.js';
import { spellCardinal, spellDigits } from './number-words.js';

// URLs, e-mail addresses, bare domains, hashtags and @handles. These run first: they are
// full of dots, slashes and digits that later rules would otherwise misread.
// Query strings and #fragments are dropped: nobody can use them by ear.

const TLDS =
  'com|org|net|edu|gov|mil|int|info|biz|news|media|online|site|io|co|ai|app|dev|tv|fm|me|ly|' +
  'ua|uk|us|eu|de|fr|pl|ru|by|md|ge|lt|lv|ee|ca|au|nz|in|jp|cn|es|it|nl|ch|se|no|fi|dk|cz|sk|ro';

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"]*[^\s<>".,;:!?)'\]]/giu;
const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b/giu;
const DOMAIN = new RegExp(
  String.raw`(?<![\w@.\/-])[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.(?:${TLDS})\b(?![.-]?\w)` +
    String.raw`(?:\/[^\s<>"]*[^\s<>".,;:!?)'\]])?`,
  'gu',
);
const HASHTAG = /(?<![\w&#])#([\p{L}_][\p{L}\p{N}_]*)/gu;
const HANDLE = /(?<![\w.@])@([A-Za-z0-9_]{1,30})\b/g;

const SEPARATORS: Record<string, string> = {
  '.': 'dot',
  '/': 'slash',
  '-': 'dash',
  _: 'underscore',
  '@': 'at',
  '+': 'plus',
  '=': 'equals',
  '&': 'and',
  '~': 'tilde',
  ':': 'colon',
  '%': 'percent',
};

/** One piece of an address: letters as written (lowercase), digits as numbers or digit by digit. */
function speakAddressPiece(piece: string): string {
  return piece
    .replace(/\d+/g, (digits) =>
      digits.length <= 4 && !digits.startsWith('0') && digits.length > 0
        ? ` ${spellCardinal(digits)} `
        : ` ${spellDigits(digits)} `,
    )
    .toLowerCase();
}

/** "news.example.org/a-b" → "news dot example dot org slash a dash b". */
export function speakAddress(address: string): string {
  const words: string[] = [];
  for (const piece of address.split(/([./\-_@+=&~:%])/)) {
    if (piece === '') continue;
    words.push(SEPARATORS[piece] ?? speakAddressPiece(piece));
  }
  return words.join(' ').replace(/\s+/g, ' ').trim();
}

function speakUrl(url: string): string {
  let rest = url.replace(/^https?:\/\//i, '').replace(/[?#].*$/, '');
  rest = rest.replace(/\/+$/, '');
  if (/^www\./i.test(rest)) return `w w w dot ${speakAddress(rest.slice(4))}`;
  return speakAddress(rest);
}

/** "StandWithUkraine" → "Stand With Ukraine", "kyiv_independent" → "kyiv underscore independent". */
export function splitCompoundName(name: string): string {
  return name
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .replace(/_/g, ' underscore ');
}

export function speakWebAddresses(text: string): string {
  let spoken = rewrite(text, URL, (m) => ` ${speakUrl(m[0])} `);
  spoken = rewrite(spoken, EMAIL, (m) => ` ${speakAddress(m[0])} `);
  spoken = rewrite(spoken, DOMAIN, (m) => ` ${speakUrl(m[0])} `);
  spoken = rewrite(spoken, HASHTAG, (m) => ` hashtag ${splitCompoundName(m[1] ?? '')} `);
  return rewrite(spoken, HANDLE, (m) => ` at ${splitCompoundName(m[1] ?? '')} `);
}
