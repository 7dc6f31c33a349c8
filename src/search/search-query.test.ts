import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSearchQuery, toFts5Match } from './search-query.js';

describe('search query parsing', () => {
  it('splits words, keeps quoted phrases, excludes -terms', () => {
    const parsed = parseSearchQuery('kyiv "power grid" -winter');
    assert.deepEqual(parsed.terms, [
      { tokens: ['kyiv'], phrase: false, exclude: false },
      { tokens: ['power', 'grid'], phrase: true, exclude: false },
      { tokens: ['winter'], phrase: false, exclude: true },
    ]);
    assert.equal(toFts5Match(parsed), '("kyiv" AND "power grid") NOT "winter"');
  });

  it('matches the last word as a prefix while it is being typed', () => {
    const parsed = parseSearchQuery('energy minis');
    assert.equal(parsed.prefixLast, true);
    assert.equal(toFts5Match(parsed), '("energy" AND ("minis" OR "minis"*))');
    assert.equal(parseSearchQuery('energy minis ').prefixLast, false, 'a space ends the word');
    assert.equal(parseSearchQuery('energy mi').prefixLast, false, 'too short to expand');
  });

  it('turns operators and FTS syntax into plain words', () => {
    assert.equal(
      toFts5Match(parseSearchQuery('a AND (b OR NEAR(c d)) title:x^ *')),
      '("a" AND "AND" AND "b" AND "OR" AND "NEAR" AND "c" AND "d" AND "title" AND "x")',
    );
    assert.equal(toFts5Match(parseSearchQuery('"unbalanced quote')), '("unbalanced quote")');
    assert.equal(toFts5Match(parseSearchQuery('Київ')), '(("Київ" OR "Київ"*))');
  });

  it('finds nothing to search in symbols, emoji, exclusions alone or emptiness', () => {
    for (const raw of ['', '   ', '"""', '*** ^^^ ::', '🎉🔥', '-only -exclusions', '-']) {
      assert.equal(toFts5Match(parseSearchQuery(raw)), undefined, raw);
    }
  });

  it('bounds the work: long input is cut, at most 12 terms', () => {
    const parsed = parseSearchQuery('word '.repeat(400));
    assert.equal(parsed.terms.length, 12);
    assert.ok(parseSearchQuery('x'.repeat(5000)).terms[0]?.tokens[0]?.length === 64);
  });
});
