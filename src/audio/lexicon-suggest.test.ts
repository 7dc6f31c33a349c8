import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { looksSlavic, respell, suggestRespellings } from './lexicon-suggest.js';

describe('respelling suggestions for Ukrainian and Russian names in English', () => {
  it('respells romanized names by rules an English voice reads close to the original', () => {
    assert.equal(respell('Kyiv'), 'Keev');
    assert.equal(respell('Kharkiv'), 'Harkiv');
    assert.equal(respell('Mykola'), 'Mikola');
    assert.equal(respell('Shevchuk'), 'Shevchook');
    assert.equal(respell('Zelenskyy'), 'Zelenskee');
    assert.equal(respell('Khreshchatyk'), 'Hresh-chatik');
    assert.equal(respell('Yuliia'), 'Yuliya');
    assert.equal(respell('Petrovych'), 'Petrovitch');
    assert.equal(respell('Ivanov'), 'Ivanoff');
    assert.equal(respell('Olena'), undefined, 'nothing to change');
  });

  it('finds names by their romanization, not English words or first words of sentences', () => {
    assert.ok(looksSlavic('Tymoshenko'));
    assert.ok(looksSlavic('Zaporizhzhia'));
    assert.ok(!looksSlavic('Moscow'), 'an English exonym');
    assert.ok(!looksSlavic('London'));
    const found = suggestRespellings(
      [
        'Officials in Kyiv said on Monday that Mykola Shevchuk had left Kyiv. Dmytro stayed.',
        '“Kharkiv is calm,” said Vitalii, quoting the London office.',
      ],
      ['shevchuk'],
    );
    assert.deepEqual(found, [
      { term: 'Kyiv', respelling: 'Keev', count: 2 },
      { term: 'Kharkiv', respelling: 'Harkiv', count: 1 },
      { term: 'Mykola', respelling: 'Mikola', count: 1 },
      { term: 'Vitalii', respelling: 'Vitalee', count: 1 },
    ]);
  });
});

describeEachDialect('lexicon suggestions API', (getDatabase) => {
  let t: TestApp;
  let editor: string;
  let contributor: string;
  before(async () => {
    t = await buildTestApp(getDatabase());
    editor = await buildToken(getDatabase(), 'editor');
    contributor = await buildToken(getDatabase(), 'contributor');
  });
  after(() => t.close());
  const get = (url: string, token = editor) =>
    t.app.inject({ url, headers: { authorization: `Bearer ${token}` } });

  it('suggests for one English story or the latest ones, leaving out lexicon terms', async () => {
    const story = await buildArticle(getDatabase(), {
      title: 'Repairs in Kharkiv',
      html: '<p>Engineers in Kharkiv worked with Serhii Tkachuk, the city engineer.</p>',
    });
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/admin/audio/lexicon',
      headers: { authorization: `Bearer ${editor}` },
      payload: { language: 'en', term: 'Kharkiv', replacement: 'KHAR-kiv' },
    });
    assert.equal(added.statusCode, 201, added.body);
    const one = await get(`/api/admin/audio/lexicon/suggestions?article=${story.id}`);
    assert.equal(one.statusCode, 200, one.body);
    const terms = one
      .json<{ suggestions: Array<{ term: string }> }>()
      .suggestions.map((s) => s.term);
    assert.deepEqual(terms.sort(), ['Serhii', 'Tkachuk'], 'Kharkiv is in the lexicon already');
    const recent = await get('/api/admin/audio/lexicon/suggestions');
    assert.ok(recent.json<{ stories: number }>().stories >= 1);
    const ukrainian = await buildArticle(getDatabase(), { language: 'uk', html: '<p>Київ.</p>' });
    const refused = await get(`/api/admin/audio/lexicon/suggestions?article=${ukrainian.id}`);
    assert.equal(refused.statusCode, 422);
    assert.match(refused.json<{ message: string }>().message, /English stories/);
    assert.equal(
      (await get('/api/admin/audio/lexicon/suggestions?article=999999')).statusCode,
      404,
    );
    assert.equal((await get('/api/admin/audio/lexicon/suggestions', contributor)).statusCode, 403);
  });
});
