import { openDocJson } from '../content/access/preview-cut.js';
import type { DocumentJson } from '../content/document/document-schema.js';
import { documentBlocks } from '../content/document/document-to-text.js';
import type { LexiconEntry } from './lexicon.js';
import { applyLexicon } from './lexicon.js';
import { normalizeForSpeech, splitSentences } from './normalize/normalize.js';
import type { BriefingStoryRow } from './briefing.repository.js';

// What the daily briefing says: the intro, then each story's headline and its standfirst (or,
// without one, the opening of its first paragraph, never past a gated article's preview), then
// the outro. Editors may write the intro and outro per language ({date} and {site} are filled
// in); without them, the built-in English or Ukrainian wording is used.

/** One unit of the briefing: the intro (−1), a story (its article id) or the outro (−2). */
export interface BriefingUnit {
  index: number;
  source: string;
  spoken: string;
}

export const introIndex = -1;
export const outroIndex = -2;

interface Wording {
  intlLocale: string;
  intro: string;
  outro: string;
}

const wordings: Record<'en' | 'uk', Wording> = {
  en: {
    intlLocale: 'en-GB',
    intro: 'Good morning. This is the {site} briefing for {date}.',
    outro: 'That was the {site} briefing. Thank you for listening.',
  },
  uk: {
    intlLocale: 'uk',
    intro: 'Доброго ранку. Це ранковий випуск {site} за {date}.',
    outro: 'Це був ранковий випуск {site}. Дякуємо, що слухали.',
  },
};

/** The base language code ("en-GB" → "en"). */
export function baseLanguage(language: string): string {
  return language.trim().toLowerCase().split(/[-_]/)[0] ?? language;
}

function wordingFor(language: string): Wording {
  return baseLanguage(language) === 'uk' ? wordings.uk : wordings.en;
}

// A first paragraph read in place of a standfirst stops after this many characters, at a
// sentence end when there is one: the briefing is a rundown, not the stories.
const maxSummaryChars = 400;

/** What a story is summarized by: its standfirst, else the opening of its first paragraph. */
export function storySummary(story: BriefingStoryRow, language: string): string {
  const excerpt = story.excerpt.replace(/\s+/g, ' ').trim();
  if (excerpt !== '') return excerpt;
  const doc = JSON.parse(openDocJson(story)) as DocumentJson;
  const first = documentBlocks(doc).find((block) => block.kind === 'paragraph');
  const text = (first?.text ?? '').replace(/\s+/g, ' ').trim();
  if (text.length <= maxSummaryChars) return text;
  let summary = '';
  for (const sentence of splitSentences(text, { language })) {
    if (summary !== '' && summary.length + sentence.length + 1 > maxSummaryChars) break;
    summary = summary === '' ? sentence : `${summary} ${sentence}`;
  }
  return summary.length <= maxSummaryChars
    ? summary
    : `${summary.slice(0, maxSummaryChars).replace(/\s+\S*$/, '')}…`;
}

const withStop = (text: string) => (text === '' || /[.!?…]$/.test(text) ? text : `${text}.`);
const speakable = (text: string) => /[\p{L}\p{N}]/u.test(text);

/** How a text is spoken in the briefing: normalized, then the lexicon's respellings. */
function speakWith(language: string, lexicon: LexiconEntry[]) {
  return (source: string) =>
    applyLexicon(normalizeForSpeech(source, { language }), lexicon, language).trim();
}

/** A story's unit (headline and summary), or undefined when it has nothing to say. */
export function briefingStoryUnit(
  story: BriefingStoryRow,
  options: { language: string; lexicon: LexiconEntry[] },
): BriefingUnit | undefined {
  const headline = withStop(story.title.replace(/\s+/g, ' ').trim());
  const source = [headline, withStop(storySummary(story, options.language))]
    .filter(Boolean)
    .join(' ');
  const spoken = speakWith(options.language, options.lexicon)(source);
  return speakable(spoken) ? { index: story.id, source, spoken } : undefined;
}

/** The briefing's units in reading order; stories with nothing to say are left out. */
export function briefingUnits(
  stories: readonly BriefingStoryRow[],
  options: {
    language: string;
    localDate: string;
    siteName: string;
    intro?: string | undefined;
    outro?: string | undefined;
    lexicon: LexiconEntry[];
  },
): BriefingUnit[] {
  const wording = wordingFor(options.language);
  const date = new Intl.DateTimeFormat(wording.intlLocale, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${options.localDate}T12:00:00Z`));
  const fill = (template: string) =>
    template.replaceAll('{date}', date).replaceAll('{site}', options.siteName);
  const speak = speakWith(options.language, options.lexicon);
  const units: BriefingUnit[] = [];
  for (const story of stories) {
    const unit = briefingStoryUnit(story, options);
    if (unit) units.push(unit);
  }
  if (units.length === 0) return [];
  const intro = fill(options.intro?.trim() || wording.intro);
  const outro = fill(options.outro?.trim() || wording.outro);
  return [
    { index: introIndex, source: intro, spoken: speak(intro) },
    ...units,
    { index: outroIndex, source: outro, spoken: speak(outro) },
  ];
}
