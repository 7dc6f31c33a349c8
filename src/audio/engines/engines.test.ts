import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { lamejsEncoder } from '../encode/encoder.js';
import { describeMp3 } from '../encode/mp3-frames.js';
import { integratedLoudness, truePeakDb } from '../pcm/loudness.js';
import { commandExists } from './binary-engines.js';
import { parseWav } from '../pcm/wav.js';
import { synthesizeWithFliteWasi } from './flite-wasi.js';
import { engineFor, selectEngine } from './select-engine.js';
import { validateSherpaModelDir } from './sherpa-onnx.js';
import type { EngineId } from './speech-engine.js';
import { toFloat } from '../pcm/resample.js';

const config = { ttsModelDir: undefined };
const sentence = 'The council met on Tuesday and approved the budget for next year.';

async function checkEngine(id: EngineId) {
  const engine = engineFor(id, config);
  const voice = engine.defaultVoice('en');
  const pcm = await engine.synthesize(sentence, voice);
  const seconds = pcm.samples.length / pcm.sampleRate;
  assert.ok(pcm.sampleRate >= 8000 && pcm.sampleRate <= 48000, `sample rate ${pcm.sampleRate}`);
  // A dozen words take a few seconds to say; silence or a click would be far shorter.
  assert.ok(seconds > 2 && seconds < 12, `speech lasts ${seconds} s`);
  assert.ok(integratedLoudness(toFloat(pcm.samples), pcm.sampleRate) > -50, 'not silent');

  const encoded = await lamejsEncoder.encode(pcm, 500);
  const mp3 = describeMp3(encoded.mp3);
  assert.equal(mp3.sampleRate, 44100);
  assert.equal(mp3.channels, 1);
  assert.equal(mp3.bitrateKbps, 64);
  // The MP3 holds the speech plus the pause (and at most a couple of frames of encoder padding).
  assert.ok(
    Math.abs(mp3.durationSeconds - (seconds + 0.5)) < 0.1,
    `${mp3.durationSeconds} vs ${seconds + 0.5}`,
  );
  assert.ok(Math.abs(encoded.loudness - -16) < 1, `loudness ${encoded.loudness} LUFS`);
  assert.ok(encoded.truePeak <= -1 + 1e-9, `true peak ${encoded.truePeak} dBTP`);
}

describe('speech engines', () => {
  it('espeak-ng (WebAssembly, in a child process) speaks; the MP3 decodes to the right length and format', async () => {
    await checkEngine('espeak-ng-wasm');
  });

  it('flite (WASI, in a child process) speaks; the MP3 decodes to the right length and format', async () => {
    await checkEngine('flite-wasi');
  });

  it('flite (WASI) keeps speaking paragraph after paragraph in one process', async () => {
    // Node's WASI crashed the process with SIGSEGV after 4 to 8 instances run in one thread
    // (flite-wasi.ts); each now runs in a thread of its own. Called here in the test's own
    // process, as the audio child does, every voice in turn.
    const paragraph =
      'the city council voted seven to two on october sixth to approve a one point two billion dollar budget for twenty twenty-seven. officials said the plan adds three hundred fifty buses.';
    for (let i = 0; i < 16; i += 1) {
      const voice = ['slt', 'awb', 'rms', 'kal'][i % 4] ?? 'slt';
      const pcm = parseWav(await synthesizeWithFliteWasi(paragraph, voice));
      assert.ok(pcm.samples.length / pcm.sampleRate > 5, `${voice} paragraph ${i}`);
    }
  });

  for (const [id, command] of [
    ['festival', 'text2wave'],
    ['flite', 'flite'],
    ['espeak-ng', 'espeak-ng'],
  ] as const) {
    it(`${id} (Debian package) speaks when installed`, async (t) => {
      if (!(await commandExists(command))) return t.skip(`${command} is not installed`);
      await checkEngine(id);
    });
  }

  it('auto picks an installed engine, falling back to the WebAssembly espeak-ng', async () => {
    const engine = await selectEngine({ ttsEngine: 'auto', ttsModelDir: undefined }, 'uk');
    assert.ok(['espeak-ng', 'espeak-ng-wasm'].includes(engine.id), 'Ukrainian needs espeak-ng');
  });

  it('refuses an explicitly chosen engine that is not installed, saying how to install it', async (t) => {
    if (await commandExists('flite')) return t.skip('flite is installed');
    await assert.rejects(
      selectEngine({ ttsEngine: 'flite', ttsModelDir: undefined }, 'en'),
      /flite is not installed \(apt-get install flite\)/,
    );
  });

  it('rejects voice names that could be read as options', async () => {
    await assert.rejects(
      engineFor('espeak-ng-wasm', config).synthesize('hi', '--help'),
      /invalid voice/,
    );
  });
});

describe('sherpa-onnx model directory', () => {
  it('explains what is missing from the operator-supplied folder', async () => {
    assert.throws(() => validateSherpaModelDir(undefined), /needs TTS_MODEL_DIR.*No model ships/);
    const dir = await mkdtemp(join(tmpdir(), 'masthead-sherpa-'));
    try {
      assert.throws(() => validateSherpaModelDir(join(dir, 'nope')), /does not exist/);
      assert.throws(() => validateSherpaModelDir(dir), /no \.onnx model/);
      await writeFile(join(dir, 'model.onnx'), 'x');
      assert.throws(() => validateSherpaModelDir(dir), /no tokens\.txt/);
      await writeFile(join(dir, 'tokens.txt'), 'a 1');
      assert.throws(() => validateSherpaModelDir(dir), /no espeak-ng-data/);
      await mkdir(join(dir, 'espeak-ng-data'));
      assert.equal(validateSherpaModelDir(dir).kind, 'vits');
      await writeFile(join(dir, 'voices.bin'), 'x');
      assert.equal(validateSherpaModelDir(dir).kind, 'kokoro');
      // The package is optional and absent here: a valid folder still fails with a clear message.
      const engine = engineFor('sherpa-onnx', { ttsModelDir: dir });
      await assert.rejects(engine.synthesize('hello', '0'), /sherpa-onnx-node/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('loudness measurement', () => {
  it('measures a 1 kHz sine at −20 dBFS (peak) as about −23 LUFS and its peak as −20 dBTP', () => {
    const rate = 44100;
    const x = new Float32Array(rate * 3);
    for (let i = 0; i < x.length; i += 1) x[i] = 0.1 * Math.sin((2 * Math.PI * 1000 * i) / rate);
    // BS.1770: a full-scale 1 kHz sine reads −3.01 LUFS; −20 dB peak → about −23.0 (+0.7 K-weighting gain at 1 kHz ≈ 0).
    const loudness = integratedLoudness(x, rate);
    assert.ok(Math.abs(loudness - -23) < 0.5, `loudness ${loudness}`);
    assert.ok(Math.abs(truePeakDb(x) - -20) < 0.1);
  });
});
