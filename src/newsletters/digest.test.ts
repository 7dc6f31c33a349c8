import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createSettingsCache, writeSiteSettings } from '../platform/settings/site-settings.js';
import { buildArticle } from '../test-support/test-app.js';
import { nextDigestSlot } from './digest-schedule.js';
import { runDigestSlot, scheduleAllDigests, scheduleDigest } from './digest.job.js';
import { changeNewsletter } from './newsletter.service.js';
import { buildNewsletter, buildSubscribers } from './test-fixtures/newsletter-factories.js';

const kyiv = (days: number[] = []) => ({ time: '07:00', days, timeZone: 'Europe/Kyiv' });

describe('digest schedule', () => {
  it('finds the next 07:00 in Kyiv, on chosen weekdays, across the DST change', () => {
    // 08:00 in Kyiv (UTC+2) on Wednesday 25 November 2026 → Thursday 07:00 = 05:00Z.
    assert.equal(
      nextDigestSlot(new Date('2026-11-25T06:00:00Z'), kyiv()).toISOString(),
      '2026-11-26T05:00:00.000Z',
    );
    // 06:59 in Kyiv: the same day.
    assert.equal(
      nextDigestSlot(new Date('2026-11-25T04:59:00Z'), kyiv()).toISOString(),
      '2026-11-25T05:00:00.000Z',
    );
    // Friday 27 November after 07:00, weekdays only → Monday 30 November.
    assert.equal(
      nextDigestSlot(new Date('2026-11-27T06:00:00Z'), kyiv([1, 2, 3, 4, 5])).toISOString(),
      '2026-11-30T05:00:00.000Z',
    );
    // Kyiv moves to UTC+3 on Sunday 29 March 2026: 07:00 is 04:00Z from that day.
    assert.equal(
      nextDigestSlot(new Date('2026-03-28T06:00:00Z'), kyiv()).toISOString(),
      '2026-03-29T04:00:00.000Z',
    );
  });
});

describeEachDialect('automatic digest', (getDatabase) => {
  it('sends what was published since the last send once per slot, nothing when nothing is new, and queues the next slot', async () => {
    const database = getDatabase();
    const { db } = database;
    await writeSiteSettings(db, { timeZone: 'Europe/Kyiv' });
    const settings = createSettingsCache(db, 0);
    const newsletter = await changeNewsletter(
      db,
      (await buildNewsletter(db)).id,
      { digest_enabled: true, digest_time: '07:00', digest_days: [] },
      new Date(),
    );
    await buildSubscribers(db, newsletter.id, ['digest-reader@example.org']);
    // Articles published "now" (real time); the injectable clock puts the slot just after them.
    const first = await buildArticle(database, { title: 'Digest story one' });
    const second = await buildArticle(database, { title: 'Digest story two' });
    let clock = new Date(Date.now() + 1000);
    const slot = nextDigestSlot(clock, kyiv());
    clock = new Date(slot.getTime() + 5000); // the job runs five seconds after its slot
    const deps = { database, settings, now: () => clock };

    // Two workers run the same slot at once: one issue.
    const [a, b] = await Promise.all([
      runDigestSlot(deps, newsletter.id, slot.toISOString()),
      runDigestSlot(deps, newsletter.id, slot.toISOString()),
    ]);
    const outcomes = [a.state, b.state].sort();
    assert.deepEqual(outcomes, ['already_ran', 'sent']);
    const sent = a.state === 'sent' ? a : b;
    assert.ok(sent.state === 'sent');
    assert.equal(sent.articles, 2);
    const issue = await db
      .selectFrom('newsletter_issues')
      .selectAll()
      .where('id', '=', sent.issueId)
      .executeTakeFirstOrThrow();
    assert.equal(issue.status, 'sending');
    assert.equal(issue.content_kind, 'digest');
    assert.deepEqual(JSON.parse(issue.article_ids).sort(), [first.id, second.id].sort());
    const lanes = await db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', 'newsletters.send-issue')
      .where('payload', 'like', `%"issueId":${sent.issueId},%`)
      .execute();
    assert.ok(lanes.length >= 1, 'the send is queued');
    // Run again (a retried job): nothing more.
    assert.equal(
      (await runDigestSlot(deps, newsletter.id, slot.toISOString())).state,
      'already_ran',
    );

    // The next slot is queued at 07:00 the next day, once.
    const next = nextDigestSlot(slot, kyiv()).toISOString();
    const queued = await db
      .selectFrom('jobs')
      .select(['run_at', 'status'])
      .where('idempotency_key', '=', `newsletter-digest:${newsletter.id}:${next}`)
      .execute();
    assert.equal(queued.length, 1);
    assert.equal(queued[0]?.run_at, next);

    // Nothing published since: the next slot sends nothing.
    clock = new Date(Date.parse(next) + 1000);
    assert.equal((await runDigestSlot(deps, newsletter.id, next)).state, 'nothing_new');
    const issues = await db
      .selectFrom('newsletter_issues')
      .select('id')
      .where('newsletter_id', '=', newsletter.id)
      .execute();
    assert.equal(issues.length, 1);

    // A slot that is not on the schedule (the time was changed) does nothing.
    await changeNewsletter(db, newsletter.id, { digest_time: '08:30' }, clock);
    const third = nextDigestSlot(new Date(next), kyiv()).toISOString();
    assert.equal((await runDigestSlot(deps, newsletter.id, third)).state, 'not_a_slot');

    // After a restart every digest has its next slot queued, and only once.
    await scheduleAllDigests(deps);
    await scheduleAllDigests(deps);
    const after = nextDigestSlot(clock, { ...kyiv(), time: '08:30' }).toISOString();
    const afterRestart = await db
      .selectFrom('jobs')
      .select('id')
      .where('idempotency_key', '=', `newsletter-digest:${newsletter.id}:${after}`)
      .execute();
    assert.equal(afterRestart.length, 1);

    // Switched off: no job is queued.
    const off = await changeNewsletter(db, newsletter.id, { digest_enabled: false }, clock);
    assert.equal(await scheduleDigest(db, off, await settings.get(), clock), undefined);
  });
});
