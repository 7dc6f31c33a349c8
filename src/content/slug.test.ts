import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isValidSlug, slugify } from './slug.js';

it('slugifies English, accented and Ukrainian titles', () => {
  const cases: Array<[string, string]> = [
    ['Ukraine brings home 215 POWs', 'ukraine-brings-home-215-pows'],
    ['  Héllo, Wörld!  ', 'hello-world'],
    ['Київ готується до зими', 'kyiv-hotuietsia-do-zymy'],
    ['Запоріжжя: що відомо', 'zaporizhzhia-shcho-vidomo'],
    ['---', ''],
    ['<script>alert(1)</script>', 'script-alert-1-script'],
  ];
  for (const [input, expected] of cases) assert.equal(slugify(input), expected, input);
});

it('caps slug length without a trailing hyphen', () => {
  const slug = slugify('word '.repeat(100));
  assert.ok(slug.length <= 120);
  assert.ok(!slug.endsWith('-'));
});

it('validates slugs', () => {
  assert.ok(isValidSlug('a-b-1'));
  for (const bad of ['', 'A', 'a--b', '-a', 'a-', 'a/b', '../x', 'a b'])
    assert.ok(!isValidSlug(bad), bad);
});
