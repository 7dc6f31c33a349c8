import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { loadBounceSecret, signBounceBody } from './bounce.routes.js';
import { buildNewsletter, buildSubscribers } from './test-fixtures/newsletter-factories.js';

const dsn = (verpId: number, recipient: string, status: string, action: string) =>
  [
    'From: MAILER-DAEMON@mx.example.org',
    `To: bounces+${verpId}@news.test`,
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered.',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    '--B--',
    '',
  ].join('\r\n');

describeEachDialect('bounce webhook and DSN intake', (getDatabase) => {
  let t: TestApp;
  let secret: string;
  before(async () => {
    t = await buildTestApp(getDatabase());
    secret = await loadBounceSecret(getDatabase().db);
  });
  after(() => t.close());

  const post = (
    url: string,
    body: string,
    contentType: string,
    signature = signBounceBody(secret, body, new Date()),
  ) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': contentType, 'x-masthead-signature': signature },
      payload: body,
    });
  const suppression = (email: string) =>
    getDatabase()
      .db.selectFrom('suppressions')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirst();

  it('refuses unsigned, forged and stale posts', async () => {
    const body = JSON.stringify({ events: [{ type: 'complaint', email: 'x@example.org' }] });
    assert.equal(
      (await post('/api/newsletters/bounces', body, 'application/json', '')).statusCode,
      401,
    );
    assert.equal(
      (
        await post(
          '/api/newsletters/bounces',
          body,
          'application/json',
          signBounceBody('wrong', body, new Date()),
        )
      ).statusCode,
      401,
    );
    assert.equal(
      (
        await post(
          '/api/newsletters/bounces',
          body,
          'application/json',
          signBounceBody(secret, body, new Date(Date.now() - 3600_000)),
        )
      ).statusCode,
      401,
    );
    assert.equal(await suppression('x@example.org'), undefined);
    const admin = await buildToken(getDatabase(), 'admin');
    const read = await t.app.inject({
      url: '/api/admin/newsletter-bounce-secret',
      headers: { authorization: `Bearer ${admin}` },
    });
    assert.equal((read.json() as { secret: string }).secret, secret);
  });

  it('suppresses on a hard bounce, a complaint, and the third soft bounce', async () => {
    const events = (list: object[]) => JSON.stringify({ events: list });
    const answer = await post(
      '/api/newsletters/bounces',
      events([
        { type: 'hard_bounce', email: 'Hard@Example.org', detail: '5.1.1' },
        { type: 'complaint', email: 'angry@example.org' },
      ]),
      'application/json',
    );
    assert.equal(answer.statusCode, 200, answer.body);
    assert.equal((await suppression('hard@example.org'))?.reason, 'hard_bounce');
    assert.equal((await suppression('angry@example.org'))?.reason, 'complaint');
    for (let i = 1; i <= 3; i += 1) {
      await post(
        '/api/newsletters/bounces',
        events([{ type: 'soft_bounce', email: 'full@example.org' }]),
        'application/json',
      );
      assert.equal(
        (await suppression('full@example.org')) !== undefined,
        i === 3,
        `after ${i} soft bounces`,
      );
    }
    const bad = await post(
      '/api/newsletters/bounces',
      events([{ type: 'nope', email: 'a@b.org' }]),
      'application/json',
    );
    assert.equal(bad.statusCode, 422);
  });

  it('reads a DSN and maps its VERP address to the delivery', async () => {
    const { db } = getDatabase();
    const newsletter = await buildNewsletter(db);
    const [subscriberId] = await buildSubscribers(db, newsletter.id, ['gone@example.org']);
    const issue = await db
      .insertInto('newsletter_issues')
      .values({
        newsletter_id: newsletter.id,
        subject: 's',
        content_kind: 'document',
        status: 'sent',
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const delivery = await db
      .insertInto('newsletter_deliveries')
      .values({
        issue_id: issue.id,
        subscriber_id: subscriberId ?? 0,
        email: 'gone@example.org',
        status: 'sent',
        next_attempt_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const answer = await post(
      '/api/newsletters/dsn',
      dsn(delivery.id, 'gone@example.org', '5.1.1', 'failed'),
      'message/rfc822',
    );
    assert.equal(answer.statusCode, 200, answer.body);
    assert.deepEqual(answer.json(), {
      accepted: true,
      kind: 'hard',
      email: 'gone@example.org',
      delivery_id: delivery.id,
      suppressed: true,
    });
    assert.equal((await suppression('gone@example.org'))?.reason, 'hard_bounce');
    const event = await db
      .selectFrom('bounce_events')
      .selectAll()
      .where('delivery_id', '=', delivery.id)
      .executeTakeFirst();
    assert.equal(event?.kind, 'hard');
    const delayed = await post(
      '/api/newsletters/dsn',
      dsn(delivery.id, 'slow@example.org', '4.4.1', 'delayed'),
      'message/rfc822',
    );
    assert.equal((delayed.json() as { kind: string }).kind, 'soft');
  });
});
