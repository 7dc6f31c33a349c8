import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createApiToken } from '../../src/admin/api-token.service.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { type SmtpSink, startSmtpSink } from '../../src/platform/mail/test-fixtures/smtp-sink.js';
import { assertNoAxeViolations } from './support/axe.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { becomeMemberInSandbox } from './support/sandbox.js';
import { type RunningServer, startServer } from './support/server.js';

// The demo newsroom's paid-only analysis in Chromium (issue 17): a reader sees the preview and
// the wall, becomes a member in the sandbox, signs in from the wall's link with the emailed
// link, lands back on the piece, reads the whole of it and comments on it, gives it to a friend with a
// gift link; with metering on, a new reader gets it in full in place of the wall. axe on each.

const skip = browserSkipReason();
const path = '/analysis-what-the-2027-budget-really-spends-on-rebuilding/';
const gatedText = 'About 1.9 billion of the 4.2 billion is carried over';

async function checkPage(page: Page, name: string): Promise<void> {
  await assertNoAxeViolations(page, name);
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: artifactPath(`access-${name}-${width}.png`), fullPage: true });
  }
}

describe('access wall in Chromium: wall → member → sign in → whole piece', { skip }, () => {
  let server: RunningServer;
  let sink: SmtpSink;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const email = `analysis.${Date.now().toString(36)}@example.org`;

  before(async () => {
    sink = await startSmtpSink();
    server = await startServer({ env: { SMTP_URL: sink.url }, startTimeoutMs: 120_000 });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(20_000);
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  it('shows the preview and the wall, from the cache, and nothing past the cut', async () => {
    const response = await page.goto(`${server.baseUrl}${path}`);
    assert.equal(response?.status(), 200);
    await page.getByRole('heading', { name: 'This story is for paying members' }).waitFor();
    assert.equal(await page.getByText(gatedText).count(), 0);
    assert.match(await page.content(), /"isAccessibleForFree":false/);
    const again = await page.reload();
    assert.equal(await again?.headerValue('x-cache'), 'HIT');
    await checkPage(page, 'wall');
  });

  it('becomes a member in the sandbox, signs in from the wall and reads the whole piece', async () => {
    await becomeMemberInSandbox(page, server.baseUrl, email, 'Analysis Reader');

    // Paying, but not signed in: still the wall (the hint cookie is no entitlement).
    await page.goto(`${server.baseUrl}${path}`);
    assert.equal(await page.getByText(gatedText).count(), 0);
    await page.getByRole('link', { name: 'Already a member? Sign in' }).click();
    await page.waitForURL(/\/account\/sign-in\?next=/);
    const before = sink.received.length;
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    // The membership's own emails (receipt, welcome) may arrive in between: take the sign-in one.
    let message = await sink.waitFor(before + 1);
    for (
      let i = before + 2;
      !message.recipients.includes(email) || !/sign-in\/confirm/.test(message.parsed.text ?? '');
      i += 1
    )
      message = await sink.waitFor(i);
    // Lines joined: the mailer may wrap the long link of a text email.
    const link = /https?:\/\/\S+\/account\/sign-in\/confirm\?token=[A-Za-z0-9_-]{43}/.exec(
      (message.parsed.text ?? '').replace(/\s*\n\s*/g, ''),
    )?.[0];
    assert.ok(link, 'the email carries the link');
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === path);
    await page.getByText(gatedText).waitFor();
    assert.equal(
      await page.getByRole('heading', { name: 'This story is for paying members' }).count(),
      0,
    );
    const cookies = await context.cookies();
    const access = cookies.find((c) => c.name === 'masthead_access');
    assert.ok(access?.httpOnly, 'the entitlement cookie is HttpOnly');
    assert.ok(!access.value.includes(email.split('@')[0] ?? email), 'and names nobody');
    const again = await page.reload();
    assert.equal(
      await again?.headerValue('x-cache'),
      'HIT',
      'the full variant comes from the cache',
    );
    assert.match((await again?.headerValue('cache-control')) ?? '', /^private/);
    await checkPage(page, 'full');
  });

  it('comments on the piece as the member (held for an editor: a first comment)', async () => {
    await page.goto(`${server.baseUrl}${path}`);
    await page
      .getByRole('link', { name: /comment/i })
      .first()
      .click();
    await page.waitForURL((url) => url.pathname === `/comments${path}`);
    await page
      .getByLabel('Your comment')
      .first()
      .fill('Thank you for reading the budget line by line.');
    await page.getByLabel('Name shown with your comments').fill('Analysis Reader');
    await page.getByRole('button', { name: 'Post comment' }).first().click();
    await page.getByText('your comment will appear once a moderator has approved it').waitFor();
    await checkPage(page, 'comment');
  });

  it('gives the piece to a friend: the gift link opens it in another browser', async () => {
    await page.goto(`${server.baseUrl}${path}`);
    await page.getByRole('link', { name: 'Give this story to someone' }).click();
    await page.getByRole('heading', { name: 'Give this story' }).waitFor();
    await page.getByRole('button', { name: 'Create a gift link' }).click();
    await page.getByRole('heading', { name: 'Your gift link' }).waitFor();
    const link = await page.getByLabel('Gift link').inputValue();
    assert.match(link, /\?gift=[A-Za-z0-9_-]{43}$/);
    await checkPage(page, 'gift-link');
    const friend = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const friendPage = await friend.newPage();
    const opened = await friendPage.goto(link.replace(/^https?:\/\/[^/]+/, server.baseUrl));
    assert.equal(await opened?.headerValue('cache-control'), 'private, no-store');
    await friendPage.getByText(gatedText).waitFor();
    assert.equal(
      await friendPage.getByRole('link', { name: 'Give this story to someone' }).count(),
      0,
    );
    await friend.close();
  });

  it('meters: with two free stories set, a new reader reads the piece in full, in place', async () => {
    const database = openDatabase(`sqlite:${join(server.dataDir, 'masthead.db')}`);
    const { token } = await createApiToken(database.db, { name: 'e2e', role: 'admin' });
    await database.destroy();
    const admin = await fetch(`${server.baseUrl}/api/admin/settings`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ meter: { anonymous: 2, registered: 1, periodDays: 30 } }),
    });
    assert.equal(admin.status, 200, await admin.text());
    const reader = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const readerPage = await reader.newPage();
    await readerPage.goto(`${server.baseUrl}${path}`);
    await readerPage.getByText(gatedText).waitFor();
    await readerPage.getByText('This is one of your free stories: 1 more left for now.').waitFor();
    assert.equal(
      await readerPage.getByRole('heading', { name: 'This story is for paying members' }).count(),
      0,
    );
    const cookies = await reader.cookies();
    assert.ok(cookies.find((c) => c.name === 'masthead_meter')?.httpOnly);
    await checkPage(readerPage, 'metered');
    await reader.close();
  });
});
