import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { readSiteSettings } from '../platform/settings/site-settings.js';
import { buildTestApp, type TestApp } from '../test-support/test-app.js';
import { buildBulkMessage } from './bulk-message.js';
import { compileIssue } from './issue-render.js';
import { createIssue } from './issue.service.js';
import { loadSigningSecret } from './newsletter-tokens.js';
import { buildNewsletter, buildSubscribers } from './test-fixtures/newsletter-factories.js';

describeEachDialect('List-Unsubscribe mailto intake', (getDatabase) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(getDatabase());
  });
  after(() => t.close());

  const post = (body: string, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/newsletters/unsubscribe-mail${query}`,
      headers: { 'content-type': 'message/rfc822' },
      payload: body,
    });
  const email = (to: string) =>
    [
      'From: Reader <mail-reader@example.org>',
      `To: ${to}`,
      'Subject: unsubscribe',
      'Content-Type: text/plain',
      '',
      'This message was sent by my mail app to unsubscribe.',
      '',
    ].join('\r\n');

  it('unsubscribes the subscriber named by the mailto address of a bulk message, from that newsletter only', async () => {
    const { db } = getDatabase();
    const newsletter = await buildNewsletter(db);
    const other = await buildNewsletter(db);
    const [subscriberId] = await buildSubscribers(db, newsletter.id, ['mail-reader@example.org']);
    await buildSubscribers(db, other.id, ['mail-reader@example.org']);
    const issue = await createIssue(
      db,
      { newsletter_id: newsletter.id, subject: 'Hi', preheader: '', html: '<p>Hi.</p>' },
      new Date(),
    );
    const message = buildBulkMessage({
      row: { id: 1, subscriber_id: subscriberId ?? 0, email: 'mail-reader@example.org', name: '' },
      issue,
      newsletter,
      compiled: await compileIssue(db, {
        issue,
        newsletter,
        settings: await readSiteSettings(db),
        baseUrl: 'https://news.test',
      }),
      secret: await loadSigningSecret(db),
      baseUrl: 'https://news.test',
      mailFrom: 'News <news@news.test>',
    });
    const mailto = /<mailto:([^>]+)>/.exec(message.headers['List-Unsubscribe'] ?? '')?.[1] ?? '';
    assert.match(mailto, /^unsubscribe\+m\.\d+\.\d+\.[\w-]+@news\.test$/);

    // No address with a token, a forged token: refused with a clear answer.
    assert.equal((await post(email('news@news.test'))).statusCode, 422);
    const forged = mailto.replace(/\.([\w-]+)@/, '.AAAAAAAAAAAAAAAAAAAAAA@');
    assert.equal((await post(email(forged))).statusCode, 403);

    const answer = await post(email(mailto));
    assert.equal(answer.statusCode, 200, answer.body);
    assert.deepEqual(answer.json(), {
      unsubscribed: true,
      subscriber_id: subscriberId,
      newsletter_id: newsletter.id,
    });
    const statuses = await db
      .selectFrom('subscriptions')
      .select(['newsletter_id', 'status'])
      .where('subscriber_id', '=', subscriberId ?? 0)
      .orderBy('newsletter_id')
      .execute();
    assert.deepEqual(statuses, [
      { newsletter_id: newsletter.id, status: 'unsubscribed' },
      { newsletter_id: other.id, status: 'active' },
    ]);

    // The envelope recipient an MTA passes (the header may not carry it, e.g. Bcc) works too.
    const again = await post(
      email('undisclosed-recipients:;'),
      `?recipient=${encodeURIComponent(mailto)}`,
    );
    assert.equal(again.statusCode, 200);
  });
});
