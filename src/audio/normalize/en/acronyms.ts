import { rewrite } from '../rewrite.js';
import { pluralizeNumberWords, spellNumber } from './number-words.js';
import { periodIfSentenceEnds } from './patterns.js';

// Acronyms and initialisms. Most are spelled letter by letter ("FBI" → "f b i", "U.S." →
// "u s", "POWs" → "p o w's", "G7" → "g seven"); those said as words ("NATO", "UNESCO")
// are listed below, and a newsroom extends the list through `acronymsReadAsWords`.
// A few have their own customary reading (`RESPELLINGS`).

/** Acronyms read as words by default. */
export const ACRONYMS_READ_AS_WORDS: readonly string[] = [
  ...['NATO', 'UNESCO', 'NASA', 'AIDS', 'OPEC', 'UNICEF', 'UEFA', 'FIFA', 'NAFTA', 'ASEAN'],
  ...['COVID', 'SARS', 'MERS', 'HIMARS', 'NASAMS', 'SWIFT', 'INTERPOL', 'EUROPOL', 'FEMA'],
  ...['DARPA', 'NORAD', 'CERN', 'ISIS', 'ISIL', 'SWAT', 'SEAL', 'MAGA', 'NASDAQ', 'UNITA'],
  ...['UNRWA', 'FRONTEX', 'OSINT', 'GULAG', 'PIN', 'SIM', 'RAM', 'ZIP', 'LASER', 'RADAR'],
  ...['SONAR', 'SCUBA', 'NIMBY', 'WASP', 'CAPTCHA', 'GIF', 'JPEG', 'BRICS', 'MERCOSUR'],
  ...['SMERSH', 'NEET', 'AUKUS', 'QUAD', 'ANZAC', 'UNIFIL', 'UNAMA', 'IRIS', 'MANPADS'],
  ...['STEM', 'TASS', 'MIRV', 'NAFO', 'ECOWAS', 'SADC', 'CARICOM', 'EFTA', 'OFAC'],
];

/** Customary readings that are neither spelled nor the plain word. */
const RESPELLINGS: Record<string, string> = {
  OK: 'okay',
  ATACMS: 'attack ems',
  USAID: 'u s aid',
  FTSE: 'footsie',
  NYSE: 'n y s e',
  NASCAR: 'nascar',
  IKEA: 'ikea',
  SQL: 's q l',
};

const DOTTED = /(?<![\p{L}.])((?:(?:\p{Lu}\p{Ll}?|\p{Ll})\.){2,})(?:(-)(?=\p{L})|(?=[^\p{L}]|$))/gu;
// Letters and a number, with a model letter and a plural: "G7", "F-35A", "T-90M", "F-16s".
const WITH_NUMBER =
  /(?<![\p{L}\d-])(\p{Lu}{1,6})-?(\d+)(?![\d]|[.,]\d)(\p{Lu}{1,2}(?![\p{Lu}\d]))?('?s)?(?![\p{L}\d])/gu;
// Capitals, possibly joined by hyphens ("R-SC", "IRIS-T"), with a plural or possessive.
// A dateline opens a story with the place in capitals: "KYIV, Ukraine —", "NEW YORK (AP) —".
const DATELINE =
  /^((?:\p{Lu}{2,}[\p{Lu}.'-]*\s)*\p{Lu}{3,}[\p{Lu}.'-]*)(?=,\s|\s\(|\s[\u2013\u2014-]\s)/u;
const CAPITALS =
  /(?<![\p{L}\d'-])(\p{Lu}[\p{Lu}&]*(?:-\p{Lu}[\p{Lu}&]*)*)(s(?![\p{L}'])|'s(?!\p{L})|s'(?!\p{L}))?(?![\p{L}])/gu;

function spellLetters(letters: string): string {
  return [...letters.replace(/[^\p{L}&]/gu, '')]
    .map((c) => (c === '&' ? 'and' : c.toLowerCase()))
    .join(' ');
}

/** One acronym as said; `wordAcronyms` are those read as words. */
function sayAcronym(acronym: string, wordAcronyms: ReadonlySet<string>): string {
  const respelled = RESPELLINGS[acronym];
  if (respelled) return respelled;
  if (wordAcronyms.has(acronym)) return acronym.toLowerCase();
  return spellLetters(acronym);
}

export function speakAcronyms(text: string, wordAcronyms: ReadonlySet<string>): string {
  let spoken = text.replace(DATELINE, (place) =>
    wordAcronyms.has(place) ? place : place.toLowerCase(),
  );
  spoken = rewrite(spoken, DOTTED, (m, { after }) => {
    const [, letters = '', hyphen] = m;
    const said = spellLetters(letters);
    return ` ${said}${hyphen ? ' ' : periodIfSentenceEnds(after)}`;
  });
  spoken = rewrite(spoken, WITH_NUMBER, (m) => {
    const [, letters = '', number = '', model, plural] = m;
    const modelWords = model ? ` ${spellLetters(model)}` : '';
    const said = `${spellNumber(number)}${modelWords}`;
    const plurals = !plural ? said : model ? `${said}'s` : pluralizeNumberWords(said);
    return ` ${sayAcronym(letters, wordAcronyms)} ${plurals} `;
  });
  return rewrite(spoken, CAPITALS, (m) => {
    const [, acronym = '', ending] = m;
    if (acronym.length < 2) return undefined;
    const parts = acronym.split('-');
    const said = parts.map((part) => sayAcronym(part, wordAcronyms).toLowerCase()).join(' ');
    // Plurals and possessives alike end in an apostrophe-s so the engine says "z", not "s";
    // a plural of an acronym said as a word is just the word's plural ("SEALs").
    const last = parts.at(-1) ?? '';
    const suffix = !ending ? '' : wordAcronyms.has(last) && ending === 's' ? 's' : "'s";
    return `${said}${suffix}`;
  });
}
