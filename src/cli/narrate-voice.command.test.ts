import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { it } from 'node:test';
import { makeVoiceFolder } from '../audio/engines/neural-voice-fixture.js';
import { findNarrationVoice, listNarrationVoices } from '../audio/narration-voices.repository.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { type NarrateVoiceDeps, runNarrateVoice } from './narrate-voice.command.js';

async function run(args: string[], deps: NarrateVoiceDeps) {
  const io = { output: new PassThrough(), errors: new PassThrough() };
  const out: string[] = [];
  const err: string[] = [];
  io.output.on('data', (c: Buffer) => out.push(c.toString()));
  io.errors.on('data', (c: Buffer) => err.push(c.toString()));
  const code = await runNarrateVoice(args, io, deps);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describeEachDialect('masthead narrate voice', (getDatabase) => {
  const base = (): NarrateVoiceDeps => ({
    open: () => Promise.resolve({ database: getDatabase(), close: () => Promise.resolve() }),
    now: () => new Date('2026-12-07T23:30:00.000Z'),
  });

  it('refuses a broken folder with the file named and exit 1, registering nothing', async () => {
    const truncated = await run(['add', makeVoiceFolder({ modelBytes: 4096 })], base());
    assert.equal(truncated.code, 1);
    assert.match(truncated.stderr, /en_US-test-low\.onnx is only 4096 bytes.*truncated/);
    const noRate = await run(
      ['add', makeVoiceFolder({ config: { language: { code: 'en_US' } } })],
      base(),
    );
    assert.equal(noRate.code, 1);
    assert.match(noRate.stderr, /onnx\.json has no sample rate/);
    const speaker = await run(['add', makeVoiceFolder(), '--speaker', '2'], base());
    assert.equal(speaker.code, 1);
    assert.match(speaker.stderr, /--speaker 2, but the model has 1 speaker/);
    assert.deepEqual(await listNarrationVoices(getDatabase().db), []);
  });

  it('a folder sherpa-onnx cannot read is not registered (real pipeline, exit 1)', async () => {
    const result = await run(['add', makeVoiceFolder()], base());
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /Piper\/VITS voice in .*language en, 16000 Hz/);
    assert.match(result.stdout, /No MODEL_CARD licence found: check the voice’s licence/);
    assert.match(result.stderr, /could not read the test passage, so it is not registered/);
    assert.deepEqual(await listNarrationVoices(getDatabase().db), []);
  });

  it('registers with the measured figures, lists and removes', async () => {
    const measured = await run(['add', makeVoiceFolder(), '--name', 'piper-test'], {
      ...base(),
      measure: (row) =>
        Promise.resolve({
          audioSeconds: 9.5,
          realTimeFactor: 0.08,
          cpuPerAudioSecond: 0.07,
          wordErrorRate: row.language === 'en' ? 0.05 : undefined,
          reference: 'the city council',
        }),
    });
    assert.equal(measured.code, 0, measured.stderr);
    assert.match(measured.stdout, /RTF 0\.080/);
    assert.match(measured.stdout, /WER 0\.050 \(pocketsphinx\)/);
    assert.match(measured.stdout, /Registered voice piper-test/);
    const row = await findNarrationVoice(getDatabase().db, 'piper-test');
    assert.equal(row?.word_error_rate, 0.05);
    assert.equal(row?.sample_rate, 16000);

    const unmeasured = await run(['add', makeVoiceFolder(), '--no-measure'], base());
    assert.equal(unmeasured.code, 0, unmeasured.stderr);
    assert.match(unmeasured.stdout, /only where a voice rule names it/);

    const listed = await run(['list'], base());
    assert.match(listed.stdout, /piper-en_us-test-low\ten\tvits\t16000\t—\t—/);
    assert.match(listed.stdout, /piper-test\ten\tvits\t16000\t0\.050\t0\.080/);

    assert.equal((await run(['remove', 'piper-test'], base())).code, 0);
    const again = await run(['remove', 'piper-test'], base());
    assert.equal(again.code, 1);
    assert.match(again.stderr, /No registered voice is named piper-test/);
  });

  it('bad command lines exit 2 with the usage', async () => {
    for (const args of [
      [],
      ['add'],
      ['add', 'a', 'b'],
      ['add', 'x', '--speaker', '-1'],
      ['nope'],
    ]) {
      const result = await run(args, base());
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, /Usage: masthead narrate voice add DIR/);
    }
  });
});
