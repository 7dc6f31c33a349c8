import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { type SignedIn, signInNewUser } from '../../admin/test-fixtures/admin-client.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { buildArticle, buildTestApp, type TestApp } from '../../test-support/test-app.js';

// The prompts in the article's slots and the /support/ page, rendered by the real app over a
// real database; settings changed through the admin API as an editor would.

const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)>"'&`;
const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1}.</p>`).join('');

/** The paragraph number right before the inline prompt. */
function paragraphBeforeInline(page: string): number | undefined {
  const at = page.indexOf('data-support-prompt="inline"');
  if (at === -1) return undefined;
  const before = page.slice(0, at).match(/Paragraph (\d)\.<\/p>/g);
  return before ? Number(/\d/.exec(before.at(-1) ?? '')?.[0]) : undefined;
}

describeEachDialect('support prompts on pages', (getDatabase) => {
  let t: TestApp;
  let admin: SignedIn;
  let path = '';
  let articleId = 0;
  before(async () => {
    t = await buildTestApp(getDatabase());
    admin = await signInNewUser(t, getDatabase(), 'admin');
    const created = await buildArticle(getDatabase(), { title: 'A long story', html: paragraphs });
    articleId = created.id;
    path = `/${created.slug}/`;
  });
  after(() => t.close());

  const put = (what: 'offers' | 'prompts', body: unknown) =>
    t.app.inject({
      method: 'PUT',
      url: `/api/admin/revenue/${what}`,
      headers: { ...admin.headers, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  const page = async (url: string) => {
    const response = await t.app.inject(url);
    assert.equal(response.statusCode, 200, response.body);
    return response.body;
  };

  it('puts the inline prompt after paragraph 3 by default, the after-body prompt with $1 and card marks', async () => {
    const body = await page(path);
    assert.equal(paragraphBeforeInline(body), 3);
    assert.match(
      body,
      /<aside class="support-prompt support-prompt--inline"[^>]*aria-labelledby="support-inline-title">/,
    );
    assert.match(body, /Support independent journalism<\/h2>\s*<p>Join us in this fight\.<\/p>/);
    assert.match(
      body,
      new RegExp(
        `href="/support/\\?prompt=inline&amp;article_id=${articleId}&amp;page=%2F[^"]+#membership">Become a member</a>`,
      ),
    );
    assert.match(body, /#donate">Support us just once<\/a>/);
    assert.match(body, /Freedom can be costly<\/h2>/);
    assert.match(body, /Support us for as little as \$1, and it only takes a minute\./);
    for (const brand of ['Visa', 'Mastercard', 'American Express'])
      assert.match(body, new RegExp(`<svg class="card-mark" role="img" aria-label="${brand}"`));
    assert.match(
      body,
      /<form class="support-form support-form--compact" method="post" action="\/support\/checkout"/,
    );
    assert.match(body, new RegExp(`name="article_id" value="${articleId}"`));
    assert.match(body, /name="prompt" value="after-body"/);
    assert.match(body, /<input type="radio" name="amount" value="5"> <span>\$5<\/span>/);
    assert.match(body, /inputmode="decimal"/);
    assert.match(
      body,
      /<script src="\/support\/gate\.[0-9a-f]{10}\.js" data-caps="\{&quot;d&quot;:7,[^"]*"><\/script>/,
      'the early gate, blocking (no defer), before the prompts',
    );
    assert.match(body, /<script src="\/support\/prompts\.[0-9a-f]{10}\.js" defer><\/script>/);
    assert.doesNotMatch(body, /data-support-prompt="banner"/, 'the banner is off by default');
  });

  it('takes paragraph N from the settings, purging cached pages', async () => {
    await page(path);
    const changed = await put('prompts', { inline: { afterParagraph: 5 } });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.ok(t.purged.includes('all'));
    assert.equal(paragraphBeforeInline(await page(path)), 5);
    await put('prompts', { inline: { afterParagraph: 2, maxViewsPerWeek: 4 } });
    const body = await page(path);
    assert.equal(paragraphBeforeInline(body), 2);
    assert.match(body, /&quot;inline&quot;:4/, 'the cap reaches the gate');
    await put('prompts', { inline: { enabled: false } });
    assert.equal(paragraphBeforeInline(await page(path)), undefined);
    await put('prompts', { inline: { enabled: true } });
  });

  it('shows the minimum from the offers in their currency (EUR → €1)', async () => {
    const changed = await put('offers', {
      currency: 'EUR',
      donation: { minimum: 100, presets: [300, 1250] },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const body = await page(path);
    assert.match(body, /Support us for as little as €1, and it only takes a minute\./);
    assert.match(body, /value="12\.50"> <span>€12\.50<\/span>/);
    await put('offers', { currency: 'USD', donation: { minimum: 200 } });
    assert.match(await page(path), /as little as \$2,/);
    await put('offers', { currency: 'USD' });
  });

  it('escapes hostile prompt texts and shows the banner with a dismiss button when enabled', async () => {
    const changed = await put('prompts', {
      inline: { heading: hostile, text: `Give {minimum} ${hostile}` },
      afterBody: { donateLabel: '<b>"Give"</b>' },
      banner: { enabled: true, text: hostile, dismissDays: 3 },
    });
    assert.equal(changed.statusCode, 200, changed.body);
    for (const url of [path, '/']) {
      const body = await page(url);
      assert.ok(!body.includes('<script>alert'), `no script from the settings on ${url}`);
      assert.ok(!body.includes('<img src=x'), `no markup from the settings on ${url}`);
      assert.ok(body.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
      assert.match(
        body,
        /<aside class="support-banner" data-support-prompt="banner" aria-label="Support our newsroom">/,
      );
      assert.match(
        body,
        /<button type="button" class="support-banner__dismiss" data-support-dismiss hidden>Dismiss<\/button>/,
      );
      assert.match(body, /&quot;d&quot;:3/);
    }
    assert.match(await page(path), /Give \$1 &lt;script&gt;/);
    assert.doesNotMatch(
      await page('/support/'),
      /data-support-prompt="banner"/,
      'no banner on the support page',
    );
    await put('prompts', { inline: {}, afterBody: {}, banner: {} });
  });

  it('renders the same bytes for every reader, whatever their cookies', async () => {
    const plain = await page(path);
    const member = await t.app.inject({ url: path, headers: { cookie: 'masthead_member=paying' } });
    assert.equal(member.body, plain);
  });

  it('speaks Ukrainian on a Ukrainian article', async () => {
    const created = await buildArticle(getDatabase(), {
      title: 'Стаття',
      html: paragraphs,
      language: 'uk',
    });
    const body = await page(`/${created.slug}/`);
    assert.ok(body.includes('Підтримайте незалежну журналістику'));
    assert.ok(/Підтримайте нас від 1\sUSD/.test(body), 'Intl formats the minimum for uk');
  });

  it('/support/ lists every enabled offer with formatted prices, and the canceled note', async () => {
    const body = await page('/support/');
    assert.match(body, /<h1 class="support-page__title">Support our journalism<\/h1>/);
    assert.match(body, /<section class="support-offer" id="membership"/);
    assert.match(body, /<section class="support-offer" id="donate"/);
    assert.match(body, /<section class="support-offer" id="monthly"/);
    for (const price of ['$5 a month', '$50 a year', '$15 a month', '$150 a year'])
      assert.ok(body.includes(price), price);
    assert.match(body, /name="tier" value="member"/);
    assert.match(body, /name="kind" value="recurring_donation"/);
    assert.match(body, /<label for="donate-amount">Other amount \(USD\)<\/label>/);
    assert.match(body, /From \$1 to \$10,000\./);
    assert.match(body, /Add the card processing fee \(2\.9% \+ \$0\.30\)/);
    assert.match(body, /<input type="email" id="donate-email" name="email" autocomplete="email"/);
    assert.match(body, /data-error-for="amount" aria-live="polite"/);
    assert.doesNotMatch(body, /No payment was taken/);
    assert.match(
      await page('/support/?canceled=1'),
      /<p class="support-note" role="status">No payment was taken\./,
    );
    const attributed = await page('/support/?prompt=inline&article_id=7&page=%2Fa-story%2F');
    assert.match(attributed, /name="prompt" value="inline"/);
    assert.match(attributed, /name="article_id" value="7"/);
    assert.match(attributed, /name="page" value="\/a-story\/"/);
    const forged = await page(`/support/?prompt=${encodeURIComponent(hostile)}&page=//evil.test/`);
    assert.match(forged, /name="prompt" value="support-page"/);
    assert.doesNotMatch(forged, /evil\.test/);

    await put('offers', {
      tiers: [{ id: 'friend', name: 'Friend', monthly: 300, yearly: 3000, enabled: true }],
      recurringDonation: { enabled: false },
    });
    const changed = await page('/support/');
    assert.ok(changed.includes('$3 a month') && changed.includes('Friend'));
    assert.ok(!changed.includes('Patron'), 'removed tiers are gone');
    assert.doesNotMatch(changed, /id="monthly"/, 'a disabled offer is not shown');
    const response = await t.app.inject('/support/');
    assert.match(String(response.headers['cache-control']), /^public/);
  });

  it('serves the prompt script with immutable caching', async () => {
    const body = await page(path);
    const src = /<script src="(\/support\/prompts\.[0-9a-f]{10}\.js)"/.exec(body)?.[1] ?? '';
    const script = await t.app.inject(src);
    assert.equal(script.statusCode, 200);
    assert.match(String(script.headers['cache-control']), /immutable/);
    assert.match(script.body, /masthead_support/);
    const gate = /<script src="(\/support\/gate\.[0-9a-f]{10}\.js)"/.exec(body)?.[1] ?? '';
    const gateAnswer = await t.app.inject(gate);
    assert.equal(gateAnswer.statusCode, 200);
    assert.match(String(gateAnswer.headers['cache-control']), /immutable/);
    assert.match(gateAnswer.body, /masthead_member=paying/);
    assert.equal((await t.app.inject('/support/prompts.0000000000.js')).statusCode, 404);
  });
  it('keeps the article (with every prompt) and /support/ valid HTML', async () => {
    await put('prompts', { banner: { enabled: true } });
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'long-title': 'off' },
    });
    for (const url of [path, '/support/?canceled=1']) {
      const report = await validator.validateString(await page(url));
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
      );
      assert.deepEqual(messages, [], `html-validate on ${url}`);
    }
    await put('prompts', { banner: { enabled: false } });
  });
});
