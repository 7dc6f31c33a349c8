import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { minModelBytes } from './neural-voice-folder.js';

// Test support: a model folder laid out like a sherpa-onnx Piper release. The model file has
// an ONNX file's first bytes and a real size but no network in it, so it passes the folder
// checks and fails in sherpa-onnx: exactly the "registered but broken" voice the fallback
// must survive. No real neural model is available offline.

export interface FixtureOptions {
  name?: string;
  config?: unknown;
  /** Written as is instead of `config` (broken JSON). */
  configText?: string;
  modelBytes?: number;
  omit?: ('model' | 'tokens' | 'espeak-ng-data' | 'config')[];
}

/** Creates the folder (in a new temporary directory) and returns its path. */
export function makeVoiceFolder(options: FixtureOptions = {}): string {
  const dir = join(
    mkdtempSync(join(tmpdir(), 'masthead-voice-')),
    options.name ?? 'vits-piper-en_US-test-low',
  );
  mkdirSync(dir);
  const omit = new Set(options.omit ?? []);
  if (!omit.has('model')) {
    const model = Buffer.alloc(options.modelBytes ?? minModelBytes + 16);
    if (model.length > 0) model[0] = 0x08;
    writeFileSync(join(dir, 'en_US-test-low.onnx'), model);
  }
  if (!omit.has('tokens')) writeFileSync(join(dir, 'tokens.txt'), '_ 0\n^ 1\n$ 2\na 3\n');
  if (!omit.has('espeak-ng-data')) {
    mkdirSync(join(dir, 'espeak-ng-data'));
    writeFileSync(join(dir, 'espeak-ng-data', 'phontab'), 'x');
  }
  if (!omit.has('config'))
    writeFileSync(
      join(dir, 'en_US-test-low.onnx.json'),
      options.configText ??
        JSON.stringify(
          options.config ?? {
            audio: { sample_rate: 16000 },
            espeak: { voice: 'en-us' },
            language: { code: 'en_US' },
            num_speakers: 1,
          },
        ),
    );
  return dir;
}
