import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HtmlValidate } from 'html-validate';
import { type SignedIn, signInNewUser } from '../../admin/test-fixtures/admin-client.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { buildArticle, buildTestApp, type TestApp } from '../../test-support/test-app.js';
import { promptSettingsSchema, readPromptSettings } from './prompt-settings.js';
import { readAttribution } from './support.routes.js';

// The soft walls (registration and donation) in the support-prompt system: settings, the
// hidden markup in the cached page, the wording in both languages, and the attribution their
// links carry to the checkout and the reading statistics.

const hostile = `<script>alert("x")</script><img src=x onerror=alert(1)>"'&`;
const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1}.</p>`).join('');

describe('soft wall settings', () => {
  it('are off by default, from the 3rd (registration) and 5th (donation) article', () => {
    const defaults = promptSettingsSchema.parse({});
    assert.equal(defaults.registrationWall.enabled, false);
    assert.equal(defaults.registrationWall.afterArticles, 3);
    assert.equal(defaults.donationWall.enabled, false);
    assert.equal(defaults.donationWall.afterArticles, 5);
    assert.equal(defaults.donationWall.dismissDays, 7);
    assert.equal(defaults.registrationWall.afterParagraph, 2);
    assert.equal(defaults.donationWall.afterParagraph, 2);
    assert.equal(defaults.donationWall.continueLabel, '');
  });

  it('refuse bad values field by field', () => {
    const bad = promptSettingsSchema.safeParse({
      registrationWall: { afterArticles: 0, registerLabel: 'x'.repeat(41), colour: 'red' },
      donationWall: {
        afterArticles: 2.5,
        afterParagraph: 0,
        dismissDays: 400,
        maxViewsPerWeek: -1,
      },
    });
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error?.issues.map((issue) => issue.path.join('.')).sort(), [
      'donationWall.afterArticles',
      'donationWall.afterParagraph',
      'donationWall.dismissDays',
      'donationWall.maxViewsPerWeek',
      'registrationWall',
      'registrationWall.afterArticles',
      'registrationWall.registerLabel',
    ]);
  });

  it('are kept apart from the access wall in the attribution read from /support/ links', () => {
    for (const prompt of ['registration-wall', 'donation-wall', 'wall'])
      assert.equal(readAttribution({ prompt }).prompt, prompt);
    assert.equal(readAttribution({ prompt: 'registration_wall' }).prompt, 'support-page');
  });
});

describeEachDialect('soft walls on pages', (getDatabase) => {
  let t: TestApp;
  let editor: SignedIn;
  let path = '';
  let articleId = 0;
  before(async () => {
    t = await buildTestApp(getDatabase());
    editor = await signInNewUser(t, getDatabase(), 'editor');
    const created = await buildArticle(getDatabase(), { title: 'An open story', html: paragraphs });
    articleId = created.id;
    path = `/${created.slug}/`;
  });
  after(() => t.close());

  const put = (body: unknown) =>
    t.app.inject({
      method: 'PUT',
      url: '/api/admin/revenue/prompts',
      headers: { ...editor.headers, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
  const page = async (url: string) => {
    const response = await t.app.inject(url);
    assert.equal(response.statusCode, 200, response.body);
    return response.body;
  };

  it('puts nothing in the page while the walls are off', async () => {
    const body = await page(path);
    assert.doesNotMatch(body, /registration-wall|donation-wall|\/support\/walls\./);
  });

  it('answers 422 with a message per field and stores nothing on bad wall settings', async () => {
    const answer = await put({
      registrationWall: { enabled: 'yes', afterArticles: 0 },
      donationWall: { dismissDays: 0, continueLabel: 'x'.repeat(41) },
    });
    assert.equal(answer.statusCode, 422);
    const { fields } = answer.json() as { fields: Record<string, string[]> };
    assert.deepEqual(Object.keys(fields).sort(), [
      'donationWall.continueLabel',
      'donationWall.dismissDays',
      'registrationWall.afterArticles',
      'registrationWall.enabled',
    ]);
    assert.equal(fields['registrationWall.afterArticles']?.[0], 'must be at least 1');
    assert.equal(fields['donationWall.continueLabel']?.[0], 'must be at most 40 characters');
    assert.equal((await readPromptSettings(getDatabase().db)).registrationWall.enabled, false);
  });

  it('renders both walls hidden, once, with their caps and attributed links, the same for everyone', async () => {
    const saved = await put({
      registrationWall: { enabled: true, afterArticles: 2, afterParagraph: 3, maxViewsPerWeek: 4 },
      donationWall: { enabled: true, afterArticles: 4, dismissDays: 3 },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const read = (
      await t.app.inject({ url: '/api/admin/revenue/prompts', headers: editor.headers })
    ).json() as {
      defaults: { uk: { registrationWall: { heading: string } } };
    };
    assert.equal(
      read.defaults.uk.registrationWall.heading,
      'Читайте далі: зареєструйтеся безкоштовно',
    );
    const body = await page(path);
    const registration =
      /<section class="support-prompt" data-support-prompt="registration-wall"[^>]*>[^]*?<\/section>/.exec(
        body,
      )?.[0] ?? '';
    const donation =
      /<section class="support-prompt" data-support-prompt="donation-wall"[^>]*>[^]*?<\/section>/.exec(
        body,
      )?.[0] ?? '';
    assert.match(
      registration,
      /data-after-articles="2" data-max-views="4" data-after-paragraph="3" aria-labelledby="support-registration-wall-title" hidden>/,
    );
    assert.match(
      registration,
      /<h2 class="support-prompt__title" id="support-registration-wall-title" tabindex="-1">Keep reading: register for free<\/h2>/,
    );
    const slug = encodeURIComponent(path);
    assert.ok(
      registration.includes(
        `href="/account/sign-in?next=${slug}&amp;prompt=registration-wall&amp;article_id=${articleId}">Register for free</a>`,
      ),
      registration,
    );
    assert.ok(
      registration.includes(`href="/account/sign-in?next=${slug}">Already registered? Sign in</a>`),
    );
    assert.match(donation, /data-after-articles="4" data-max-views="0" data-dismiss-days="3"/);
    assert.match(donation, /as little as \$1\./);
    assert.ok(
      donation.includes(
        `href="/support/?prompt=donation-wall&amp;article_id=${articleId}&amp;page=${slug}#donate">Donate now</a>`,
      ),
    );
    assert.match(donation, /#membership">Become a member<\/a>/);
    assert.match(
      donation,
      /<button type="button" class="support-button" data-wall-continue>Continue reading<\/button>/,
    );
    assert.equal(body.match(/data-support-prompt="registration-wall"/g)?.length, 1);
    assert.match(body, /<script src="\/support\/walls\.[0-9a-f]{10}\.js" defer><\/script>/);
    assert.ok(
      body.indexOf('Paragraph 6.') < body.indexOf('registration-wall'),
      'the whole body is in the page',
    );
    const member = await t.app.inject({ url: path, headers: { cookie: 'masthead_member=free' } });
    assert.equal(member.body, body, 'identical bytes for a member: the browser decides');

    const script = /<script src="(\/support\/walls\.[0-9a-f]{10}\.js)"/.exec(body)?.[1] ?? '';
    const served = await t.app.inject(script);
    assert.equal(served.statusCode, 200);
    assert.match(String(served.headers['cache-control']), /immutable/);
    assert.match(served.body, /masthead_member=/);
  });

  it('never puts a soft wall on a gated article, where the hard wall stands', async () => {
    const gated = await buildArticle(getDatabase(), {
      title: 'For members',
      html: paragraphs,
      access_level: 'members',
    });
    const body = await page(`/${gated.slug}/`);
    assert.match(body, /class="access-wall[ "]/);
    assert.doesNotMatch(body, /registration-wall|donation-wall/);
  });

  it('escapes editors’ texts, shows {minimum}, and speaks Ukrainian on a Ukrainian article', async () => {
    const saved = await put({
      registrationWall: { enabled: true, heading: hostile, signInLabel: '<b>In</b>' },
      donationWall: { enabled: true, text: `Give {minimum} ${hostile}`, continueLabel: '"Later"' },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const body = await page(path);
    assert.ok(!body.includes('<script>alert'), 'no script from the settings');
    assert.ok(!body.includes('<img src=x'));
    assert.ok(
      body.includes(
        'id="support-registration-wall-title" tabindex="-1">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
      ),
    );
    assert.ok(body.includes('&lt;b&gt;In&lt;/b&gt;</a>'));
    assert.ok(body.includes('<p>Give $1 &lt;script&gt;'));
    assert.ok(body.includes('data-wall-continue>&quot;Later&quot;</button>'));

    await put({ registrationWall: { enabled: true }, donationWall: { enabled: true } });
    const created = await buildArticle(getDatabase(), {
      title: 'Стаття',
      html: paragraphs,
      language: 'uk',
    });
    const uk = await page(`/${created.slug}/`);
    for (const text of [
      'Читайте далі: зареєструйтеся безкоштовно',
      'Зареєструватися безкоштовно',
      'Уже зареєстровані? Увійти',
      'Перш ніж читати далі',
      'Підтримати зараз',
      'Читати далі</button>',
    ])
      assert.ok(uk.includes(text), text);
    assert.ok(/підтримайте її від 1\sUSD/.test(uk), 'the minimum in the Ukrainian text');
  });

  it('keeps the article with both walls valid HTML', async () => {
    const validator = new HtmlValidate({
      extends: ['html-validate:recommended'],
      rules: { 'long-title': 'off' },
    });
    const report = await validator.validateString(await page(path));
    const messages = report.results.flatMap((r) =>
      r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    );
    assert.deepEqual(messages, []);
  });

  it('records a donation begun at the donation wall as the wall’s, and counts the walls’ clicks', async () => {
    const support = await page(
      `/support/?prompt=donation-wall&article_id=${articleId}&page=${encodeURIComponent(path)}`,
    );
    assert.match(support, /name="prompt" value="donation-wall"/);
    const started = await t.app.inject({
      method: 'POST',
      url: '/support/checkout',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://news.test' },
      payload: new URLSearchParams({
        kind: 'donation',
        amount: '5',
        prompt: 'donation-wall',
        article_id: String(articleId),
        page: path,
      }).toString(),
    });
    assert.equal(started.statusCode, 303, started.body);
    const checkout = await getDatabase()
      .db.selectFrom('checkouts')
      .select(['prompt', 'article_id', 'page'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(checkout, { prompt: 'donation-wall', article_id: articleId, page: path });

    const beacon = await t.app.inject({
      method: 'POST',
      url: '/api/event',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        p: path,
        a: articleId,
        e: [
          { t: 'prompt-view', n: 'registration-wall' },
          { t: 'prompt-click', n: 'registration-wall' },
          { t: 'prompt-click', n: 'donation-wall' },
        ],
      }),
    });
    assert.equal(beacon.statusCode, 204, beacon.body);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/event',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ p: path, e: [{ t: 'prompt-click', n: 'registrationWall' }] }),
    });
    assert.equal(refused.statusCode, 422);
  });
});
