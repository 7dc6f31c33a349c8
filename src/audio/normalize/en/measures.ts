import { rewrite } from '../rewrite.js';
import { spellNumber } from './number-words.js';
import {
  NUMBER,
  NUMBER_END,
  NUMBER_START,
  RANGE_JOIN,
  isAttributive,
  isSingular,
} from './patterns.js';

// Percentages, temperatures and units after a number: "5%" → "five percent",
// "-5°C" → "minus five degrees celsius", "1 km" → "one kilometer", "5-7 km" → "five to
// seven kilometers"; as an adjective the unit is singular ("a 155mm shell" → "a one hundred
// fifty-five millimeter shell"). Units are matched case-sensitively ("5 g" is grams, "5G" is not).

const UNITS: Record<string, [string, string]> = {
  km: ['kilometer', 'kilometers'],
  'km/h': ['kilometer per hour', 'kilometers per hour'],
  kph: ['kilometer per hour', 'kilometers per hour'],
  mph: ['mile per hour', 'miles per hour'],
  m: ['meter', 'meters'],
  cm: ['centimeter', 'centimeters'],
  mm: ['millimeter', 'millimeters'],
  mi: ['mile', 'miles'],
  ft: ['foot', 'feet'],
  yd: ['yard', 'yards'],
  'sq km': ['square kilometer', 'square kilometers'],
  km2: ['square kilometer', 'square kilometers'],
  'km²': ['square kilometer', 'square kilometers'],
  m2: ['square meter', 'square meters'],
  'm²': ['square meter', 'square meters'],
  ha: ['hectare', 'hectares'],
  kg: ['kilogram', 'kilograms'],
  g: ['gram', 'grams'],
  mg: ['milligram', 'milligrams'],
  lb: ['pound', 'pounds'],
  lbs: ['pound', 'pounds'],
  oz: ['ounce', 'ounces'],
  t: ['ton', 'tons'],
  l: ['liter', 'liters'],
  L: ['liter', 'liters'],
  ml: ['milliliter', 'milliliters'],
  kW: ['kilowatt', 'kilowatts'],
  MW: ['megawatt', 'megawatts'],
  GW: ['gigawatt', 'gigawatts'],
  kWh: ['kilowatt hour', 'kilowatt hours'],
  MWh: ['megawatt hour', 'megawatt hours'],
  GWh: ['gigawatt hour', 'gigawatt hours'],
  TWh: ['terawatt hour', 'terawatt hours'],
  KB: ['kilobyte', 'kilobytes'],
  MB: ['megabyte', 'megabytes'],
  GB: ['gigabyte', 'gigabytes'],
  TB: ['terabyte', 'terabytes'],
  Mbps: ['megabit per second', 'megabits per second'],
  Gbps: ['gigabit per second', 'gigabits per second'],
  Hz: ['hertz', 'hertz'],
  kHz: ['kilohertz', 'kilohertz'],
  MHz: ['megahertz', 'megahertz'],
  GHz: ['gigahertz', 'gigahertz'],
  min: ['minute', 'minutes'],
  mins: ['minute', 'minutes'],
  hr: ['hour', 'hours'],
  hrs: ['hour', 'hours'],
  sec: ['second', 'seconds'],
  bpd: ['barrel per day', 'barrels per day'],
  mln: ['million', 'million'],
  bln: ['billion', 'billion'],
};

// Longest first, so "km/h" wins over "km" and "kWh" over "kW".
const UNIT = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .map((unit) => unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');

const SIGNED = String.raw`([-+\u2212]?)(${NUMBER})`;
const RANGE = String.raw`(?:(${RANGE_JOIN})([-+\u2212]?)(${NUMBER}))?`;

const PERCENT = new RegExp(
  String.raw`${NUMBER_START}${SIGNED}%?(?:(${RANGE_JOIN})([-+\u2212]?)(${NUMBER}))?${NUMBER_END}\s?(?:%|\b(?:pct|per\s?cent)\b\.?)`,
  'gu',
);
const TEMPERATURE = new RegExp(
  String.raw`${NUMBER_START}${SIGNED}°?${RANGE}${NUMBER_END}\s?(?:°\s?([CF])\b|(℃)|(℉)|°)`,
  'gu',
);
const MEASURE = new RegExp(
  String.raw`${NUMBER_START}${SIGNED}${RANGE}${NUMBER_END}(\s(?:thousand|million|billion))?(\s?)(${UNIT})(?![\p{L}\d])`,
  'gu',
);

function signWord(sign: string | undefined): string {
  if (!sign) return '';
  return sign === '+' ? 'plus ' : 'minus ';
}

/** "-5" with its sign, or "5 to 7" for a range, in words. */
function speakQuantity(groups: (string | undefined)[]): { words: string; singular: boolean } {
  const [sign, first = '', join, secondSign, second] = groups;
  const head = signWord(sign) + spellNumber(first);
  if (second === undefined) return { words: head, singular: isSingular(first) };
  const joinWord = join && /through/.test(join) ? 'through' : 'to';
  return {
    words: `${head} ${joinWord} ${signWord(secondSign)}${spellNumber(second)}`,
    singular: false,
  };
}

export function speakMeasures(text: string): string {
  let spoken = rewrite(text, PERCENT, (m) => ` ${speakQuantity(m.slice(1, 6)).words} percent `);
  spoken = rewrite(spoken, TEMPERATURE, (m) => {
    const { words, singular } = speakQuantity(m.slice(1, 6));
    const scale = m[6] === 'C' || m[7] ? ' celsius' : m[6] === 'F' || m[8] ? ' fahrenheit' : '';
    return ` ${words} ${singular ? 'degree' : 'degrees'}${scale} `;
  });
  return rewrite(spoken, MEASURE, (m, { before, after }) => {
    const { words, singular } = speakQuantity(m.slice(1, 6));
    // "5m" written solid is British news shorthand for a million; metres take a space.
    const [scale, space, written = ''] = m.slice(6);
    if (written === 'm' && !space) return undefined;
    const unit = UNITS[written];
    if (!unit) return undefined;
    const adjective = isAttributive(before, after, /\b(?:[Aa]n?|[Tt]he)\s$/);
    if (scale) return ` ${words}${scale} ${adjective ? unit[0] : unit[1]} `;
    return ` ${words} ${singular || adjective ? unit[0] : unit[1]} `;
  });
}
