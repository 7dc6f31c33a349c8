import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createNewsletter, newsletterInput } from '../../newsletters/newsletter.service.js';
import { suppressAddress } from '../../newsletters/subscriber.repository.js';
import { describeEachDialect } from '../../platform/db/test-databases.js';
import { buildTestApp, type TestApp, testEvents } from '../../test-support/test-app.js';
import { importGhost, type GhostImportDeps } from './ghost-import.js';

const fixture = new URL('../../../test/fixtures/ghost/export.json', import.meta.url).pathname;

describeEachDialect('Ghost members import', (getDatabase) => {
  let t: TestApp;
  let deps: GhostImportDeps;
  const now = new Date('2026-11-25T10:00:00Z');
  before(async () => {
    t = await buildTestApp(getDatabase());
    deps = {
      db: getDatabase().db,
      now: () => now,
      timeZone: 'UTC',
      internalHosts: [],
      events: testEvents(),
    };
  });
  after(() => t.close());

  it('brings members over as subscribers with consent, keeping suppressions', async () => {
    const db = getDatabase().db;
    const existing = await createNewsletter(
      db,
      newsletterInput.parse({ name: 'Our morning brief', slug: 'morning-brief' }),
      now,
    );
    await suppressAddress(db, 'bounced@example.org', 'hard_bounce', '550', now.toISOString());

    const report = await importGhost(deps, fixture);
    assert.equal(report.subscribers, 3, 'reader, paid reader and lapsed reader');
    assert.equal(report.newslettersCreated, 1, 'morning-brief existed already');
    const skipped = [...report.skipped.entries()].filter(([r]) => r.startsWith('members'));
    assert.equal(skipped.length, 2);
    assert.ok(
      skipped.some(([r, e]) => /suppression/.test(r) && e.examples[0]?.includes('bounced')),
    );
    assert.ok(skipped.some(([, e]) => e.examples[0]?.includes('not an address')));

    const weekly = await db
      .selectFrom('newsletters')
      .selectAll()
      .where('slug', '=', 'weekly-digest')
      .executeTakeFirstOrThrow();
    assert.equal(weekly.name, 'Weekly Digest');
    const subscriptions = await db
      .selectFrom('subscriptions')
      .innerJoin('subscribers', 'subscribers.id', 'subscriptions.subscriber_id')
      .select(['subscribers.email', 'subscriptions.newsletter_id', 'subscriptions.status'])
      .orderBy('subscribers.email')
      .orderBy('subscriptions.newsletter_id')
      .execute();
    assert.deepEqual(
      subscriptions.map((s) => [s.email, s.newsletter_id, s.status]),
      [
        ['paid.reader@example.org', weekly.id, 'active'],
        ['reader@example.org', existing.id, 'active'],
        ['reader@example.org', weekly.id, 'active'],
      ],
    );
    const subscribers = await db.selectFrom('subscribers').selectAll().orderBy('email').execute();
    assert.deepEqual(
      subscribers.map((s) => [s.email, s.name]),
      [
        ['lapsed@example.org', ''],
        ['paid.reader@example.org', 'Олена Коваль'],
        ['reader@example.org', 'A Reader'],
      ],
    );
    const consents = await db
      .selectFrom('consent_records')
      .selectAll()
      .orderBy('subscriber_id')
      .execute();
    assert.equal(consents.length, 3);
    const paid = subscribers.find((s) => s.email === 'paid.reader@example.org');
    const paidConsent = consents.find((c) => c.subscriber_id === paid?.id);
    assert.equal(paidConsent?.action, 'import');
    assert.equal(paidConsent?.location, 'ghost-import');
    assert.equal(paidConsent?.created_at, '2023-02-03T04:05:06.000Z');
    assert.deepEqual(JSON.parse(paidConsent?.newsletter_ids ?? ''), [weekly.id]);

    const again = await importGhost(deps, fixture);
    assert.equal(again.subscribers, 0);
    assert.equal(again.skipped.get('members already imported by an earlier run')?.count, 3);
    const consentCount = await db
      .selectFrom('consent_records')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(consentCount.n), 3);
  });
});
