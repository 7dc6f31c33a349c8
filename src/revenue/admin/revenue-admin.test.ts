import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import {
  buildNewsletter,
  buildSubscribers,
} from '../../newsletters/test-fixtures/newsletter-factories.js';
import {
  buildArticle,
  buildTestApp,
  buildToken,
  signInAs,
  type TestApp,
} from '../../test-support/test-app.js';
import { buildMember, buildPayment, buildSubscription } from './test-fixtures/revenue-factories.js';

interface MemberRow {
  id: number;
  email: string;
  name: string;
  status: string;
  tier: string;
  since: string;
  lifetime_total: number;
}
interface MemberList {
  total: number;
  page: number;
  page_size: number;
  members: MemberRow[];
}

const hostileName = '=HYPERLINK("http://evil.test","click")';

describeEachDialect('revenue admin API: members list, detail, CSV, roles', (getDatabase) => {
  let t: TestApp;
  let editor: Record<string, string>;
  const ids: Record<string, number> = {};
  let articleTitle = '';

  before(async () => {
    t = await buildTestApp(getDatabase());
    editor = (await signInAs(t, 'editor')).headers;
    const db = getDatabase().db;
    const article = await buildArticle(getDatabase(), { title: 'The river park opens' });
    articleTitle = article.title;

    const alice = await buildMember(db, {
      email: 'alice@example.org',
      name: 'Alice Paying',
      status: 'paying',
      created_at: '2026-01-01T00:00:00.000Z',
    });
    const subscription = await buildSubscription(db, alice.id, {
      tier_id: 'patron',
      amount: 1500,
      current_period_end: '2026-04-01T00:00:00.000Z',
    });
    for (const paidAt of ['2026-01-01T10:00:00.000Z', '2026-02-01T10:00:00.000Z'])
      await buildPayment(db, alice.id, {
        kind: 'membership',
        amount: 1500,
        subscription_id: subscription.id,
        paid_at: paidAt,
        receipt_url: 'https://pay.test/receipt/1',
        article_id: article.id,
        prompt: 'after-body',
      });
    await buildPayment(db, alice.id, {
      amount: 1000,
      amount_refunded: 400,
      fee_amount: 59,
      status: 'partially_refunded',
    });
    await buildPayment(db, alice.id, { amount: 9999, status: 'failed' });
    await buildPayment(db, alice.id, { amount: 5000, currency: 'EUR' });

    const bob = await buildMember(db, {
      email: 'bob@example.org',
      name: 'Bob 100% Sure',
      created_at: '2026-01-02T00:00:00.000Z',
    });
    const carol = await buildMember(db, {
      email: 'carol_x@example.org',
      name: 'Carol 1000',
      status: 'lapsed',
      created_at: '2026-01-03T00:00:00.000Z',
    });
    await buildSubscription(db, carol.id, {
      status: 'canceled',
      canceled_at: '2026-01-20T00:00:00.000Z',
    });
    await buildPayment(db, carol.id, { amount: 500, kind: 'membership' });
    const dave = await buildMember(db, {
      email: 'dave.lax@example.org',
      name: 'Dave',
      created_at: '2026-01-04T00:00:00.000Z',
    });
    const mallory = await buildMember(db, {
      email: 'mallory@example.org',
      name: hostileName,
      created_at: '2026-01-05T00:00:00.000Z',
    });
    Object.assign(ids, { alice: alice.id, bob: bob.id, carol: carol.id, dave: dave.id });
    ids.mallory = mallory.id;

    // The newsletters domain knows Alice's address too.
    const letter = await buildNewsletter(db, { name: 'Morning Brief', slug: 'morning-brief' });
    const [subscriberId] = await buildSubscribers(db, letter.id, ['alice@example.org']);
    await db
      .insertInto('consent_records')
      .values({
        subscriber_id: subscriberId ?? 0,
        action: 'signup',
        newsletter_ids: JSON.stringify([letter.id]),
        consent_text: 'Send me the morning brief.',
        location: '/newsletters/',
        ip: '203.0.113.9',
        user_agent: 'test',
        created_at: '2026-01-01T09:00:00.000Z',
        confirmed_at: '2026-01-01T09:05:00.000Z',
      })
      .execute();
  });
  after(async () => {
    await t.close();
  });

  const list = async (query: string, headers = editor) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/admin/members${query}`,
      headers,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json() as MemberList;
  };
  const emails = (result: MemberList) => result.members.map((m) => m.email);

  it('lists members newest first with tier, since and lifetime total net of refunds', async () => {
    const result = await list('');
    assert.equal(result.total, 5);
    assert.deepEqual(emails(result), [
      'mallory@example.org',
      'dave.lax@example.org',
      'carol_x@example.org',
      'bob@example.org',
      'alice@example.org',
    ]);
    const alice = result.members.find((m) => m.email === 'alice@example.org');
    // 1500 + 1500 + (1000 − 400); the failed payment and the EUR payment do not count.
    assert.deepEqual(
      { tier: alice?.tier, lifetime: alice?.lifetime_total, since: alice?.since },
      { tier: 'Patron', lifetime: 3600, since: '2026-01-01T00:00:00.000Z' },
    );
    assert.equal(result.members.find((m) => m.email === 'carol_x@example.org')?.tier, 'Member');
    assert.equal(result.members.find((m) => m.email === 'bob@example.org')?.tier, '');
  });

  it('filters by status', async () => {
    assert.deepEqual(emails(await list('?status=paying')), ['alice@example.org']);
    assert.deepEqual(emails(await list('?status=lapsed')), ['carol_x@example.org']);
    assert.deepEqual(emails(await list('?status=free&sort=email')), [
      'bob@example.org',
      'dave.lax@example.org',
      'mallory@example.org',
    ]);
  });

  it('searches email and name case-insensitively, taking % and _ literally', async () => {
    assert.deepEqual(emails(await list('?q=ALICE')), ['alice@example.org']);
    assert.deepEqual(emails(await list('?q=100%25')), ['bob@example.org']);
    assert.deepEqual(emails(await list('?q=l_x')), ['carol_x@example.org']);
    assert.deepEqual(emails(await list('?q=%25')), ['bob@example.org']);
    assert.deepEqual(emails(await list('?q=_')), ['carol_x@example.org']);
    assert.equal((await list('?q=nobody-here')).total, 0);
  });

  it('sorts by the allowed keys only', async () => {
    assert.deepEqual(emails(await list('?sort=oldest')).slice(0, 2), [
      'alice@example.org',
      'bob@example.org',
    ]);
    assert.deepEqual(emails(await list('?sort=email')), [
      'alice@example.org',
      'bob@example.org',
      'carol_x@example.org',
      'dave.lax@example.org',
      'mallory@example.org',
    ]);
    assert.deepEqual(emails(await list('?sort=lifetime')).slice(0, 2), [
      'alice@example.org',
      'carol_x@example.org',
    ]);
    assert.equal((await list('?sort=name')).members[0]?.email, 'mallory@example.org');
    for (const bad of ['?sort=password_hash', '?status=rich', '?page=0', '?evil=1']) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/admin/members${bad}`,
        headers: editor,
      });
      assert.equal(response.statusCode, 422, bad);
      assert.ok((response.json() as { fields: object }).fields, bad);
    }
  });

  it('shows a member: subscription, payments with attribution, newsletters and consent', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/admin/members/${ids.alice}`,
      headers: editor,
    });
    assert.equal(response.statusCode, 200, response.body);
    const detail = response.json() as {
      member: { email: string; status: string; tier: string };
      subscriptions: Array<Record<string, unknown>>;
      payments: Array<Record<string, unknown> & { attribution: Record<string, unknown> }>;
      newsletters: {
        subscriptions: Array<{ newsletter: string; status: string; confirmed_at: string | null }>;
        consent: Array<{ consent_text: string; newsletters: string[]; confirmed_at: string }>;
      };
    };
    assert.equal(detail.member.tier, 'Patron');
    assert.deepEqual(detail.subscriptions.length, 1);
    assert.deepEqual(
      {
        tier: detail.subscriptions[0]?.tier,
        amount: detail.subscriptions[0]?.amount,
        interval: detail.subscriptions[0]?.interval,
        status: detail.subscriptions[0]?.status,
        next: detail.subscriptions[0]?.next_payment_at,
        cancel: detail.subscriptions[0]?.cancel_at_period_end,
      },
      {
        tier: 'Patron',
        amount: 1500,
        interval: 'month',
        status: 'active',
        next: '2026-04-01T00:00:00.000Z',
        cancel: false,
      },
    );
    assert.equal(detail.payments.length, 5);
    const membership = detail.payments.find((p) => p.paid_at === '2026-02-01T10:00:00.000Z');
    assert.deepEqual(membership?.attribution, {
      article_id: membership?.attribution.article_id,
      article_title: articleTitle,
      prompt: 'after-body',
      page: '',
    });
    assert.equal(membership?.receipt_url, 'https://pay.test/receipt/1');
    const refunded = detail.payments.find((p) => p.status === 'partially_refunded');
    assert.deepEqual(
      [refunded?.amount, refunded?.fee_amount, refunded?.amount_refunded, refunded?.net_amount],
      [1000, 59, 400, 600],
    );
    assert.deepEqual(detail.newsletters.subscriptions, [
      {
        newsletter: 'morning-brief',
        status: 'active',
        confirmed_at: detail.newsletters.subscriptions[0]?.confirmed_at ?? null,
        unsubscribed_at: null,
      },
    ]);
    assert.equal(detail.newsletters.consent[0]?.consent_text, 'Send me the morning brief.');
    assert.deepEqual(detail.newsletters.consent[0]?.newsletters, ['morning-brief']);

    const bob = await t.app.inject({
      method: 'GET',
      url: `/api/admin/members/${ids.bob}`,
      headers: editor,
    });
    assert.equal((bob.json() as { newsletters: unknown }).newsletters, null);
    for (const url of ['/api/admin/members/999999', '/api/admin/members/abc']) {
      const missing = await t.app.inject({ method: 'GET', url, headers: editor });
      assert.equal(missing.statusCode, 404, url);
    }
  });

  it('exports CSV with the same filters and formula cells escaped', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/admin/members.csv?status=free&sort=email',
      headers: editor,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(String(response.headers['content-disposition']), /members\.csv/);
    const lines = response.body.trimEnd().split('\r\n');
    assert.equal(lines[0], 'email,name,status,tier,since,lifetime_total,currency');
    assert.equal(lines.length, 4);
    assert.equal(
      lines[3],
      `mallory@example.org,"'=HYPERLINK(""http://evil.test"",""click"")",free,,2026-01-05T00:00:00.000Z,0.00,USD`,
    );
    const all = await t.app.inject({
      method: 'GET',
      url: '/api/admin/members.csv?q=alice',
      headers: editor,
    });
    assert.match(
      all.body,
      /\r\nalice@example\.org,Alice Paying,paying,Patron,[^,]+,36\.00,USD\r\n$/,
    );
  });

  it('needs an editor or admin: 401 signed out, 403 for contributors and authors', async () => {
    const urls = [
      '/api/admin/members',
      `/api/admin/members/${ids.alice}`,
      '/api/admin/members.csv',
      '/api/admin/revenue/summary',
    ];
    const contributor = (await signInAs(t, 'contributor')).headers;
    const author = { authorization: `Bearer ${await buildToken(getDatabase(), 'author')}` };
    const admin = { authorization: `Bearer ${await buildToken(getDatabase(), 'admin')}` };
    for (const url of urls) {
      const anonymous = await t.app.inject({ method: 'GET', url });
      assert.equal(anonymous.statusCode, 401, url);
      for (const headers of [contributor, author]) {
        const refused = await t.app.inject({ method: 'GET', url, headers });
        assert.equal(refused.statusCode, 403, url);
        assert.match(refused.body, /editor role/);
      }
      for (const headers of [editor, admin]) {
        const allowed = await t.app.inject({ method: 'GET', url, headers });
        assert.equal(allowed.statusCode, 200, `${url}: ${allowed.body}`);
        assert.equal(allowed.headers['cache-control'], 'no-store');
      }
    }
  });

  it('pages through many members without overlap', async () => {
    const db = getDatabase().db;
    for (let i = 0; i < 52; i += 1)
      await buildMember(db, {
        name: `Bulk ${String(i).padStart(2, '0')}`,
        created_at: `2026-02-01T00:00:${String(i).padStart(2, '0')}.000Z`,
      });
    const first = await list('?q=bulk&sort=name');
    const second = await list('?q=bulk&sort=name&page=2');
    assert.equal(first.total, 52);
    assert.equal(first.members.length, 50);
    assert.deepEqual(
      second.members.map((m) => m.name),
      ['Bulk 50', 'Bulk 51'],
    );
    const seen = new Set([...emails(first), ...emails(second)]);
    assert.equal(seen.size, 52);
    assert.equal((await list('?q=bulk&page=3')).members.length, 0);
  });
});
