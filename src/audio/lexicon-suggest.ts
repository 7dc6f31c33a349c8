// Respellings to suggest for the lexicon (issue 18): English voices read Ukrainian and
// Russian names as if they were English ("Kyiv" as "Kai-iv", "Mykola" as "Mai-kola",
// "Shevchuk" as "Shev-chuck"). Names are found in English stories by the marks of their
// romanization (kh, zh, shch, yi, yy, …, and endings such as -enko, -chuk, -ovych, -skyi) and
// respelled by rules an English voice reads close to the original. Editors hear a suggestion
// with Listen and add it to the lexicon only if it sounds right: nothing is applied unasked.

export interface RespellingSuggestion {
  term: string;
  respelling: string;
  /** How often the name appears in the texts searched. */
  count: number;
}

// A romanized Ukrainian/Russian name: a letter cluster English hardly has, or such an ending.
// (y between consonants is the Ukrainian и: Mykola, Dmytro; English names with it, such as
// Lynn or Tyler, may come up too: an editor hears each suggestion before adding it.)
const clusterMark = /kh|zh|shch|yi|yy|iy|yiv|yev|yuk|iuk|ii|[b-df-hj-np-tv-xz]y[b-df-hj-np-tv-xz]/i;
const endingMark =
  /(enko|chuk|chyk|yuk|iuk|ovych|evych|ivna|ovna|skyi|skyy|skiy|tskyi|ska|sky|ov|ova|ev|eva|yk|uk|iv)$/i;
// Proper names of English text that carry such marks but need no help.
const englishNames = new Set([
  'kiev',
  'moscow',
  'hawaii',
  'kentucky',
  'milwaukee',
  'tokyo',
  'sky',
  'fbi',
  'tyler',
  'lynn',
  'flynn',
  'sydney',
  'kyle',
  'myers',
  'byron',
  'lyndon',
  'wyatt',
  'glynn',
]);

/** Rules from Ukrainian/Russian romanization to English spelling, applied in order. */
const rules: Array<[RegExp, string]> = [
  // Endings first, on the name as written (later rules make new ones).
  [/ov$/g, 'off'],
  [/ev$/g, 'eff'],
  [/shch/g, 'sh-ch'],
  [/kh/g, 'h'],
  [/(yy|iy|yi)$/g, 'ee'],
  [/iia/g, 'iya'],
  [/ii/g, 'ee'],
  [/yi/g, 'ee'],
  [/ia/g, 'ya'],
  [/iu/g, 'yoo'],
  [/ie/g, 'yeh'],
  [/ovych$/g, 'ovitch'],
  [/evych$/g, 'evitch'],
  [/ych/g, 'itch'],
  [/chuk$/g, 'chook'],
  [/(yuk|iuk)$/g, 'yook'],
  [/uk$/g, 'ook'],
  [/yk$/g, 'ik'],
  // y between consonants, or before one, is the Ukrainian и: "Mykola" → "Mikola".
  [/(?<=[^aeiouy])y(?=[^aeiouy])/g, 'i'],
];

/** The respelling an English voice reads closest to the name, or undefined when no rule applies. */
export function respell(name: string): string | undefined {
  let out = name.toLowerCase();
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement);
  if (out === name.toLowerCase()) return undefined;
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** Whether a capitalized word looks like a romanized Ukrainian or Russian name. */
export function looksSlavic(word: string): boolean {
  if (word.length < 4 || englishNames.has(word.toLowerCase())) return false;
  return clusterMark.test(word) || endingMark.test(word);
}

/**
 * Names worth a respelling in these English texts, most frequent first, leaving out terms the
 * lexicon already has (compared without case) and words only ever seen starting a sentence.
 */
export function suggestRespellings(
  texts: string[],
  known: Iterable<string>,
  limit = 30,
): RespellingSuggestion[] {
  const have = new Set([...known].map((term) => term.toLowerCase()));
  const counts = new Map<string, number>();
  for (const text of texts) {
    // A capitalized word not right after a sentence end (so not just any first word).
    for (const match of text.matchAll(/(?<![.!?]\s{1,3}|^)(?<=\s|\(|"|“)([A-Z][a-z]{3,})\b/gu)) {
      const word = match[1] ?? '';
      if (!looksSlavic(word) || have.has(word.toLowerCase())) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const out: RespellingSuggestion[] = [];
  for (const [term, count] of counts) {
    const respelling = respell(term);
    if (respelling) out.push({ term, respelling, count });
  }
  return out.sort((a, b) => b.count - a.count || a.term.localeCompare(b.term)).slice(0, limit);
}
