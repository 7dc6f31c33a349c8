import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { makeVoiceFolder } from './engines/neural-voice-fixture.js';
import { narrateArticle } from './narration.service.js';
import { saveNarrationVoice } from './narration-voices.repository.js';

// The Voices screen's API with registered neural voices: listed with their figures (never
// their folder), ranked in the automatic choice, and nameable in voice rules.

describeEachDialect('voices API: registered neural voices', (getDatabase) => {
  let test: TestApp;
  let editor = '';
  const api = (method: 'GET' | 'PUT', payload?: unknown) =>
    test.app.inject({
      method,
      url: '/api/admin/audio/voices',
      headers: { authorization: `Bearer ${editor}` },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  before(async () => {
    test = await buildTestApp(getDatabase());
    editor = await buildToken(getDatabase(), 'editor');
    const voice = {
      // Passes the folder checks, but sherpa-onnx cannot run it: the voice fails when used.
      dir: makeVoiceFolder({ name: 'srv-voices-x' }),
      kind: 'vits' as const,
      sample_rate: 22050,
      speaker: 0,
      model_bytes: 63_000_000,
      cpu_per_audio_second: 0.09,
      measured_at: '2026-12-07T23:40:00.000Z',
      created_at: '2026-12-07T23:40:00.000Z',
    };
    await saveNarrationVoice(getDatabase().db, {
      ...voice,
      name: 'piper-en-amy',
      language: 'en',
      word_error_rate: 0.01,
      real_time_factor: 0.1,
      not_measured: '',
    });
    await saveNarrationVoice(getDatabase().db, {
      ...voice,
      name: 'piper-uk-lada',
      language: 'uk',
      word_error_rate: null,
      real_time_factor: null,
      not_measured: 'no offline recognizer for "uk" (English only)',
    });
  });
  after(() => test.close());

  it('lists them with their figures and ranks the measured one', async () => {
    const response = await api('GET');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<{
      registered: Record<string, unknown>[];
      automatic: Record<string, { engine: string; voice: string }>;
      engines: { id: string; installed: boolean; voices: string[] }[];
    }>();
    assert.deepEqual(
      body.registered.map((v) => [v.name, v.language, v.word_error_rate, v.real_time_factor]),
      [
        ['piper-en-amy', 'en', 0.01, 0.1],
        ['piper-uk-lada', 'uk', null, null],
      ],
    );
    assert.equal(body.registered[1]?.not_measured, 'no offline recognizer for "uk" (English only)');
    assert.ok(!response.body.includes('srv-voices-x'), 'the folder stays on the server');
    assert.deepEqual(body.automatic.en, {
      ...body.automatic.en,
      engine: 'sherpa-onnx',
      voice: 'piper-en-amy',
    });
    assert.notEqual(body.automatic.uk?.engine, 'sherpa-onnx', 'unmeasured: not automatic');
    const sherpa = body.engines.find((e) => e.id === 'sherpa-onnx');
    assert.equal(sherpa?.installed, true);
    assert.deepEqual(sherpa?.voices.slice(0, 2), ['piper-en-amy', 'piper-uk-lada']);
  });

  it('a rule may name a registered voice; an unknown name is a field error', async () => {
    const saved = await api('PUT', {
      languages: [{ language: 'uk', engine: 'sherpa-onnx', voice: 'piper-uk-lada' }],
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const unknown = await api('PUT', {
      tags: [{ tag: 'Sport', engine: 'sherpa-onnx', voice: 'piper-nobody' }],
    });
    assert.equal(unknown.statusCode, 422);
    assert.match(
      JSON.stringify(unknown.json<{ fields: object }>().fields),
      /tags\.0\.voice.*no neural voice named piper-nobody/,
    );
  });

  it('a narration with the failing neural voice falls back to the built-in voice', async () => {
    await api('PUT', { languages: [] });
    const created = await test.app.inject({
      method: 'POST',
      url: '/api/admin/articles',
      headers: { authorization: `Bearer ${editor}` },
      payload: {
        title: 'Council approves budget',
        language: 'en',
        authors: ['Desk'],
        status: 'published',
        html: '<p>The council voted on Tuesday.</p>',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<{ article: { id: number } }>().article.id;
    const result = await narrateArticle(test.services, id);
    assert.equal(result.status, 'ready');
    assert.equal(result.voice, 'piper-en-amy', 'the ranking chose the neural voice');
    assert.match(result.engine ?? '', /^sherpa-onnx@fallback-for:piper-en-amy:/);
    assert.ok((result.durationMs ?? 0) > 1000, 'a built-in voice read the article');
  });

  it('Listen on a failing neural voice plays what a narration would: the built-in voice', async () => {
    const preview = (voice: string) =>
      test.app.inject({
        method: 'POST',
        url: '/api/admin/audio/lexicon/preview',
        headers: { authorization: `Bearer ${editor}` },
        payload: { text: 'Good morning.', language: 'en', engine: 'sherpa-onnx', voice },
      });
    const played = await preview('piper-en-amy');
    assert.equal(played.statusCode, 200, played.body);
    assert.equal(played.headers['content-type'], 'audio/mpeg');
    const unknown = await preview('piper-nobody');
    assert.equal(unknown.statusCode, 422, unknown.body);
  });
});
