import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Executor } from '../platform/db/database.js';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { startWorker } from '../platform/jobs/worker.js';
import { createLogger } from '../platform/logger.js';
import {
  buildMember,
  buildPayment,
  buildSubscription,
} from './admin/test-fixtures/revenue-factories.js';
import { revenueHousekeepingJob, scheduleRevenueHousekeeping } from './housekeeping.job.js';
import { runRevenueHousekeeping } from './housekeeping.service.js';

const hourMs = 3600 * 1000;
const dayMs = 24 * hourMs;
const now = new Date('2030-03-10T12:00:00.000Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const later = (ms: number) => new Date(now.getTime() + ms).toISOString();

let counter = 0;
function buildCheckout(
  executor: Executor,
  fields: { created_at: string; status?: 'open' | 'complete'; email?: string; member_id?: number },
) {
  counter += 1;
  return executor
    .insertInto('checkouts')
    .values({
      id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
      provider: 'sandbox',
      provider_session_id: null,
      member_id: fields.member_id ?? null,
      email: fields.email ?? '',
      kind: 'donation',
      interval: null,
      amount: 500,
      currency: 'USD',
      article_id: null,
      status: fields.status ?? 'open',
      created_at: fields.created_at,
      completed_at: fields.status === 'complete' ? fields.created_at : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

function buildToken(
  executor: Executor,
  memberId: number,
  fields: { expires_at: string; used_at?: string },
) {
  counter += 1;
  return executor
    .insertInto('member_sign_in_tokens')
    .values({
      member_id: memberId,
      token_hash: `token-${counter}`,
      created_at: ago(3 * dayMs),
      expires_at: fields.expires_at,
      used_at: fields.used_at ?? null,
    })
    .returning('token_hash')
    .executeTakeFirstOrThrow();
}

function buildSession(executor: Executor, memberId: number, expiresAt: string) {
  counter += 1;
  return executor
    .insertInto('member_sessions')
    .values({
      member_id: memberId,
      token_hash: `session-${counter}`,
      created_at: ago(30 * dayMs),
      expires_at: expiresAt,
      last_seen_at: ago(dayMs),
    })
    .returning('token_hash')
    .executeTakeFirstOrThrow();
}

/** An account made by a sign-in request: no provider customer, never signed in. */
const unconfirmed = (executor: Executor, createdAt: string) =>
  buildMember(executor, {
    created_at: createdAt,
    updated_at: createdAt,
    provider: null,
    provider_customer_id: null,
    last_sign_in_at: null,
  });

describeEachDialect('reader revenue housekeeping', (getDatabase) => {
  const run = () => runRevenueHousekeeping({ database: getDatabase(), now: () => now });

  it('deletes sign-in links expired or used over a day ago and expired sessions only', async () => {
    const { db } = getDatabase();
    const member = await buildMember(db, { last_sign_in_at: ago(dayMs) });
    const expiredLong = await buildToken(db, member.id, { expires_at: ago(dayMs + hourMs) });
    const usedLong = await buildToken(db, member.id, {
      expires_at: later(hourMs),
      used_at: ago(2 * dayMs),
    });
    const expiredRecently = await buildToken(db, member.id, { expires_at: ago(hourMs) });
    const usedRecently = await buildToken(db, member.id, {
      expires_at: ago(hourMs),
      used_at: ago(2 * hourMs),
    });
    const fresh = await buildToken(db, member.id, { expires_at: later(10 * 60_000) });
    const expiredSession = await buildSession(db, member.id, ago(60_000));
    const liveSession = await buildSession(db, member.id, later(dayMs));

    const result = await run();
    assert.equal(result.signInTokensDeleted, 2);
    assert.equal(result.sessionsDeleted, 1);
    const tokens = await db.selectFrom('member_sign_in_tokens').select('token_hash').execute();
    assert.deepEqual(
      tokens.map((row) => row.token_hash).sort(),
      [expiredRecently, usedRecently, fresh].map((row) => row.token_hash).sort(),
    );
    assert.ok(
      !tokens.some((row) => [expiredLong, usedLong].some((t) => t.token_hash === row.token_hash)),
    );
    const sessions = await db.selectFrom('member_sessions').select('token_hash').execute();
    assert.deepEqual(sessions, [liveSession]);
    assert.notDeepEqual(sessions, [expiredSession]);
  });

  it('deletes week-old unconfirmed accounts, never one with money history', async () => {
    const { db } = getDatabase();
    const old = ago(8 * dayMs);
    const abandoned = await unconfirmed(db, old);
    await buildToken(db, abandoned.id, { expires_at: ago(8 * dayMs - hourMs) });
    const sixDays = await unconfirmed(db, ago(6 * dayMs));
    const confirmed = await buildMember(db, {
      created_at: old,
      provider_customer_id: null,
      last_sign_in_at: ago(7 * dayMs),
    });
    const payer = await unconfirmed(db, old);
    await buildPayment(db, payer.id, { paid_at: old });
    const subscriber = await unconfirmed(db, old);
    await buildSubscription(db, subscriber.id, { status: 'incomplete', created_at: old });
    const checkedOutByEmail = await unconfirmed(db, old);
    await buildCheckout(db, { created_at: ago(3 * dayMs), email: checkedOutByEmail.email });
    const checkedOutAsMember = await unconfirmed(db, old);
    await buildCheckout(db, {
      created_at: ago(3 * dayMs),
      status: 'complete',
      member_id: checkedOutAsMember.id,
    });
    // A payment event made this one (the provider knows the customer), never a sign-in request.
    const customer = await buildMember(db, { created_at: old, last_sign_in_at: null });

    const result = await run();
    assert.equal(result.membersDeleted, 1);
    const left = new Set(
      (await db.selectFrom('members').select('id').execute()).map((row) => row.id),
    );
    assert.ok(!left.has(abandoned.id), 'the abandoned account is deleted');
    for (const [label, kept] of Object.entries({
      sixDays,
      confirmed,
      payer,
      subscriber,
      checkedOutByEmail,
      checkedOutAsMember,
      customer,
    }))
      assert.ok(left.has(kept.id), `${label} stays`);
    const orphanTokens = await db
      .selectFrom('member_sign_in_tokens')
      .select('id')
      .where('member_id', '=', abandoned.id)
      .execute();
    assert.deepEqual(orphanTokens, [], 'its sign-in links go with it');
    const payments = await db
      .selectFrom('payments')
      .select('id')
      .where('member_id', '=', payer.id)
      .execute();
    assert.equal(payments.length, 1, 'the payment is untouched');
  });

  it('marks checkouts open for over 24 hours expired and leaves the rest', async () => {
    const { db } = getDatabase();
    const stale = await buildCheckout(db, { created_at: ago(dayMs + 60_000) });
    const recent = await buildCheckout(db, { created_at: ago(dayMs - 60_000) });
    const paid = await buildCheckout(db, { created_at: ago(3 * dayMs), status: 'complete' });

    const result = await run();
    assert.equal(result.checkoutsExpired, 1);
    const status = async (id: string) =>
      (
        await db
          .selectFrom('checkouts')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    assert.equal(await status(stale.id), 'expired');
    assert.equal(await status(recent.id), 'open');
    assert.equal(await status(paid.id), 'complete');
    assert.equal((await run()).checkoutsExpired, 0, 'a second run changes nothing');
  });

  it('runs as a daily job that schedules the next day once', async () => {
    const database = getDatabase();
    await scheduleRevenueHousekeeping(database.db, now);
    await scheduleRevenueHousekeeping(database.db, new Date(now.getTime() + hourMs));
    const queued = () =>
      database.db
        .selectFrom('jobs')
        .select(['run_at', 'idempotency_key', 'status'])
        .where('name', '=', revenueHousekeepingJob.name)
        .orderBy('run_at')
        .execute();
    assert.equal((await queued()).length, 1, 'one run per day');

    const worker = startWorker({
      database,
      definitions: [revenueHousekeepingJob],
      deps: { database, now: () => now },
      logger: createLogger('silent'),
      now: () => now,
      autoStart: false,
    });
    assert.equal(await worker.runOnce(), 1);
    await worker.stop();
    const jobs = await queued();
    assert.deepEqual(
      jobs.map((job) => [job.status, job.idempotency_key]),
      [
        ['done', 'revenue-housekeeping:2030-03-10'],
        ['queued', 'revenue-housekeeping:2030-03-11'],
      ],
    );
    assert.equal(jobs[1]?.run_at, later(dayMs));
  });
});
