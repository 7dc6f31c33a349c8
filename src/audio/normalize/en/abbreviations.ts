import { rewrite } from '../rewrite.js';
import { isCapitalisedName, periodIfSentenceEnds } from './patterns.js';

// Title and other abbreviations: "Gen." → "general", "Dr." → "doctor" (or "drive" after a
// street name), "St." → "saint" before a name and "street" after one, "vs." → "versus",
// "etc." → "et cetera". A consumed period that also ended the sentence is put back.

const TITLES: Record<string, string> = {
  Mr: 'mister',
  Mrs: 'missus',
  Ms: 'miz',
  Mx: 'mix',
  Prof: 'professor',
  Rev: 'reverend',
  Fr: 'father',
  Gen: 'general',
  Lt: 'lieutenant',
  Col: 'colonel',
  Maj: 'major',
  Capt: 'captain',
  Cpt: 'captain',
  Cmdr: 'commander',
  Adm: 'admiral',
  Brig: 'brigadier',
  Sgt: 'sergeant',
  Cpl: 'corporal',
  Pvt: 'private',
  Gov: 'governor',
  Sen: 'senator',
  Rep: 'representative',
  Pres: 'president',
  Amb: 'ambassador',
  Atty: 'attorney',
  Supt: 'superintendent',
  Insp: 'inspector',
  Hon: 'honorable',
  Mt: 'mount',
  Ft: 'fort',
};

const OTHERS: Record<string, string> = {
  Jr: 'junior',
  Sr: 'senior',
  Inc: 'incorporated',
  Ltd: 'limited',
  Co: 'company',
  Corp: 'corporation',
  Bros: 'brothers',
  Ave: 'avenue',
  Blvd: 'boulevard',
  Rd: 'road',
  Sq: 'square',
  Dept: 'department',
  Univ: 'university',
  Assn: 'association',
  Fig: 'figure',
  vs: 'versus',
  etc: 'et cetera',
  approx: 'approximately',
  est: 'estimated',
  incl: 'including',
  pp: 'pages',
  'e.g': 'for example',
  'i.e': 'that is',
  'a.k.a': 'also known as',
};

// Lowercase short forms also open sentences: "Approx. 40%", "Etc." is rare but harmless.
for (const [short, word] of Object.entries(OTHERS))
  if (/^\p{Ll}/u.test(short)) OTHERS[short[0]?.toUpperCase() + short.slice(1)] = word;

// British style drops the period from a few titles ("Mr Smith"); only those, and only
// before a name, are expanded without one — "Gen Z" and "Col" stay as they are.
const BARE_TITLES = new Set(['Mr', 'Mrs', 'Ms', 'Mx', 'Prof']);
const TITLE = new RegExp(
  String.raw`\b(${Object.keys(TITLES).join('|')})(\.|(?=\s\p{Lu}))(?=\s|$)`,
  'gu',
);
const OTHER = new RegExp(
  String.raw`(?<![\p{L}.])(${Object.keys(OTHERS)
    .map((key) => key.replace(/\./g, '\\.'))
    .join('|')})\.(?=[\s,;:)]|$)`,
  'gu',
);
const VERSUS_BARE = /\b(vs|v)(?=\s)(?!\s\d)/g;
const SAINT_OR_STREET = /\b(St|Dr)(\.|(?=\s\p{Lu}))(?=[\s,;:)]|$)/gu;
const PAGE = /(?<![\p{L}])p\.\s?(?=\d)/gu;
const AKA = /\baka\b/g;
const VERSUS_CASE = /(?<=\p{Lu}\p{L}*\s)v\.(?=\s\p{Lu})/gu;

function previousWord(before: string): string | undefined {
  return /(\S+)\s*$/.exec(before)?.[1]?.replace(/[,;:]$/, '');
}

function speakSaintOrStreet(name: string, before: string, after: string): string {
  const nextIsName = /^\s+["']?\p{Lu}/u.test(after) && periodIfSentenceEnds(after) === '';
  if (name === 'St') return nextIsName ? 'saint' : 'street';
  const previous = previousWord(before);
  const afterPlace = isCapitalisedName(previous) || /^\d+(st|nd|rd|th)?$/.test(previous ?? '');
  return nextIsName ? 'doctor' : afterPlace ? 'drive' : 'doctor';
}

export function speakAbbreviations(text: string): string {
  let spoken = rewrite(text, SAINT_OR_STREET, (m, { before, after }) => {
    const word = speakSaintOrStreet(m[1] ?? '', before, after);
    const placeName = word === 'street' || word === 'drive';
    return `${word}${placeName && m[2] === '.' ? periodIfSentenceEnds(after) : ''}`;
  });
  spoken = rewrite(spoken, TITLE, (m, { after }) => {
    // A title stands before a name, so its period never ends a sentence — except at the
    // very end of the text, where the sentence plainly ends.
    if (m[2] !== '.' && !BARE_TITLES.has(m[1] ?? '')) return undefined;
    const word = TITLES[m[1] ?? ''] ?? '';
    return `${word}${m[2] === '.' && after.trim() === '' ? '.' : ''}`;
  });
  spoken = rewrite(
    spoken,
    OTHER,
    (m, { after }) => `${OTHERS[m[1] ?? '']}${periodIfSentenceEnds(after)}`,
  );
  spoken = rewrite(spoken, PAGE, () => 'page ');
  spoken = rewrite(spoken, AKA, () => 'also known as');
  spoken = rewrite(spoken, VERSUS_CASE, () => 'versus');
  return rewrite(spoken, VERSUS_BARE, (m, { before }) =>
    m[1] === 'v' && !/\p{Lu}\S*\s$/u.test(before) ? undefined : 'versus',
  );
}
