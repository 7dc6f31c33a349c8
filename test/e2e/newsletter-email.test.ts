import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildArticle } from '../../src/test-support/test-app.js';
import { compileIssue } from '../../src/newsletters/issue-render.js';
import { createIssue } from '../../src/newsletters/issue.service.js';
import { buildNewsletter } from '../../src/newsletters/test-fixtures/newsletter-factories.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { readSiteSettings, writeSiteSettings } from '../../src/platform/settings/site-settings.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';

// An issue's HTML as a mail client would show it, at a phone's and a desktop's width:
// test-artifacts/newsletter-email-375.png and -1280.png. Checks nothing overflows sideways.

describe('newsletter email rendering', { skip: browserSkipReason() }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(() => browser?.close());

  it('a document issue and a digest fit 375 px and 1280 px without sideways scrolling', async () => {
    const database = openDatabase('sqlite::memory:');
    try {
      await migrateToLatest(database.db);
      const { db } = database;
      await writeSiteSettings(db, {
        name: 'Kyiv Independent Tribune',
        postalAddress: 'vul. Khreshchatyk 1, Kyiv 01001, Ukraine',
      });
      const newsletter = await buildNewsletter(db, { name: 'Morning Briefing' });
      const settings = await readSiteSettings(db);
      const story = await buildArticle(database, {
        title: 'A long headline about the city council budget vote that wraps on a phone',
        excerpt: 'What the vote means for transport, schools and heating this winter.',
      });
      const issues = [
        await createIssue(
          db,
          {
            newsletter_id: newsletter.id,
            subject:
              'Morning briefing: the budget vote, heating and a very long word Verkhovnarada',
            preheader: 'Three things to know today',
            html: '<h2>Top story</h2><p>The council voted on the budget after a long night; here is <a href="/budget/">what changed</a> and what did not.</p><ul><li>Transport: more buses</li><li>Schools: repairs</li></ul><blockquote><p>“We kept the lights on.”</p></blockquote><p>https://example.org/a/very/long/url/that/should/not/push/the/layout/sideways/at/all/on/a/phone</p>',
          },
          new Date(),
        ),
        await createIssue(
          db,
          {
            newsletter_id: newsletter.id,
            subject: 'Digest',
            preheader: '',
            article_ids: [story.id],
          },
          new Date(),
        ),
      ];
      for (const [index, issue] of issues.entries()) {
        const compiled = await compileIssue(db, {
          issue,
          newsletter,
          settings,
          baseUrl: 'https://news.test',
        });
        const { html } = compiled.personalize({
          name: 'Olena',
          unsubscribeUrl: 'https://news.test/newsletters/unsubscribe?token=x',
          preferencesUrl: 'https://news.test/newsletters/preferences?token=y',
        });
        for (const width of [375, 1280]) {
          const page = await browser.newPage({ viewport: { width, height: 900 } });
          // Mail clients load no remote content by default either.
          await page.route('**/*', (route) =>
            route.request().url().startsWith('data:') ? route.continue() : route.abort(),
          );
          await page.setContent(html);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          await page.screenshot({
            path: artifactPath(
              `newsletter-email-${index === 0 ? 'document' : 'digest'}-${width}.png`,
            ),
            fullPage: true,
          });
          await page.close();
          assert.ok(
            overflow <= 0,
            `issue ${index} at ${width}px scrolls sideways by ${overflow}px`,
          );
        }
      }
    } finally {
      await database.destroy();
    }
  });
});
