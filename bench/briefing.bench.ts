import { withNarrationBench } from './narration-setup.js';
import { cpus, loadavg } from 'node:os';
import { buildBriefing, type BriefingResult } from '../src/audio/briefing.service.js';
import { createArticle } from '../src/content/article.service.js';
import { insertCollection, setCollectionItems } from '../src/content/collection.repository.js';
import { nowIso } from '../src/platform/db/database.js';

// The daily audio briefing end to end: ten published stories (three of them editors' picks),
// the briefing built from an empty paragraph cache (what the morning job does), then rebuilt
// after the editors reorder the picks (every story is a cache hit). Target (issue 18): a
// briefing of 10 stories in under 60 s. `default`: what TTS_ENGINE=auto and the encoder pick
// on this machine; `fresh`: the npm-only path (WASI flite, lamejs).

const stories: Array<[string, string]> = [
  [
    'City council approves a $1.2 billion budget for 2027',
    'The plan adds 350 buses and repairs 42 km of roads before winter, officials said on Tuesday.',
  ],
  [
    'Night trains return to the western line on Oct. 6',
    'Rail operators say the service will run every 40 minutes until 2 a.m. on weekends.',
  ],
  [
    'Hospitals prepare for a hard flu season',
    'Doctors urge people over 60 to get vaccinated before the end of November.',
  ],
  [
    'Farmers count the cost of a dry summer',
    'Grain yields fell by 18% in the south, the agriculture ministry said in its first estimate.',
  ],
  [
    'A new bridge opens over the Dnipro',
    'The 1.4 km crossing took three years to build and cuts the trip across the city by half.',
  ],
  [
    'Schools get 4,000 new laptops',
    'The donation from a group of local firms covers every pupil in the final two years.',
  ],
  [
    'Power grid holds through the first cold snap',
    'Engineers say repairs finished in October kept the lights on in every district.',
  ],
  [
    'Museum returns a stolen painting to Kharkiv',
    'The 19th-century landscape was found at an auction in Vienna after a tip from a researcher.',
  ],
  [
    'Local team wins the national cup',
    'A late goal in the 89th minute settled the final in front of 30,000 fans.',
  ],
  [
    'Weather: snow expected by the weekend',
    'Forecasters expect up to 15 cm in the north and temperatures down to minus 8 degrees.',
  ],
];

interface Measure {
  seconds: number;
  result: BriefingResult;
}

async function measure(run: () => Promise<BriefingResult>): Promise<Measure> {
  const started = performance.now();
  const result = await run();
  return { seconds: (performance.now() - started) / 1000, result };
}

async function runPath(path: 'default' | 'fresh') {
  return withNarrationBench(path, async ({ database, deps, articleDeps, actor }) => {
    const ids: number[] = [];
    for (const [title, excerpt] of stories) {
      const change = await createArticle(
        database.db,
        articleDeps,
        {
          title,
          excerpt,
          authors: ['Bench'],
          tags: ['City'],
          status: 'published',
          html: `<p>${excerpt}</p><p>More to follow.</p>`,
        },
        actor,
      );
      ids.push(change.article.id);
    }
    const picks = await insertCollection(database.db, {
      name: "Editors' Picks",
      slug: 'editors-picks',
      description: '',
      now: nowIso(),
    });
    await setCollectionItems(database.db, picks.id, ids.slice(0, 3));
    const today = new Date().toISOString().slice(0, 10);
    const cold = await measure(() => buildBriefing(deps, 'en', today));
    await setCollectionItems(database.db, picks.id, [ids[2] ?? 0, ids[0] ?? 0, ids[1] ?? 0]);
    const reordered = await measure(() => buildBriefing(deps, 'en', today));
    const row = await database.db
      .selectFrom('audio_briefings')
      .select(['engine', 'voice'])
      .executeTakeFirstOrThrow();
    return { path, cold, reordered, engine: row.engine, voice: row.voice };
  });
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

/** Runs both paths and reports them as Markdown. */
export async function benchBriefing(): Promise<string> {
  const loadBefore = loadavg()[0] ?? 0;
  const runs = [await runPath('default'), await runPath('fresh')];
  const loadAfter = loadavg()[0] ?? 0;
  const lines = [
    '## Daily audio briefing (10 stories, end to end)',
    '',
    `${cpus().length} cores; load average ${fmt(loadBefore)} before and ${fmt(loadAfter)} after (other work on the machine slows this down). Target: < 60 s for 10 stories (wall clock, from the line-up query to the stored MP3).`,
    '',
    '| path | engine / voice | stories | audio | cold build (empty cache) | RTF | rebuilt after reordering picks |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const run of runs) {
    const audioSeconds = (run.cold.result.durationMs ?? 0) / 1000;
    lines.push(
      `| ${run.path} | ${run.engine} / ${run.voice} | ${run.cold.result.articleIds.length} | ${fmt(audioSeconds)} s | ${fmt(run.cold.seconds, 2)} s (${run.cold.result.synthesized} units synthesized) | ${fmt(run.cold.seconds / Math.max(audioSeconds, 0.001), 3)} | ${fmt(run.reordered.seconds, 2)} s (${run.reordered.result.synthesized} synthesized) |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(`${await benchBriefing()}\n`);
  process.exit(0);
}
