import { withNarrationBench } from './narration-setup.js';
import {
  liveChildPids,
  processTreeCpuMs,
  reapedChildrenCpuMs,
} from '../src/audio/engines/cpu-time.js';
import { narrateArticle, type NarrationResult } from '../src/audio/narration.service.js';
import { createArticle, updateArticle } from '../src/content/article.service.js';

// One narration benchmark run in a process of its own (so the audio child processes start
// cold, as on a freshly started server, and CPU time is this run's only): a 1,000-word
// article narrated, then again after a one-paragraph edit. `fresh` forces the path of a
// machine without Debian packages: for English the WASI flite (what TTS_ENGINE=auto picks
// there, voice-scores.ts) and lamejs. Prints JSON.

const sentences = [
  'The city council voted 7 to 2 on Oct. 6 to approve a $1.2 billion budget for 2027.',
  'Officials said the plan adds 350 buses and repairs 42 km of roads before winter.',
  'Residents who spoke at the meeting on Tuesday asked how the money would reach their streets.',
  'Dr. Olena Shevchuk, who leads the transport department, said work would start at 9 a.m. on Monday.',
  'About 48% of the funds will go to schools, hospitals and the water network.',
  'The mayor called it the largest investment in the city since the 1990s.',
  'Critics in the opposition said the numbers did not add up and asked for an audit by the U.S. firm.',
  'The vote came after three hours of debate and a short break at 6:30 p.m.',
];

function paragraph(n: number): string {
  return Array.from({ length: 4 }, (_, i) => sentences[(n * 3 + i) % sentences.length]).join(' ');
}

export interface RunMeasure {
  result: NarrationResult;
  wallSeconds: number;
  /** This process (normalization, lexicon, database, joining, IPC) in CPU seconds. */
  parentCpuSeconds: number;
  /** Child processes: the audio pool, Debian engines, ffmpeg; undefined where /proc is missing. */
  childrenCpuSeconds: number | undefined;
}

export interface RunReport {
  path: string;
  words: number;
  first: RunMeasure;
  edit: RunMeasure;
}

function childrenCpuMs(): number | undefined {
  const reaped = reapedChildrenCpuMs();
  if (reaped === undefined) return undefined;
  return liveChildPids().reduce((sum, pid) => sum + (processTreeCpuMs(pid) ?? 0), reaped);
}

async function measure(run: () => Promise<NarrationResult>): Promise<RunMeasure> {
  const cpu = process.cpuUsage();
  const children = childrenCpuMs();
  const started = performance.now();
  const result = await run();
  const wallSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const childrenAfter = childrenCpuMs();
  return {
    result,
    wallSeconds,
    parentCpuSeconds: (used.user + used.system) / 1e6,
    childrenCpuSeconds:
      children === undefined || childrenAfter === undefined
        ? undefined
        : (childrenAfter - children) / 1000,
  };
}

async function main(path: 'default' | 'fresh'): Promise<RunReport> {
  return withNarrationBench(path, async ({ database, deps, articleDeps, actor }) => {
    const paragraphs = Array.from({ length: 16 }, (_, i) => paragraph(i));
    const html = (items: string[]) => items.map((p) => `<p>${p}</p>`).join('');
    const change = await createArticle(
      database.db,
      articleDeps,
      {
        title: 'City council approves a $1.2 billion budget',
        authors: ['Bench'],
        tags: ['City'],
        status: 'published',
        html: html(paragraphs),
      },
      actor,
    );
    const first = await measure(() => narrateArticle(deps, change.article.id));
    paragraphs[5] =
      'In a late change, the council moved 12 million dollars from parking to bike lanes.';
    await updateArticle(
      database.db,
      articleDeps,
      change.article.id,
      { html: html(paragraphs) },
      actor,
    );
    const edit = await measure(() => narrateArticle(deps, change.article.id));
    return { path, words: change.article.word_count, first, edit };
  });
}

const path = process.argv[2] === 'fresh' ? 'fresh' : 'default';
const report = await main(path);
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(0);
