import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { narrateArticle } from '../src/audio/narration.service.js';
import { loadConfig } from '../src/config.js';
import { createArticle, updateArticle } from '../src/content/article.service.js';
import { createCachePurger } from '../src/platform/cache/cache-purger.js';
import { createPageCache } from '../src/platform/cache/page-cache.js';
import { openDatabase } from '../src/platform/db/database.js';
import { migrateToLatest } from '../src/platform/db/migrate.js';
import { createLogger } from '../src/platform/logger.js';

// Narration end to end (normalize + lexicon + synthesize + loudness + MP3 + join) of a
// 1,000-word article with the default engine (TTS_ENGINE, `auto` unless set), then the same
// article after a one-paragraph edit, which should synthesize that paragraph only.

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

export async function benchNarration(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-narration-bench-'));
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), dataDir: dir };
  const database = openDatabase(`sqlite:${join(dir, 'bench.db')}`);
  try {
    await migrateToLatest(database.db);
    const logger = createLogger('silent');
    const purger = createCachePurger({
      database,
      pageCache: createPageCache({ maxBytes: 1 << 20 }),
      logger,
    });
    const deps = { database, config, purger };
    const articleDeps = { now: () => new Date(), timeZone: 'UTC', internalHosts: [] };
    const actor = { role: 'admin' as const, userId: null, tokenId: null };
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
    const words = change.article.word_count;

    let started = performance.now();
    const first = await narrateArticle(deps, change.article.id);
    const firstSeconds = (performance.now() - started) / 1000;
    const audioSeconds = (first.durationMs ?? 0) / 1000;

    paragraphs[5] =
      'In a late change, the council moved 12 million dollars from parking to bike lanes.';
    await updateArticle(
      database.db,
      articleDeps,
      change.article.id,
      { html: html(paragraphs) },
      actor,
    );
    started = performance.now();
    const second = await narrateArticle(deps, change.article.id);
    const secondSeconds = (performance.now() - started) / 1000;

    return [
      '## Narration (1,000-word article, end to end)',
      '',
      `Engine ${first.engine}; ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at the end (other work on the machine slows this down).`,
      '',
      '| run | words | paragraphs | synthesized | audio | processing | real-time factor |',
      '|---|---:|---:|---:|---:|---:|---:|',
      `| first narration | ${words} | ${first.paragraphs} | ${first.synthesized} | ${audioSeconds.toFixed(1)} s | ${firstSeconds.toFixed(2)} s | ${(firstSeconds / audioSeconds).toFixed(3)} |`,
      `| after a one-paragraph edit | ${words} | ${second.paragraphs} | ${second.synthesized} | ${((second.durationMs ?? 0) / 1000).toFixed(1)} s | ${secondSeconds.toFixed(2)} s | ${(secondSeconds / ((second.durationMs ?? 1) / 1000)).toFixed(3)} |`,
      '',
      `MP3 ${first.bytes} bytes (mono, 44.1 kHz, 64 kbit/s). Target: real-time factor ≤ 0.05.`,
    ].join('\n');
  } finally {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
