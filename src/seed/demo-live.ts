import { createArticle, type ArticleDeps } from '../content/article.service.js';
import { createUpdate, setCoverageState } from '../content/live/live.service.js';
import type { Executor } from '../platform/db/database.js';

// The demo newsroom's live coverage (fictional): a rolling page with key events, a pinned
// summary and a correction, so a fresh install shows what a live page looks like.

const updates: Array<{
  minutesAgo: number;
  headline?: string;
  html: string;
  key?: boolean;
  pinned?: boolean;
}> = [
  {
    minutesAgo: 300,
    headline: 'Air raid alert across the region',
    html: '<p>An air raid alert was declared across the Kyiv region shortly after 1 a.m. Residents were asked to stay in shelters until the all-clear.</p>',
    key: true,
  },
  {
    minutesAgo: 255,
    html: '<p>Metro stations in the city centre have opened as shelters. Staff report several hundred people on the platforms at Teatralna.</p>',
  },
  {
    minutesAgo: 210,
    headline: 'Power cut in three districts',
    html: '<p>The city grid operator says three districts are without power after a substation was damaged. Repair crews are waiting for the all-clear.</p>',
    key: true,
  },
  {
    minutesAgo: 160,
    html: '<blockquote><p>“We have crews ready at every depot. As soon as it is safe, we go.”</p></blockquote><p>— a spokesperson for the grid operator.</p>',
  },
  {
    minutesAgo: 95,
    headline: 'All-clear given',
    html: '<p>The all-clear was given at 4:55 a.m. Public transport is resuming on its normal timetable.</p>',
    key: true,
  },
  {
    minutesAgo: 20,
    headline: 'What we know so far',
    html: '<p>Power has returned to two of the three districts; schools will open as usual. We will keep updating this page through the morning.</p>',
    pinned: true,
  },
];

/** Seeds one open live coverage with a few hours of updates. */
export async function seedDemoLiveCoverage(executor: Executor, deps: ArticleDeps): Promise<void> {
  const actor = { role: 'admin' as const, userId: null, tokenId: null };
  const started = new Date(deps.now().getTime() - 310 * 60_000);
  const { article } = await createArticle(
    executor,
    deps,
    {
      title: 'Kyiv live: overnight air raid, power cuts and the morning after',
      slug: 'kyiv-live-overnight-air-raid',
      excerpt: 'Live updates from the capital as the city recovers from an overnight attack.',
      authors: ['The Kyiv Ledger news desk'],
      tags: ['Ukraine news', 'War'],
      status: 'published',
      published_at: started.toISOString(),
      html: '<p>Our reporters are following the night and the morning after across the city. The latest updates are below.</p>',
      language: 'en',
    },
    actor,
  );
  await setCoverageState(executor, deps, article.id, 'live', actor);
  await executor
    .updateTable('live_coverages')
    .set({ started_at: started.toISOString() })
    .where('article_id', '=', article.id)
    .execute();
  for (const update of updates) {
    const { value } = await createUpdate(
      executor,
      deps,
      article.id,
      {
        headline: update.headline ?? '',
        html: update.html,
        status: 'published',
        key_event: update.key === true,
        pinned: update.pinned === true,
        push: false,
        authors: ['Taras Melnyk'],
      },
      actor,
    );
    // Demo content only: spread the updates over the night.
    const at = new Date(deps.now().getTime() - update.minutesAgo * 60_000).toISOString();
    await executor
      .updateTable('live_updates')
      .set({ published_at: at, created_at: at, updated_at: at })
      .where('id', '=', value.id)
      .execute();
  }
}
