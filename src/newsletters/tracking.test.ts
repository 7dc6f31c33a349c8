import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { simpleParser } from 'mailparser';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { createLogger } from '../platform/logger.js';
import { createSettingsCache } from '../platform/settings/site-settings.js';
import { buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { createSmtpBulkTransport } from './bulk-transport.js';
import { createIssue, startSend } from './issue.service.js';
import type { NewsletterRow } from './newsletter.table.js';
import { createClickToken, createOpenToken, loadSigningSecret } from './newsletter-tokens.js';
import { runSendLane } from './send-engine.js';
import { startBehavingSink, type BehavingSink } from './test-fixtures/behaving-smtp-sink.js';
import { buildNewsletter, buildSubscribers } from './test-fixtures/newsletter-factories.js';

const baseUrl = 'http://news.test';
const external = 'https://example.org/report?a=1&b=2';

describeEachDialect('newsletter click and open tracking', (getDatabase) => {
  let sink: BehavingSink;
  let t: TestApp;
  let token: string;
  before(async () => {
    sink = await startBehavingSink({ keepRaw: true });
    t = await buildTestApp(getDatabase(), { baseUrl });
    token = await buildToken(getDatabase(), 'editor');
  });
  after(async () => {
    await t.close();
    await sink.close();
  });

  /** Sends an issue with three links to the given readers; returns the issue and their mail. */
  async function sendIssue(newsletter: NewsletterRow, emails: string[]) {
    const { db } = getDatabase();
    await buildSubscribers(db, newsletter.id, emails);
    const issue = await createIssue(
      db,
      {
        newsletter_id: newsletter.id,
        subject: 'Tracked',
        preheader: '',
        html: `<p><a href="${external.replace('&', '&amp;')}">The report</a> and <a href="/a-story/">a story</a>.</p><p><a href="${baseUrl}/newsletters/preferences?token=pasted">Pasted preferences</a></p>`,
      },
      new Date(),
    );
    await startSend(db, issue.id, { now: new Date() });
    const transport = createSmtpBulkTransport(sink.url, { maxConnections: 1 });
    const deps = {
      database: getDatabase(),
      config: { baseUrl, mailFrom: 'News <news@news.test>' },
      settings: createSettingsCache(db, 0),
      logger: createLogger('silent'),
      now: () => new Date(),
      transport,
    };
    try {
      for (let round = 0; round < 10; round += 1)
        if ((await runSendLane(deps, issue.id)).state === 'finished') break;
    } finally {
      await transport.close();
    }
    const mail = await Promise.all(
      emails.map(async (email) => simpleParser(sink.raw.get(email) ?? '')),
    );
    return { issue, mail };
  }

  const clickLinks = (text: string) =>
    [...text.matchAll(/http:\/\/news\.test\/newsletters\/c\/([\w.-]+)/g)].map((m) => m[1] ?? '');

  async function stats(issueId: number) {
    const answer = await t.app.inject({
      method: 'GET',
      url: `/api/admin/newsletter-issues/${issueId}/stats`,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(answer.statusCode, 200, answer.body);
    return answer.json() as {
      delivered: number;
      unsubscribed: number;
      clicks: {
        unique: number;
        total: number;
        readers: number;
        top_links: Array<{ url: string; unique: number; total: number }>;
      };
      opens: number | null;
      tracking: { clicks: boolean; opens: boolean };
    };
  }

  it('rewrites links per reader, redirects only to stored URLs and counts unique and total clicks', async () => {
    const { db } = getDatabase();
    const newsletter = await buildNewsletter(db, { track_clicks: true });
    const { issue, mail } = await sendIssue(newsletter, [
      'click-a@example.org',
      'click-b@example.org',
    ]);
    const [a, b] = mail;
    assert.ok(a && b);
    const htmlA = String(a.html);
    const linksA = clickLinks(htmlA);
    // The report, the story and the site's name in the header; the pasted preferences link and
    // the footer's management links are left alone.
    assert.equal(new Set(linksA).size, 3, htmlA);
    assert.deepEqual(new Set(clickLinks(a.text ?? '')), new Set(linksA), 'text part too');
    assert.ok(htmlA.includes(`${baseUrl}/newsletters/preferences?token=pasted`));
    assert.match(htmlA, /href="http:\/\/news\.test\/newsletters\/unsubscribe\?token=m\./);
    assert.match(htmlA, /href="http:\/\/news\.test\/newsletters\/preferences\?token=m\./);
    assert.ok(!htmlA.includes(external.replace('&', '&amp;')), 'the report link is tracked');
    assert.doesNotMatch(htmlA, /newsletters\/o\//, 'no opens pixel by default');
    const linksB = clickLinks(String(b.html));
    assert.notDeepEqual(new Set(linksB), new Set(linksA), 'each reader has own tokens');

    const click = (tokenText: string, query = '') =>
      t.app.inject({ method: 'GET', url: `/newsletters/c/${tokenText}${query}` });
    const targets = new Map<string, string>();
    for (const link of linksA) {
      const answer = await click(link, '?url=https://evil.example/');
      assert.equal(answer.statusCode, 302);
      assert.match(String(answer.headers['cache-control']), /no-store/);
      targets.set(link, String(answer.headers.location));
    }
    assert.deepEqual(
      new Set(targets.values()),
      new Set([external, `${baseUrl}/a-story/`, `${baseUrl}/`]),
    );
    const reportA = [...targets].find(([, url]) => url === external)?.[0] ?? '';
    await click(reportA);
    await click(reportA);
    const reportB = (
      await Promise.all(
        linksB.map(async (l) => ({ l, to: (await click(l)).headers.location as string })),
      )
    ).find((x) => x.to === external)?.l;
    assert.ok(reportB);

    const s = await stats(issue.id);
    assert.equal(s.delivered, 2);
    assert.deepEqual(s.tracking, { clicks: true, opens: false });
    // Reader A: 3 links once + the report twice more; reader B: 3 links once.
    assert.deepEqual(
      { total: s.clicks.total, unique: s.clicks.unique, readers: s.clicks.readers },
      { total: 8, unique: 6, readers: 2 },
    );
    assert.deepEqual(s.clicks.top_links[0], { url: external, unique: 2, total: 4 });
    assert.equal(s.opens, null);

    // Tampered and foreign tokens: a 404 page, nothing recorded, never a redirect.
    const secret = await loadSigningSecret(db);
    const [, , deliveryId, linkId] = reportA.split('.').map(Number);
    const otherIssue = await createIssue(
      db,
      { newsletter_id: newsletter.id, subject: 'Other', preheader: '', html: '<p>x</p>' },
      new Date(),
    );
    for (const bad of [
      reportA.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      createClickToken('not-the-secret-not-the-secret', {
        issueId: issue.id,
        deliveryId: deliveryId ?? 0,
        linkId: linkId ?? 0,
      }),
      // Validly signed, but the link belongs to another issue: no stored URL for this pair.
      createClickToken(secret, {
        issueId: otherIssue.id,
        deliveryId: deliveryId ?? 0,
        linkId: linkId ?? 0,
      }),
      createClickToken(secret, { issueId: issue.id, deliveryId: 1, linkId: 999_999 }),
      'https%3A%2F%2Fevil.example%2F',
    ]) {
      const answer = await click(bad);
      assert.equal(answer.statusCode, 404, bad);
      assert.equal(answer.headers.location, undefined);
      assert.match(answer.body, /not valid/);
    }
    assert.equal((await stats(issue.id)).clicks.total, 8);

    // A test copy (delivery 0) redirects but counts nothing.
    const test = await click(
      createClickToken(secret, { issueId: issue.id, deliveryId: 0, linkId: linkId ?? 0 }),
    );
    assert.equal(test.statusCode, 302);
    assert.equal(test.headers.location, external);
    assert.equal((await stats(issue.id)).clicks.total, 8);
  });

  it('adds the opens pixel only when the newsletter turns it on, and counts one open per delivery', async () => {
    const { db } = getDatabase();
    const secret = await loadSigningSecret(db);
    const quiet = await buildNewsletter(db);
    const sentQuiet = await sendIssue(quiet, ['quiet-a@example.org']);
    assert.doesNotMatch(String(sentQuiet.mail[0]?.html), /newsletters\/(o|c)\//);
    const quietDelivery = await db
      .selectFrom('newsletter_deliveries')
      .select('id')
      .where('issue_id', '=', sentQuiet.issue.id)
      .executeTakeFirstOrThrow();
    // Even a validly signed opens token records nothing while opens are off.
    const pixel = await t.app.inject({
      method: 'GET',
      url: `/newsletters/o/${createOpenToken(secret, sentQuiet.issue.id, quietDelivery.id)}`,
    });
    assert.equal(pixel.statusCode, 200);
    assert.equal(pixel.headers['content-type'], 'image/gif');
    assert.equal((await stats(sentQuiet.issue.id)).opens, null);

    const open = await buildNewsletter(db, { track_opens: true });
    const sent = await sendIssue(open, ['open-a@example.org', 'open-b@example.org']);
    const src = /src="(http:\/\/news\.test\/newsletters\/o\/[^"]+)"/.exec(
      String(sent.mail[0]?.html),
    )?.[1];
    assert.ok(src, 'the pixel is in the HTML');
    assert.doesNotMatch(sent.mail[0]?.text ?? '', /newsletters\/o\//);
    assert.doesNotMatch(String(sent.mail[0]?.html), /newsletters\/c\//, 'clicks stay off');
    const pixelPath: string = src.replace(baseUrl, '');
    for (let i = 0; i < 3; i += 1) {
      const answer = await t.app.inject({ method: 'GET', url: pixelPath });
      assert.equal(answer.statusCode, 200);
      assert.match(String(answer.headers['cache-control']), /no-store/);
    }
    const s = await stats(sent.issue.id);
    assert.equal(s.opens, 1);
    assert.deepEqual(s.tracking, { clicks: false, opens: true });
  });

  it('reports unsubscribes after an issue', async () => {
    const { db } = getDatabase();
    const newsletter = await buildNewsletter(db);
    const { issue, mail } = await sendIssue(newsletter, [
      'leave-a@example.org',
      'leave-b@example.org',
    ]);
    const unsubscribe = /href="http:\/\/news\.test(\/newsletters\/unsubscribe\?token=[^"]+)"/.exec(
      String(mail[0]?.html),
    )?.[1];
    assert.ok(unsubscribe);
    const answer = await t.app.inject({
      method: 'POST',
      url: unsubscribe,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(answer.statusCode, 200);
    const s = await stats(issue.id);
    assert.equal(s.delivered, 2);
    assert.equal(s.unsubscribed, 1);
  });
});
