import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { applyLexicon } from './lexicon.js';
import { narrationUnits } from './narration-text.js';

describe('applying the lexicon', () => {
  it('replaces whole words, ignoring case, longest term first', () => {
    const entries = [
      { term: 'Zelenskyy', replacement: 'zeh-LEN-skee' },
      { term: 'Kyiv', replacement: 'keev' },
      { term: 'Kyiv Oblast', replacement: 'keev OB-last' },
    ];
    assert.equal(
      applyLexicon('zelenskyy visited kyiv oblast and Kyiv, not Kyivstar.', entries, 'en'),
      'zeh-LEN-skee visited keev OB-last and keev, not Kyivstar.',
    );
    assert.equal(applyLexicon('nothing here', [], 'en'), 'nothing here');
  });

  it('narrates the headline then the body text, without captions', () => {
    const doc = {
      type: 'doc' as const,
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'First.' }] },
        { type: 'image', attrs: { src: 'https://x.test/a.jpg', alt: '', caption: 'Caption' } },
        { type: 'paragraph', content: [] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Second.' }] },
      ],
    };
    const units = narrationUnits('Headline', doc as never, 'en', []);
    assert.deepEqual(
      units.map((u) => u.index),
      [-1, 0, 1],
    );
    assert.ok(units.every((u) => !/caption/i.test(u.spoken)));
  });
});

describeEachDialect('lexicon admin API', (getDatabase) => {
  let test: TestApp;
  let editor: string;
  let author: string;
  before(async () => {
    test = await buildTestApp(getDatabase());
    editor = await buildToken(getDatabase(), 'editor');
    author = await buildToken(getDatabase(), 'author');
  });
  after(() => test.close());
  const call = (
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) =>
    test.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });

  it('editors add, change, list and delete pronunciations; authors may only read', async () => {
    const created = await call(editor, 'POST', '/api/admin/audio/lexicon', {
      language: 'en',
      term: 'Zelenskyy',
      replacement: 'zeh-LEN-skee',
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<{ entry: { id: number } }>().entry.id;
    const duplicate = await call(editor, 'POST', '/api/admin/audio/lexicon', {
      language: 'en',
      term: 'Zelenskyy',
      replacement: 'other',
    });
    assert.equal(duplicate.statusCode, 409);
    const invalid = await call(editor, 'POST', '/api/admin/audio/lexicon', {
      language: 'English',
      term: '',
      replacement: 'x',
    });
    assert.equal(invalid.statusCode, 422);
    assert.equal(
      (
        await call(author, 'POST', '/api/admin/audio/lexicon', {
          language: 'en',
          term: 'A',
          replacement: 'b',
        })
      ).statusCode,
      403,
    );
    const changed = await call(editor, 'PATCH', `/api/admin/audio/lexicon/${id}`, {
      replacement: 'zeh-LEN-skyy',
    });
    assert.equal(
      changed.json<{ entry: { replacement: string } }>().entry.replacement,
      'zeh-LEN-skyy',
    );
    const listed = await call(author, 'GET', '/api/admin/audio/lexicon?language=en');
    assert.deepEqual(
      listed.json<{ entries: { term: string }[] }>().entries.map((e) => e.term),
      ['Zelenskyy'],
    );
    assert.equal((await call(editor, 'DELETE', `/api/admin/audio/lexicon/${id}`)).statusCode, 204);
    assert.equal((await call(editor, 'DELETE', `/api/admin/audio/lexicon/${id}`)).statusCode, 404);
  });
});
