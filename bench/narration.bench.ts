import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { promisify } from 'node:util';
import type { RunMeasure, RunReport } from './narration-run.js';

// Narration end to end (normalize + lexicon + synthesize + loudness + MP3 + join) of a
// 1,000-word article, then after a one-paragraph edit (which synthesizes that paragraph only),
// on two paths, each in a fresh process (cold audio child processes, CPU counted per run):
// the default engine and encoder on this machine (TTS_ENGINE=auto: the best-scored installed
// voice, voice-scores.ts, and ffmpeg when installed), and a fresh machine's path (the WASI
// flite and lamejs).

const runScript = new URL('./narration-run.ts', import.meta.url).pathname;

async function runPath(path: 'default' | 'fresh'): Promise<RunReport> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', runScript, path],
    { maxBuffer: 1 << 20, timeout: 600_000 },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as RunReport;
}

const seconds = (value: number | undefined) => (value === undefined ? '–' : value.toFixed(2));

function row(label: string, words: number, m: RunMeasure): string {
  const audio = (m.result.durationMs ?? 0) / 1000;
  const cpu = m.result.cpuMs;
  const ms = (value: number | undefined) => seconds(value === undefined ? undefined : value / 1000);
  return `| ${label} | ${words} | ${m.result.paragraphs} | ${m.result.synthesized} | ${audio.toFixed(1)} s | ${m.wallSeconds.toFixed(2)} s | **${(m.wallSeconds / audio).toFixed(3)}** | ${m.childrenCpuSeconds === undefined ? '–' : ((m.parentCpuSeconds + m.childrenCpuSeconds) / audio).toFixed(3)} | ${seconds(m.parentCpuSeconds)} | ${seconds(m.childrenCpuSeconds)} | ${ms(cpu?.synthesis)} | ${ms(cpu?.loudness)} | ${ms(cpu?.encoding)} |`;
}

export async function benchNarration(): Promise<string> {
  const loadBefore = loadavg()[0] ?? 0;
  const reports = [await runPath('default'), await runPath('fresh')];
  const loadAfter = loadavg()[0] ?? 0;
  const lines = [
    '## Narration (1,000-word article, end to end)',
    '',
    `${cpus().length} cores; load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after (other work on the machine slows this down). Target: real-time factor ≤ 0.05 (wall-clock processing ÷ audio length).`,
    '',
    'The audio child processes run at nice 10 (below the web server), so on a loaded machine they get what is left of the CPU: "CPU s per audio s" (all processes\' CPU time ÷ audio length) is the load-independent cost; on an idle 2-core machine the wall-clock factor is about half of it.',
    '',
    'CPU columns are CPU seconds: the narrating process (normalization, lexicon, database, joining), its child processes (audio pool, Debian engine, ffmpeg), and the stages as the children measure them (synthesis is measured for the in-process engines only; child start-up is in "children" but no stage).',
    '',
  ];
  for (const report of reports) {
    const first = report.first.result;
    lines.push(
      `### ${report.path === 'default' ? 'Default engine on this machine' : 'Fresh machine (no Debian packages)'}: ${first.engine}, encoder ${first.encoder}`,
      '',
      '| run | words | paragraphs | synthesized | audio | wall | real-time factor | CPU s per audio s | CPU parent | CPU children | synthesis | loudness + resample | MP3 encoding |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      row('first narration', report.words, report.first),
      row('after a one-paragraph edit', report.words, report.edit),
      '',
      `MP3 ${first.bytes} bytes (mono, 44.1 kHz, 64 kbit/s).`,
      '',
    );
  }
  return lines.join('\n').trimEnd();
}
