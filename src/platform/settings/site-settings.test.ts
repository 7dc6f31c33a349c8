import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../db/test-databases.js';
import { readSiteSettings, writeSiteSettings } from './site-settings.js';

describeEachDialect('site settings', (getDatabase) => {
  it('starts from defaults, stores changes and rejects bad values without losing data', async () => {
    const { db } = getDatabase();
    assert.equal((await readSiteSettings(db)).timeZone, 'UTC');
    await writeSiteSettings(db, { name: 'Kyiv Ledger', timeZone: 'Europe/Kyiv' });
    await writeSiteSettings(db, { accentColor: '#123456' });
    const settings = await readSiteSettings(db);
    assert.equal(settings.name, 'Kyiv Ledger');
    assert.equal(settings.timeZone, 'Europe/Kyiv');
    assert.equal(settings.accentColor, '#123456');
    await assert.rejects(writeSiteSettings(db, { timeZone: 'Mars/Base' }), /time zone/);
    assert.equal((await readSiteSettings(db)).timeZone, 'Europe/Kyiv');
  });
});
