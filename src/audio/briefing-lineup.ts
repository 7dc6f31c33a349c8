// Which stories the daily briefing reads, in order: the editors' picks first (in their
// order), then the most read of the last day, then the latest, each story once, up to the
// number the settings ask for.

/** Merges the sources in priority order, dropping repeats, up to `limit` stories. */
export function chooseBriefingLineup<Story extends { id: number }>(
  sources: { picks: readonly Story[]; mostRead: readonly Story[]; latest: readonly Story[] },
  limit: number,
): Story[] {
  const chosen: Story[] = [];
  const seen = new Set<number>();
  for (const story of [...sources.picks, ...sources.mostRead, ...sources.latest]) {
    if (chosen.length >= limit) break;
    if (seen.has(story.id)) continue;
    seen.add(story.id);
    chosen.push(story);
  }
  return chosen;
}
