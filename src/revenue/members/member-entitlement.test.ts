import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { createMailTransport, type MailTransport } from '../../platform/mail/mail-transport.js';
import { startSmtpSink, type SmtpSink } from '../../platform/mail/test-fixtures/smtp-sink.js';
import { buildArticle, buildTestApp, type TestApp } from '../../test-support/test-app.js';
import { findOrCreateMember } from '../member.repository.js';
import { memberEntitlement } from './member-entitlement.js';
import { postForm, signInMember } from './test-fixtures/member-client.js';
import { insertSubscription } from './test-fixtures/subscriptions.js';

describeEachDialect('member entitlement cookie', (getDatabase) => {
  let sink: SmtpSink;
  let mail: MailTransport;
  let t: TestApp;
  before(async () => {
    sink = await startSmtpSink();
    mail = createMailTransport({
      smtpUrl: sink.url,
      dataDir: '/nonexistent',
      mailFrom: 'Masthead <newsroom@news.test>',
    });
    t = await buildTestApp(getDatabase(), { mail });
  });
  after(async () => {
    await t.close();
    await mail.close();
    await sink.close();
  });

  const subscribe = (
    memberId: number,
    kind: 'membership' | 'recurring_donation',
    tier: string,
    status: string,
  ) =>
    insertSubscription(getDatabase().db, memberId, {
      kind,
      tier_id: tier,
      status: status as 'active',
    });

  it('is the member’s class: free, or paying with the tiers of paying memberships only', async () => {
    const db = getDatabase().db;
    const now = new Date().toISOString();
    const free = await findOrCreateMember(db, 'free@example.org', now);
    assert.deepEqual(await memberEntitlement(db, free.id), { kind: 'member', tiers: [] });
    const patron = await findOrCreateMember(db, 'patron@example.org', now);
    await subscribe(patron.id, 'membership', 'patron', 'active');
    await subscribe(patron.id, 'membership', 'member', 'canceled');
    assert.deepEqual(await memberEntitlement(db, patron.id), { kind: 'paid', tiers: ['patron'] });
    const donor = await findOrCreateMember(db, 'donor@example.org', now);
    await subscribe(donor.id, 'recurring_donation', 'member', 'active');
    assert.deepEqual(await memberEntitlement(db, donor.id), { kind: 'paid', tiers: [] });
    const lapsed = await findOrCreateMember(db, 'lapsed@example.org', now);
    await subscribe(lapsed.id, 'membership', 'patron', 'canceled');
    assert.deepEqual(await memberEntitlement(db, lapsed.id), { kind: 'member', tiers: [] });
  });

  it('is set at sign-in (no identity in it), opens a members article, and goes at sign-out', async () => {
    const article = await buildArticle(getDatabase(), {
      html: '<p>One.</p><p>Two.</p><p>Three secret.</p>',
      access_level: 'members',
    });
    const member = await signInMember(t, sink, 'reader@example.org');
    const account = await t.app.inject({ url: '/account/', headers: { cookie: member.cookie } });
    const access = account.cookies.find((c) => c.name === 'masthead_access');
    assert.ok(access, 'the account page renews the entitlement cookie');
    assert.match(access.value, /^v1\.m\.\.\d+\.[A-Za-z0-9_-]{32}$/);
    assert.ok(!access.value.includes('reader'), 'nothing identifying');
    assert.equal(access.httpOnly, true);
    const page = await t.app.inject({
      url: `/${article.slug}/`,
      headers: { cookie: `masthead_access=${access.value}` },
    });
    assert.match(page.body, /Three secret/);
    const csrf = await member.csrf();
    const out = await postForm(t, '/account/sign-out', { csrf }, member.cookie);
    const cleared = out.cookies.find((c) => c.name === 'masthead_access');
    assert.ok(cleared && cleared.value === '', 'sign-out clears it');
  });
});
