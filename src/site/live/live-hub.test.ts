import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffFrames, feedDigest, type RenderedFeed } from './live-hub.js';

const item = (id: number, version = 1) => ({
  id,
  version,
  publishedAt: `2026-12-07T10:${String(id).padStart(2, '0')}:00.000Z`,
  html: `<article id="update-${id}">v${version}</article>`,
});
const feed = (ids: number[], more = false, extra: Partial<RenderedFeed> = {}) => ({
  updates: ids.map((id) => item(id)),
  keyEventsHtml: '',
  pinnedHtml: '',
  statusHtml: '<p>Live</p>',
  earlierHtml: '',
  more,
  state: 'live',
  ...extra,
});
const events = (frames: string) =>
  [...frames.matchAll(/event: (\w+)\ndata: (.*)\n/g)].map((m) => `${m[1]} ${m[2]}`);

describe('live hub diff', () => {
  it('sends new updates oldest first, then the state id', () => {
    const out = diffFrames(feed([2, 1]), feed([4, 3, 2, 1]), 'abc');
    assert.deepEqual(
      events(out).map((e) => e.split(' ')[0]),
      ['update', 'update', 'state'],
    );
    assert.match(out, /"id":3[\s\S]*"id":4/);
    assert.match(out, /id: abc\nevent: state/);
  });

  it('tells an update that slid off a full page from a deleted one', () => {
    // Page of 3 with more beyond: 1 slid off the end when 4 arrived.
    assert.deepEqual(
      events(diffFrames(feed([3, 2, 1], true), feed([4, 3, 2], true), 'x')).map(
        (e) => e.split(' ')[0],
      ),
      ['update', 'state'],
    );
    // Nothing beyond the page: a missing update was deleted, however old.
    assert.ok(events(diffFrames(feed([3, 2, 1]), feed([3, 2]), 'x')).includes('delete {"id":1}'));
    // Deleted from inside a full page.
    assert.ok(
      events(diffFrames(feed([4, 3, 2], true), feed([4, 2, 1], true), 'x')).includes(
        'delete {"id":3}',
      ),
    );
  });

  it('sends edits and changed blocks, and nothing when nothing changed', () => {
    const before = feed([2, 1]);
    const after = { ...feed([2, 1]), updates: [item(2, 2), item(1)] };
    assert.deepEqual(
      events(diffFrames(before, after, 'x')).map((e) => e.split(' ')[0]),
      ['edit', 'state'],
    );
    const blocks = feed([2, 1], false, { keyEventsHtml: '<nav>1</nav>' });
    assert.deepEqual(
      events(diffFrames(before, blocks, 'x')).map((e) => e.split(' ')[0]),
      ['blocks', 'state'],
    );
    assert.equal(diffFrames(before, feed([2, 1]), 'x'), '');
    assert.equal(feedDigest(before, 'live'), feedDigest(feed([2, 1]), 'live'));
    assert.notEqual(feedDigest(before, 'live'), feedDigest(after, 'live'));
  });
});
