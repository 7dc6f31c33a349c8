import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type SignedIn, signInNewUser } from '../../admin/test-fixtures/admin-client.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { buildTestApp, buildToken, type TestApp } from '../../test-support/test-app.js';
import { readOffers } from '../offers.js';
import { promptSettingsSchema, readPromptSettings } from './prompt-settings.js';

describe('prompt settings schema', () => {
  it('fills defaults and refuses bad values with a message per field', () => {
    const defaults = promptSettingsSchema.parse({});
    assert.equal(defaults.inline.afterParagraph, 3);
    assert.equal(defaults.inline.enabled, true);
    assert.equal(defaults.banner.enabled, false);
    assert.equal(defaults.banner.dismissDays, 7);
    const bad = promptSettingsSchema.safeParse({
      inline: { afterParagraph: 0, heading: 'x'.repeat(121) },
      banner: { dismissDays: 1.5, maxViewsPerWeek: -1, colour: 'red' },
    });
    assert.equal(bad.success, false);
    const paths = bad.error?.issues.map((issue) => issue.path.join('.')).sort();
    assert.deepEqual(paths, [
      'banner',
      'banner.dismissDays',
      'banner.maxViewsPerWeek',
      'inline.afterParagraph',
      'inline.heading',
    ]);
  });
});

describeEachDialect('revenue settings API', (getDatabase) => {
  let t: TestApp;
  let admin: SignedIn;
  let editor: SignedIn;
  let contributor: SignedIn;
  before(async () => {
    t = await buildTestApp(getDatabase());
    admin = await signInNewUser(t, getDatabase(), 'admin');
    editor = await signInNewUser(t, getDatabase(), 'editor');
    contributor = await signInNewUser(t, getDatabase(), 'contributor');
  });
  after(() => t.close());

  const call = (
    method: 'GET' | 'PUT',
    what: string,
    headers: Record<string, string>,
    body?: unknown,
  ) =>
    t.app.inject({
      method,
      url: `/api/admin/revenue/${what}`,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });

  it('answers 401 without a session or token, 403 to a contributor', async () => {
    for (const what of ['offers', 'prompts']) {
      assert.equal((await call('GET', what, {})).statusCode, 401);
      assert.equal((await call('PUT', what, {}, {})).statusCode, 401);
      assert.equal((await call('GET', what, contributor.headers)).statusCode, 403);
      assert.equal((await call('PUT', what, contributor.headers, {})).statusCode, 403);
    }
    const token = await buildToken(getDatabase(), 'author');
    assert.equal(
      (await call('GET', 'offers', { authorization: `Bearer ${token}` })).statusCode,
      403,
    );
  });

  it('lets editors change prompts but only admins change offers', async () => {
    assert.equal((await call('GET', 'offers', editor.headers)).statusCode, 200);
    const offers = await call('PUT', 'offers', editor.headers, { currency: 'EUR' });
    assert.equal(offers.statusCode, 403);
    const prompts = await call('PUT', 'prompts', editor.headers, { inline: { afterParagraph: 4 } });
    assert.equal(prompts.statusCode, 200, prompts.body);
    assert.equal((await readPromptSettings(getDatabase().db)).inline.afterParagraph, 4);
    const read = (await call('GET', 'prompts', editor.headers)).json() as {
      defaults: { en: { afterBody: { text: string } }; uk: unknown };
    };
    assert.match(read.defaults.en.afterBody.text, /as little as \{minimum\}/);
    assert.ok(read.defaults.uk);
  });

  it('refuses a write without the CSRF token or from another origin', async () => {
    const { cookie } = admin.headers as { cookie: string };
    const noToken = await call('PUT', 'prompts', { cookie }, { inline: { afterParagraph: 9 } });
    assert.equal(noToken.statusCode, 403);
    assert.match(noToken.body, /CSRF/);
    const crossSite = await call(
      'PUT',
      'offers',
      { ...admin.headers, origin: 'https://evil.test' },
      { currency: 'EUR' },
    );
    assert.equal(crossSite.statusCode, 403);
    assert.notEqual((await readPromptSettings(getDatabase().db)).inline.afterParagraph, 9);
    assert.equal((await readOffers(getDatabase().db)).currency, 'USD');
  });

  it('answers 422 with field errors and stores nothing on bad input', async () => {
    const before = await readOffers(getDatabase().db);
    const bad = await call('PUT', 'offers', admin.headers, {
      currency: 'XYZ',
      tiers: [
        { id: 'Bad Id', name: '', monthly: -5, yearly: 100 },
        { id: 'a', name: 'A', monthly: 100, yearly: 1000 },
        { id: 'a', name: 'B', monthly: 100, yearly: 1000 },
      ],
      donation: { minimum: 0, presets: [1.5] },
    });
    assert.equal(bad.statusCode, 422);
    const { fields } = bad.json() as { fields: Record<string, string[]> };
    for (const field of [
      'currency',
      'tiers.0.id',
      'tiers.0.name',
      'tiers.0.monthly',
      'donation.minimum',
      'donation.presets.0',
    ])
      assert.ok(fields[field], `${field} in ${JSON.stringify(fields)}`);
    assert.match(fields.currency?.[0] ?? '', /ISO 4217/);
    assert.deepEqual(await readOffers(getDatabase().db), before);

    const belowOneUnit = await call('PUT', 'offers', admin.headers, {
      currency: 'USD',
      donation: { minimum: 50 },
    });
    assert.equal(belowOneUnit.statusCode, 422);
    assert.match(belowOneUnit.body, /at least \$1/);

    const badPrompts = await call('PUT', 'prompts', admin.headers, {
      inline: { afterParagraph: 'three' },
      banner: { dismissDays: 0 },
    });
    assert.equal(badPrompts.statusCode, 422);
    const promptFields = (badPrompts.json() as { fields: Record<string, string[]> }).fields;
    assert.deepEqual(Object.keys(promptFields).sort(), [
      'banner.dismissDays',
      'inline.afterParagraph',
    ]);
    assert.equal(promptFields['banner.dismissDays']?.[0], 'must be at least 1');
  });

  it('stores a whole offers change and answers with it', async () => {
    const good = await call('PUT', 'offers', admin.headers, {
      currency: 'uah',
      tiers: [{ id: 'friend', name: 'Friend', monthly: 10000, yearly: 100000 }],
      donation: { presets: [5000, 10000], minimum: 100, maximum: 5_000_000 },
      coverFee: { enabled: false },
    });
    assert.equal(good.statusCode, 200, good.body);
    const { offers } = good.json() as { offers: { currency: string; tiers: unknown[] } };
    assert.equal(offers.currency, 'UAH');
    assert.equal(offers.tiers.length, 1);
    assert.equal((await readOffers(getDatabase().db)).coverFee.enabled, false);
    assert.match(
      String((await call('GET', 'offers', admin.headers)).headers['cache-control']),
      /no-store/,
    );
  });
});
