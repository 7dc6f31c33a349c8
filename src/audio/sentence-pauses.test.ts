import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createLocalBlobStore } from '../platform/storage/local-blob-store.js';
import { lamejsEncoder } from './encode/encoder.js';
import { audioChildPool } from './engines/child-engines.js';
import type { SpeechEngine } from './engines/speech-engine.js';
import { narrationUnits } from './narration-text.js';
import { synthesizeUnits } from './paragraph-synthesis.js';
import { withChime } from './pcm/chime.js';
import {
  narrationPauseAfter,
  narrationPauses,
  spokenSentences,
  synthesizeWithSentencePauses,
} from './sentence-pauses.js';

/** An engine that "speaks" 10 ms of a tone per character, and records what it was asked. */
function recordingEngine(): SpeechEngine & { heard: string[] } {
  const heard: string[] = [];
  return {
    id: 'espeak-ng',
    heard,
    version: () => Promise.resolve('test'),
    speaks: () => true,
    defaultVoice: () => 'x',
    synthesize(text) {
      heard.push(text);
      const sampleRate = 16000;
      const samples = new Int16Array(text.length * 160);
      for (let i = 0; i < samples.length; i += 1)
        samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate));
      return Promise.resolve({ samples, sampleRate });
    },
  };
}

const doc = (text: string) => ({
  type: 'doc' as const,
  content: [{ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] }],
});

const text = (value: string) => [{ type: 'text', text: value }];
const para = (value: string) => ({ type: 'paragraph', content: text(value) });

describe('headings, quotes and lists', () => {
  const body = {
    type: 'doc',
    content: [
      para('The vote was close.'),
      { type: 'heading', attrs: { level: 2 }, content: text('What comes next') },
      { type: 'blockquote', content: [para('We will build.'), para('We will wait.')] },
      {
        type: 'bulletList',
        content: ['Buses', 'Roads', 'Schools'].map((item) => ({
          type: 'listItem',
          content: [para(item)],
        })),
      },
      { type: 'pullQuote', attrs: { attribution: 'Mayor' }, content: text('Nobody wanted this.') },
      para('The end.'),
    ],
  };

  it('keeps each block’s kind and reads quotes between spoken cues', () => {
    const units = narrationUnits('Budget passes', body as never, 'en', []);
    assert.deepEqual(
      units.map((u) => [u.index, u.kind, u.spoken]),
      [
        [-1, 'headline', 'budget passes'],
        [0, 'paragraph', 'the vote was close.'],
        [1, 'heading', 'what comes next'],
        [2, 'quote', 'quote: we will build.'],
        [3, 'quote', 'we will wait. end of quote.'],
        [4, 'listItem', 'buses'],
        [5, 'listItem', 'roads'],
        [6, 'listItem', 'schools'],
        [7, 'quote', 'quote: nobody wanted this. end of quote.'],
        [8, 'paragraph', 'the end.'],
      ],
    );
    const uk = narrationUnits('Бюджет', body as never, 'uk', []);
    assert.match(uk.find((u) => u.index === 7)?.spoken ?? '', /^цитата: .* кінець цитати\.$/);
    const de = narrationUnits('Haushalt', body as never, 'de', []);
    assert.equal(de.find((u) => u.index === 2)?.spoken, 'We will build.');
  });

  it('pauses longer around headings and shorter between list items', () => {
    const units = narrationUnits('Budget passes', body as never, 'en', []);
    const pauses = units.map((u, i) => narrationPauseAfter(u, units[i + 1]));
    const { headlineMs, headingMs, paragraphMs, listItemMs } = narrationPauses;
    assert.deepEqual(pauses, [
      headlineMs,
      headingMs, // before the heading
      headingMs, // after it
      paragraphMs,
      paragraphMs,
      listItemMs,
      listItemMs,
      paragraphMs, // the list ends
      paragraphMs,
      paragraphMs,
    ]);
    assert.ok(listItemMs < paragraphMs && paragraphMs < headingMs);
  });
});

describe('sentence pauses', () => {
  after(() => audioChildPool().close());

  it('splits a normalized paragraph at its sentence ends only (abbreviations are words by then)', () => {
    const [unit] = narrationUnits(
      '',
      doc('Dr. Lopez spoke at 6:30 p.m. on Monday. Was it late? Yes! The U.S. envoy left.'),
      'en',
      [],
    );
    assert.deepEqual(spokenSentences(unit?.spoken ?? ''), [
      'doctor lopez spoke at six thirty p m on monday.',
      'was it late?',
      'yes!',
      'the u s envoy left.',
    ]);
    assert.deepEqual(spokenSentences('one sentence, no end'), ['one sentence, no end']);
  });

  it('speaks each sentence and puts the pause between them, not after the last', async () => {
    const engine = recordingEngine();
    const pcm = await synthesizeWithSentencePauses(engine, 'one two. three four? five.', 'x', 250);
    assert.deepEqual(engine.heard, ['one two.', 'three four?', 'five.']);
    const speech = (8 + 11 + 5) * 160;
    assert.equal(pcm.samples.length, speech + 2 * 4000);
    // The gap after the first sentence is silence.
    assert.ok(pcm.samples.subarray(8 * 160, 8 * 160 + 4000).every((s) => s === 0));
    const single = await synthesizeWithSentencePauses(engine, 'just one.', 'x', 250);
    assert.equal(single.samples.length, 9 * 160);
  });

  it('the narration pipeline makes the paragraph longer by the sentence pauses, cached apart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'masthead-sentences-'));
    try {
      const storage = createLocalBlobStore(dir);
      const engine = recordingEngine();
      const voice = { engine, engineVersion: 'espeak-ng@test', voice: 'x', encoder: lamejsEncoder };
      const spoken = 'the council met. it voted. it left.';
      const plain = await synthesizeUnits(storage, voice, [{ index: 0, spoken, pauseMs: 0 }]);
      const paused = await synthesizeUnits(storage, voice, [
        { index: 0, spoken, pauseMs: 0, sentencePauseMs: 400 },
      ]);
      assert.equal(paused.synthesized, 1, 'not served from the unpaused cache entry');
      const added = paused.durationMs - plain.durationMs;
      assert.ok(Math.abs(added - 800) < 60, `two pauses of 400 ms added ${added} ms`);
      assert.deepEqual(engine.heard.slice(1), ['the council met.', 'it voted.', 'it left.']);

      // A heading's chime: 340 ms before its words, cached apart from the plain unit.
      const chimed = await synthesizeUnits(storage, voice, [
        { index: 0, spoken, pauseMs: 0, chime: true },
      ]);
      assert.equal(chimed.synthesized, 1, 'not served from the plain cache entry');
      const chimeMs = chimed.durationMs - plain.durationMs;
      assert.ok(Math.abs(chimeMs - 340) < 60, `the chime added ${chimeMs} ms`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('makes the heading chime quiet and click-free, at the voice’s sample rate', () => {
    const voice = { samples: new Int16Array([1000, -1000]), sampleRate: 22050 };
    const out = withChime(voice);
    assert.equal(out.sampleRate, 22050);
    assert.equal(out.samples.length, Math.round(0.09 * 22050) * 2 + Math.round(0.16 * 22050) + 2);
    assert.deepEqual([...out.samples.slice(-2)], [1000, -1000], 'the voice follows, untouched');
    assert.equal(out.samples[0], 0, 'starts from silence');
    assert.ok(Math.max(...out.samples.slice(0, -2).map(Math.abs)) <= 0.18 * 32767 + 1);
  });
});
