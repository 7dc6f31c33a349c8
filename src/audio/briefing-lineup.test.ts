import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  chooseBriefingLineup,
  chooseBriefingLineupWithSources,
  readStoredBriefingLineup,
} from './briefing-lineup.js';
import { localDateOf, nextBriefingSlot } from './briefing-schedule.js';

// The briefing's pure parts: which stories, and when (the job, audio and feed: briefing.test.ts).

describe('briefing line-up and schedule', () => {
  const s = (id: number) => ({ id });
  it('reads editors’ picks first, then the most read, then the latest, each once, up to the limit', () => {
    const lineup = chooseBriefingLineup(
      { picks: [s(5), s(3)], mostRead: [s(3), s(9), s(7)], latest: [s(9), s(1), s(2), s(4)] },
      6,
    );
    assert.deepEqual(
      lineup.map((x) => x.id),
      [5, 3, 9, 7, 1, 2],
    );
    assert.deepEqual(
      chooseBriefingLineup({ picks: [s(1)], mostRead: [], latest: [s(1)] }, 10).map((x) => x.id),
      [1],
    );
  });

  it('on a regeneration keeps the stored non-picks before new most read and latest, picks first', () => {
    const lineup = chooseBriefingLineupWithSources(
      {
        picks: [s(8), s(5)],
        // 9 was most read this morning and is no longer; 3 rose since.
        mostRead: [s(3), s(2), s(9)],
        latest: [s(7), s(1)],
        // 5 was stored as most read and is now picked; 4 was a pick the editors took out.
        kept: [
          { story: s(9), source: 'most-read' },
          { story: s(5), source: 'most-read' },
          { story: s(4), source: 'pick' },
          { story: s(7), source: 'latest' },
        ],
      },
      5,
    );
    assert.deepEqual(
      lineup.map((x) => [x.story.id, x.source]),
      [
        [8, 'pick'],
        [5, 'pick'],
        [9, 'most-read'],
        [3, 'most-read'],
        [7, 'latest'],
      ],
    );
    // Picks and kept stories take the places before anything new; the limit holds.
    const full = chooseBriefingLineupWithSources(
      {
        picks: [s(1), s(2)],
        mostRead: [s(6)],
        latest: [],
        kept: [
          { story: s(3), source: 'most-read' },
          { story: s(4), source: 'latest' },
          { story: s(5), source: 'latest' },
        ],
      },
      4,
    );
    assert.deepEqual(
      full.map((x) => x.story.id),
      [1, 2, 3, 4],
    );
  });

  it('reads a stored line-up; one recorded before sources counts its stories as most read', () => {
    assert.deepEqual(
      readStoredBriefingLineup({
        article_ids: '[4,2,9]',
        story_sources: '["pick","most-read","latest"]',
      }),
      [
        { id: 4, source: 'pick' },
        { id: 2, source: 'most-read' },
        { id: 9, source: 'latest' },
      ],
    );
    for (const story_sources of [null, '["pick"]', '["pick","unknown"]', 'not json'])
      assert.deepEqual(
        readStoredBriefingLineup({ article_ids: '[4,2]', story_sources }),
        [
          { id: 4, source: 'most-read' },
          { id: 2, source: 'most-read' },
        ],
        String(story_sources),
      );
    assert.deepEqual(readStoredBriefingLineup({ article_ids: 'oops', story_sources: null }), []);
  });

  it('finds the next slot at the wall-clock time in the newsroom zone, across DST', () => {
    // 05:30 UTC on 7 December is 07:30 in Kyiv (UTC+2): the 06:00 slot is tomorrow's.
    const next = nextBriefingSlot(new Date('2026-12-07T05:30:00Z'), '06:00', 'Europe/Kyiv');
    assert.equal(next.date, '2026-12-08');
    assert.equal(next.at.toISOString(), '2026-12-08T04:00:00.000Z');
    const before = nextBriefingSlot(new Date('2026-12-07T03:59:00Z'), '06:00', 'Europe/Kyiv');
    assert.equal(before.at.toISOString(), '2026-12-07T04:00:00.000Z');
    // Summer time (UTC+3) the day after the change.
    const summer = nextBriefingSlot(new Date('2026-03-29T12:00:00Z'), '06:00', 'Europe/Kyiv');
    assert.equal(summer.at.toISOString(), '2026-03-30T03:00:00.000Z');
    assert.equal(localDateOf(new Date('2026-12-07T22:30:00Z'), 'Europe/Kyiv'), '2026-12-08');
  });
});
