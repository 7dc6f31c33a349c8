import { type MatchContext, rewrite } from '../rewrite.js';
import { previousWord } from './grammar-context.js';

// Abbreviations, acronyms and symbols in Ukrainian text.

/** Abbreviations said in full; "обл." agrees with the adjective before it. */
const PLACE_BEFORE = new Set(['на', 'у', 'в', 'по']);

/** A place abbreviation: nominative, or locative after "на", "у", "в" ("у м. Київ" → "у місті Київ"). */
function place(nominative: string, locative: string) {
  return (m: RegExpExecArray, context: MatchContext) =>
    `${PLACE_BEFORE.has(previousWord(context.before)) ? locative : nominative} `;
}

/** Abbreviations said in full; "обл." agrees with the adjective before it. */
const ABBREVIATIONS: [RegExp, string | ((m: RegExpExecArray, context: MatchContext) => string)][] =
  [
    [/(?<![\p{L}])вул\.\s?/gu, place('вулиця', 'вулиці')],
    [/(?<![\p{L}])просп\.\s?/gu, place('проспект', 'проспекті')],
    [/(?<![\p{L}])пл\.\s?/gu, place('площа', 'площі')],
    [/(?<![\p{L}])м\.\s?(?=\p{Lu})/gu, place('місто', 'місті')],
    [/(?<![\p{L}])с\.\s?(?=\p{Lu})/gu, place('село', 'селі')],
    [/(?<![\p{L}])ім\.\s?/gu, 'імені '],
    [/(?<![\p{L}])смт\s?(?=\p{Lu})/gu, 'селище міського типу '],
    [/(?<![\p{L}])т\.\s?зв\./gu, 'так званий'],
    [/(?<![\p{L}])і\s?т\.\s?д\./gu, 'і так далі'],
    [/(?<![\p{L}])і\s?т\.\s?п\./gu, 'і тому подібне'],
    [/(?<![\p{L}])т\.\s?ч\./gu, 'тому числі'],
    [/(?<![\p{L}])напр\./gu, 'наприклад'],
    [/(?<![\p{L}])див\./gu, 'дивіться'],
    [/(?<![\p{L}])млн(?![\p{L}])/gu, 'мільйонів'],
    [/(?<![\p{L}])млрд(?![\p{L}])/gu, 'мільярдів'],
    [/(?<![\p{L}])тис\./gu, 'тисяч'],
    [/(?<![\p{L}])грн(?:\.(?=\s\p{Ll}))?(?![\p{L}])/gu, 'гривень'],
    [/(?<![\p{L}])(\p{L}+(?:ій|ої))\sобл\./gu, (m) => `${m[1]} області`],
    [/(?<![\p{L}])обл\./gu, 'область'],
    [/(?<![\p{L}])№\s?/gu, 'номер '],
  ];

/** Acronyms said as words; every other all-capitals Cyrillic word is spelled letter by letter. */
const READ_AS_WORDS = new Set([
  'НАТО',
  'ООН',
  'ЮНЕСКО',
  'ЮНІСЕФ',
  'МАГАТЕ',
  'ВООЗ',
  'НАБУ',
  'ЗМІ',
  'СНІД',
  'ЄС',
]);

const LETTER_NAMES: Record<string, string> = {
  А: 'а',
  Б: 'бе',
  В: 'ве',
  Г: 'ге',
  Ґ: 'ґе',
  Д: 'де',
  Е: 'е',
  Є: 'є',
  Ж: 'же',
  З: 'зе',
  И: 'и',
  І: 'і',
  Ї: 'ї',
  Й: 'йот',
  К: 'ка',
  Л: 'ел',
  М: 'ем',
  Н: 'ен',
  О: 'о',
  П: 'пе',
  Р: 'ер',
  С: 'ес',
  Т: 'те',
  У: 'у',
  Ф: 'еф',
  Х: 'ха',
  Ц: 'це',
  Ч: 'че',
  Ш: 'ша',
  Щ: 'ща',
  Ю: 'ю',
  Я: 'я',
};

export function speakAbbreviations(text: string): string {
  let spoken = text;
  for (const [pattern, replacement] of ABBREVIATIONS)
    spoken =
      typeof replacement === 'string'
        ? spoken.replace(pattern, replacement)
        : rewrite(spoken, pattern, replacement);
  return spoken;
}

/** "ЗСУ" → "зе ес у"; "НАТО" stays a word; case endings after a hyphen stay ("ЗСУ-шний" is rare). */
export function speakAcronyms(text: string): string {
  return rewrite(text, /(?<![\p{L}])([А-ЯҐЄІЇ]{2,6})(?![\p{L}])/gu, (m) => {
    const word = m[1] ?? '';
    if (READ_AS_WORDS.has(word)) return word.toLowerCase();
    return [...word].map((letter) => LETTER_NAMES[letter] ?? letter.toLowerCase()).join(' ');
  });
}

/** Symbols said as words. */
export function speakSymbols(text: string): string {
  return text
    .replace(/\s&\s/g, ' і ')
    .replace(/(?<=\s)\+(?=\s)/g, ' плюс ')
    .replace(/(?<=\s)=(?=\s)/g, ' дорівнює ')
    .replace(/°/g, ' градусів');
}
