import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeForSpeech, type NormalizeOptions } from '../normalize.js';

/** One row of a normalization table: written text → what the engine should be given. */
export type NormalizationCase = readonly [input: string, expected: string];

/** The canonical spoken form (see normalize.ts): lowercase words, single spaces, pause marks. */
const CANONICAL = /^(?:[\p{Ll}\p{Lo}\p{M}'-]+[,.;:?!]?)(?: [\p{Ll}\p{Lo}\p{M}'-]+[,.;:?!]?)*$/u;

/**
 * Runs a table through `normalizeForSpeech`: each row must give exactly its expected text,
 * every output must be in the canonical form — in particular no digit may survive — and
 * normalizing an output again must not change it.
 */
export function runNormalizationTable(
  title: string,
  cases: readonly NormalizationCase[],
  options: NormalizeOptions = { language: 'en' },
): void {
  describe(title, () => {
    it('has no duplicate inputs', () => {
      const inputs = cases.map(([input]) => input);
      assert.deepEqual(
        inputs.filter((input, index) => inputs.indexOf(input) !== index),
        [],
      );
    });
    for (const [input, expected] of cases) {
      it(JSON.stringify(input), () => {
        const spoken = normalizeForSpeech(input, options);
        assert.equal(spoken, expected);
        assert.doesNotMatch(spoken, /\d/, 'no digits may remain');
        assert.match(spoken, CANONICAL, 'canonical spoken form');
        // Already-spoken text must come back unchanged, so normalizing twice is harmless.
        assert.equal(normalizeForSpeech(spoken, options), spoken, 'idempotent');
      });
    }
  });
}
