import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseBriefingLineup } from './briefing-lineup.js';
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
