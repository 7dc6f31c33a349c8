import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { facetMatch, facetText } from './search-facets.js';

const m = '\uE010';

describe('search facets', () => {
  it('indexes tags, authors, the UTC year and month', () => {
    assert.equal(
      facetText({ tagIds: [3, 12], authorIds: [7], publishedAt: '2026-03-01T21:30:00Z' }),
      `${m}t3 ${m}t12 ${m}a7 ${m}y2026 ${m}m202603`,
    );
    assert.equal(facetText({ tagIds: [], authorIds: [], publishedAt: null }), '');
  });

  it('turns filters into one MATCH expression; whole years as years, edges as months', () => {
    assert.equal(facetMatch({}), undefined);
    assert.equal(facetMatch({ tagId: 4, authorId: 9 }), `"${m}t4" AND "${m}a9"`);
    assert.equal(
      facetMatch({ fromIso: '2024-11-30T22:00:00.000Z', toIso: '2026-02-28T22:00:00.000Z' }),
      `("${m}m202411" OR "${m}m202412" OR "${m}y2025" OR "${m}m202601" OR "${m}m202602")`,
    );
    assert.equal(
      facetMatch({ fromIso: '2026-03-01T00:00:00.000Z', toIso: '2026-03-02T00:00:00.000Z' }),
      `("${m}m202603")`,
    );
  });

  it('leaves very long or open-ended-to-the-past ranges to the exact check', () => {
    assert.equal(facetMatch({ toIso: '2020-01-01T00:00:00.000Z' }), undefined);
  });
});
