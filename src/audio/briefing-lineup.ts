// Which stories the daily briefing reads, in order: the editors' picks first (in their
// order), then the most read of the last day, then the latest, each story once, up to the
// number the settings ask for. A regeneration of a day's briefing keeps the most-read and
// latest stories it read before (those still eligible): only the editors' changes change it.

/** Where a story of the briefing came from. */
export type BriefingSource = 'pick' | 'most-read' | 'latest';

const sourceOrder: Record<BriefingSource, number> = { pick: 0, 'most-read': 1, latest: 2 };

/** A story of the line-up and the source it was read from. */
export interface BriefingLineupEntry<Story> {
  story: Story;
  source: BriefingSource;
}

/** A story of a stored briefing: its id and the source recorded with it. */
export interface StoredBriefingStory {
  id: number;
  source: BriefingSource;
}

/**
 * Merges the sources in priority order, dropping repeats, up to `limit` stories: the picks,
 * then `kept` (a stored line-up's non-picks still eligible, in their stored order), then the
 * most read, then the latest filling the free places. The result reads picks, then most read,
 * then latest (each source's kept stories before its new ones).
 */
export function chooseBriefingLineupWithSources<Story extends { id: number }>(
  sources: {
    picks: readonly Story[];
    mostRead: readonly Story[];
    latest: readonly Story[];
    kept?: readonly BriefingLineupEntry<Story>[];
  },
  limit: number,
): BriefingLineupEntry<Story>[] {
  const chosen: BriefingLineupEntry<Story>[] = [];
  const seen = new Set<number>();
  const take = (story: Story, source: BriefingSource) => {
    if (chosen.length >= limit || seen.has(story.id)) return;
    seen.add(story.id);
    chosen.push({ story, source });
  };
  for (const story of sources.picks) take(story, 'pick');
  // A kept story recorded as a pick is no longer one (the editors took it out): not kept.
  for (const entry of sources.kept ?? [])
    if (entry.source !== 'pick') take(entry.story, entry.source);
  for (const story of sources.mostRead) take(story, 'most-read');
  for (const story of sources.latest) take(story, 'latest');
  // Array sort is stable: within a source, the order taken.
  return chosen.sort((a, b) => sourceOrder[a.source] - sourceOrder[b.source]);
}

/** Merges the sources in priority order, dropping repeats, up to `limit` stories. */
export function chooseBriefingLineup<Story extends { id: number }>(
  sources: { picks: readonly Story[]; mostRead: readonly Story[]; latest: readonly Story[] },
  limit: number,
): Story[] {
  return chooseBriefingLineupWithSources(sources, limit).map((entry) => entry.story);
}

function parseJsonArray(json: string | null): unknown[] | undefined {
  if (json === null) return undefined;
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const isSource = (value: unknown): value is BriefingSource =>
  typeof value === 'string' && Object.hasOwn(sourceOrder, value);

/**
 * The stories a stored briefing read, with their sources. A briefing made before sources
 * were recorded (or whose record does not match its ids) counts every story as most read:
 * the current picks come first anyway, so its non-picks are kept as the morning's most read.
 */
export function readStoredBriefingLineup(row: {
  article_ids: string;
  story_sources: string | null;
}): StoredBriefingStory[] {
  const ids = (parseJsonArray(row.article_ids) ?? []).filter(
    (id): id is number => typeof id === 'number',
  );
  const sources = parseJsonArray(row.story_sources);
  const recorded =
    sources !== undefined && sources.length === ids.length && sources.every(isSource);
  return ids.map((id, i) => ({
    id,
    source: recorded && isSource(sources[i]) ? sources[i] : 'most-read',
  }));
}
