import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { describeEachDialect } from '../platform/db/test-databases.js';
import { buildArticle, buildTestApp, buildToken, type TestApp } from '../test-support/test-app.js';
import { openCountryLookup } from './geoip.js';
import { writeMmdb } from './test-fixtures/mmdb-writer.js';

const chrome =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

function countryDatabase(): string {
  const dir = mkdtempSync(join(tmpdir(), 'masthead-geoip-'));
  const file = join(dir, 'country.mmdb');
  writeFileSync(
    file,
    writeMmdb({
      '203.0.113.0/24': { country: { iso_code: 'UA', names: { en: 'Ukraine' } } },
      '198.51.100.0/25': { country: { iso_code: 'PL', names: { en: 'Poland' } } },
      // An anycast or satellite network: only the registered country is known.
      '192.0.2.0/24': { registered_country: { iso_code: 'DE', names: { en: 'Germany' } } },
    }),
  );
  return file;
}

describe('GeoIP countries from a MaxMind DB file', () => {
  it('answers the country of an address, and nothing for addresses it does not know', async () => {
    const lookup = await openCountryLookup(countryDatabase());
    assert.equal(lookup('203.0.113.77'), 'UA');
    assert.equal(lookup('::ffff:203.0.113.77'), 'UA', 'an IPv4 address as IPv6 sockets give it');
    assert.equal(lookup('198.51.100.127'), 'PL');
    assert.equal(lookup('198.51.100.128'), '', 'outside the /25');
    assert.equal(lookup('192.0.2.1'), 'DE', 'the registered country when no other');
    assert.equal(lookup('8.8.8.8'), '');
    assert.equal(lookup('2001:db8::1'), '', 'IPv6 in an IPv4-only database');
    assert.equal(lookup('not an address'), '');
  });

  it('refuses a missing file and a file that is not a MaxMind DB, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'masthead-geoip-'));
    await assert.rejects(
      openCountryLookup(join(dir, 'missing.mmdb')),
      /cannot read .*missing\.mmdb: ENOENT/,
    );
    const bogus = join(dir, 'GeoLite2-Country.tar.gz');
    writeFileSync(bogus, 'this is not a database');
    await assert.rejects(openCountryLookup(bogus), /GeoLite2-Country\.tar\.gz is not a MaxMind DB/);
  });
});

describeEachDialect('reader analytics: countries with GEOIP_DATABASE', (getDatabase) => {
  let test: TestApp;
  let editor: string;
  let articleId: number;
  let path: string;

  before(async () => {
    test = await buildTestApp(getDatabase(), { geoipDatabase: countryDatabase() });
    editor = await buildToken(getDatabase(), 'editor');
    const article = await buildArticle(getDatabase(), { title: 'Read abroad' });
    articleId = article.id;
    path = `/${article.slug}/`;
  });
  after(() => test.close());

  const view = (ip: string) =>
    test.app.inject({
      method: 'POST',
      url: '/api/event',
      remoteAddress: ip,
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': chrome },
      payload: JSON.stringify({ p: path, a: articleId, e: [{ t: 'view' }] }),
    });

  it('counts views by country, stores only the code, and never the address', async () => {
    for (const ip of ['203.0.113.1', '203.0.113.2', '198.51.100.9', '8.8.8.8'])
      assert.equal((await view(ip)).statusCode, 204);
    const { db } = getDatabase();
    const rows = await db.selectFrom('analytics_events').select(['country', 'visitor']).execute();
    assert.deepEqual(rows.map((r) => r.country).sort(), ['', 'PL', 'UA', 'UA']);
    const stored = JSON.stringify(await db.selectFrom('analytics_events').selectAll().execute());
    for (const ip of ['203.0.113.1', '198.51.100.9', '8.8.8.8']) assert.ok(!stored.includes(ip));
    const overview = await test.app.inject({
      url: '/api/admin/analytics/overview?period=today',
      headers: { authorization: `Bearer ${editor}` },
    });
    assert.equal(overview.statusCode, 200, overview.body);
    const countries = (overview.json() as { countries: Array<{ value: string; views: number }> })
      .countries;
    assert.deepEqual(
      countries.map((c) => [c.value, c.views]),
      [
        ['UA', 2],
        ['PL', 1],
      ],
      'readers with no known country are left out of the table',
    );
  });
});
