import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { promptPlacements } from '../revenue/checkout/checkout-input.js';
import { readAttribution } from '../revenue/prompts/support.routes.js';
import { renderAccessWall } from './access-wall.js';

describe('the access wall', () => {
  it('sends a membership bought from it to the support page as the wall’s, with the story', () => {
    const wall = renderAccessWall(
      { level: 'paid', tiers: [] },
      'the-budget',
      'en',
      undefined,
      42,
    ).value;
    const href = /<a class="support-button support-button--primary" href="([^"]+)"/
      .exec(wall)?.[1]
      ?.replace(/&amp;/g, '&');
    assert.equal(href, '/support/?prompt=wall&article_id=42&page=%2Fthe-budget%2F');
    const query = Object.fromEntries(new URL(href ?? '', 'http://news.test').searchParams);
    assert.deepEqual(readAttribution(query), {
      prompt: 'wall',
      articleId: 42,
      page: '/the-budget/',
    });
    assert.ok(promptPlacements.includes('wall'), 'and the checkout keeps that prompt');
    const members = renderAccessWall({ level: 'members', tiers: [] }, 'the-budget', 'en').value;
    assert.match(members, /href="\/account\/sign-in\?next=%2Fthe-budget%2F"/);
    assert.doesNotMatch(members, /data-meter/, 'no meter unless the newsroom sets one');
  });
});
