import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { subscriberGrowth } from './newsletter-stats.service.js';
import {
  setSubscriptionStatus,
  suppressAddress,
  upsertSubscriber,
} from './subscriber.repository.js';
import { buildNewsletter } from './test-fixtures/newsletter-factories.js';

describeEachDialect('newsletter subscriber growth and churn', (getDatabase) => {
  it('counts confirmations, unsubscribes and suppressions per day and per ISO week', async () => {
    const { db } = getDatabase();
    const daily = await buildNewsletter(db);
    const other = await buildNewsletter(db);
    const reader = async (email: string, newsletterId: number, confirmedAt: string) => {
      const s = await upsertSubscriber(db, email, '', confirmedAt);
      await setSubscriptionStatus(db, s.id, newsletterId, 'active', confirmedAt);
      return s;
    };
    // Monday 2026-11-02 … Sunday 2026-11-08 is one ISO week; 2026-11-09 starts the next.
    await reader('g1@example.org', daily.id, '2026-11-02T08:00:00.000Z');
    await reader('g2@example.org', daily.id, '2026-11-02T23:59:00.000Z');
    const leaving = await reader('g3@example.org', daily.id, '2026-11-04T10:00:00.000Z');
    await reader('g4@example.org', daily.id, '2026-11-09T10:00:00.000Z');
    await reader('g5@example.org', other.id, '2026-11-02T09:00:00.000Z');
    const bouncing = await reader('g6@example.org', daily.id, '2026-11-03T09:00:00.000Z');
    await reader('g6@example.org', other.id, '2026-11-03T09:00:00.000Z');
    // Still pending: not a confirmed subscription.
    const pending = await upsertSubscriber(db, 'g7@example.org', '', '2026-11-03T09:00:00.000Z');
    await setSubscriptionStatus(db, pending.id, daily.id, 'pending', '2026-11-03T09:00:00.000Z');

    await setSubscriptionStatus(
      db,
      leaving.id,
      daily.id,
      'unsubscribed',
      '2026-11-09T12:00:00.000Z',
    );
    await suppressAddress(db, bouncing.email, 'hard_bounce', 'test', '2026-11-05T12:00:00.000Z');
    // An "unsubscribed from all" suppression is already counted as an unsubscribe.
    await suppressAddress(db, 'g1@example.org', 'unsubscribed', 'test', '2026-11-05T12:00:00.000Z');

    const from = new Date('2026-11-02T00:00:00Z');
    const to = new Date('2026-11-10T00:00:00Z');
    const days = await subscriberGrowth(db, { newsletterId: daily.id, from, to, bucket: 'day' });
    assert.equal(days.length, 8);
    const byDay = Object.fromEntries(
      days.map((p) => [p.period, [p.subscribed, p.unsubscribed, p.suppressed]]),
    );
    assert.deepEqual(byDay, {
      '2026-11-02': [2, 0, 0],
      '2026-11-03': [1, 0, 0],
      '2026-11-04': [1, 0, 0],
      '2026-11-05': [0, 0, 1],
      '2026-11-06': [0, 0, 0],
      '2026-11-07': [0, 0, 0],
      '2026-11-08': [0, 0, 0],
      '2026-11-09': [1, 1, 0],
    });

    const weeks = await subscriberGrowth(db, { newsletterId: daily.id, from, to, bucket: 'week' });
    assert.deepEqual(weeks, [
      { period: '2026-11-02', subscribed: 4, unsubscribed: 0, suppressed: 1 },
      { period: '2026-11-09', subscribed: 1, unsubscribed: 1, suppressed: 0 },
    ]);

    const all = await subscriberGrowth(db, { from, to, bucket: 'week' });
    assert.deepEqual(all[0], {
      period: '2026-11-02',
      subscribed: 6,
      unsubscribed: 0,
      suppressed: 2,
    });
  });
});
