import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { makeVoiceFolder } from './neural-voice-fixture.js';
import {
  knownLanguage,
  NeuralVoiceFolderError,
  validateNeuralVoiceFolder,
  voiceNameFromFolder,
} from './neural-voice-folder.js';
import { validateSherpaModelDir } from './sherpa-onnx.js';

const rejects = (dir: string, pattern: RegExp, options = {}) =>
  assert.throws(
    () => validateNeuralVoiceFolder(dir, options),
    (error: unknown) => error instanceof NeuralVoiceFolderError && pattern.test(error.message),
  );

it('accepts a Piper folder and reads its sample rate, language and layout', () => {
  const dir = makeVoiceFolder();
  const folder = validateNeuralVoiceFolder(dir);
  assert.equal(folder.kind, 'vits');
  assert.equal(folder.sampleRate, 16000);
  assert.equal(folder.speakers, 1);
  assert.equal(folder.language, 'en');
  assert.equal(folder.model, join(dir, 'en_US-test-low.onnx'));
  assert.equal(folder.dataDir, join(dir, 'espeak-ng-data'));
  assert.equal(voiceNameFromFolder(dir), 'piper-en_us-test-low');
  assert.equal(folder.licence, undefined);
  writeFileSync(
    join(dir, 'MODEL_CARD'),
    '# Model card for test (low)\n\n* Language: en_US\n* License: CC BY-NC-SA 4.0\n',
  );
  assert.equal(validateNeuralVoiceFolder(dir).licence, 'CC BY-NC-SA 4.0');
  writeFileSync(join(dir, 'MODEL_CARD'), '## License\n\nMIT\n');
  assert.equal(validateNeuralVoiceFolder(dir).licence, 'MIT');
});

it('accepts a Kokoro folder without config, its language from the command line', () => {
  const dir = makeVoiceFolder({ omit: ['config'] });
  writeFileSync(join(dir, 'voices.bin'), Buffer.alloc(64, 1));
  rejects(dir, /names no language.*--language/);
  const folder = validateNeuralVoiceFolder(dir, { language: 'en-GB' });
  assert.equal(folder.kind, 'kokoro');
  assert.equal(folder.sampleRate, 24000);
  assert.equal(folder.speakers, undefined, 'voices.bin holds several; --speaker picks one');
  assert.equal(folder.language, 'en');
});

it('names the missing file', () => {
  rejects('/nonexistent/voice', /does not exist/);
  rejects(makeVoiceFolder({ omit: ['model'] }), /no \.onnx model/);
  rejects(makeVoiceFolder({ omit: ['tokens'] }), /tokens\.txt is missing/);
  rejects(makeVoiceFolder({ omit: ['espeak-ng-data'] }), /espeak-ng-data\/ is missing/);
  rejects(makeVoiceFolder({ omit: ['config'] }), /en_US-test-low\.onnx\.json is missing/);
  const partial = makeVoiceFolder();
  rmSync(join(partial, 'espeak-ng-data', 'phontab'));
  rejects(partial, /phontab is missing/);
});

it('names the broken file: empty or truncated model, bad tokens, bad config', () => {
  rejects(makeVoiceFolder({ modelBytes: 0 }), /en_US-test-low\.onnx is empty/);
  rejects(makeVoiceFolder({ modelBytes: 5000 }), /only 5000 bytes.*truncated/);
  const html = makeVoiceFolder();
  writeFileSync(join(html, 'en_US-test-low.onnx'), Buffer.alloc(2 << 20, 0x3c));
  rejects(html, /not an ONNX model/);
  const tokens = makeVoiceFolder();
  writeFileSync(join(tokens, 'tokens.txt'), '');
  rejects(tokens, /tokens\.txt is empty/);
  rejects(makeVoiceFolder({ configText: '{"audio": {' }), /onnx\.json is not valid JSON/);
  rejects(makeVoiceFolder({ config: { language: { code: 'en' } } }), /has no sample rate/);
  rejects(
    makeVoiceFolder({ config: { audio: { sample_rate: 'fast' }, language: { code: 'en' } } }),
    /unusable sample rate/,
  );
  rejects(makeVoiceFolder({ config: { audio: { sample_rate: 22050 } } }), /names no language/);
  rejects(
    makeVoiceFolder({ config: { audio: { sample_rate: 22050 }, language: { code: 'qq_ZZ' } } }),
    /unknown language \("qq_ZZ"\)/,
  );
  rejects(makeVoiceFolder(), /--language names an unknown language/, { language: 'zz' });
});

it('a lexicon-based VITS model needs no espeak-ng-data; the synthesis child agrees', () => {
  const dir = makeVoiceFolder({ omit: ['espeak-ng-data'] });
  writeFileSync(join(dir, 'lexicon.txt'), 'hello h e l o\n');
  const folder = validateNeuralVoiceFolder(dir);
  assert.equal(folder.dataDir, undefined);
  assert.equal(folder.lexicon, join(dir, 'lexicon.txt'));
  assert.equal(validateSherpaModelDir(dir).lexicon, join(dir, 'lexicon.txt'));
  writeFileSync(join(dir, 'voices.bin'), Buffer.alloc(64, 1));
  rejects(dir, /espeak-ng-data\/ is missing/, { language: 'en' });
  assert.throws(() => validateSherpaModelDir(dir), /no espeak-ng-data/);
});

it('knows language codes', () => {
  assert.equal(knownLanguage('uk_UA'), 'uk');
  assert.equal(knownLanguage('de'), 'de');
  assert.equal(knownLanguage('xq'), undefined);
  assert.equal(knownLanguage('english'), undefined);
});
