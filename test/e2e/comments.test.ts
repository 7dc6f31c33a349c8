import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type SmtpSink, startSmtpSink } from '../../src/platform/mail/test-fixtures/smtp-sink.js';
import { buildAdminUi, signIn } from './support/admin.js';
import { assertNoAxeViolations } from './support/axe.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, seededAdmin, startServer } from './support/server.js';

// Member comments in Chromium (issue 17): an admin opens comments to members on the Comments
// screen; a reader follows the article's comments link, signs in with the emailed link, posts
// a first comment (held), the editor approves it in the queue, and the reader sees it shown.
// The article page stays a cache hit throughout. axe on the comments page and the screen.

const skip = browserSkipReason();
const path = '/a-bakery-that-never-closed/';
const tagPath = '/tag/economy/';

async function checkPage(page: Page, name: string): Promise<void> {
  await assertNoAxeViolations(page, name);
  await page.screenshot({ path: artifactPath(`comments-${name}.png`), fullPage: true });
}

describe('comments in Chromium: open, sign in, post, moderate', { skip }, () => {
  let server: RunningServer;
  let sink: SmtpSink;
  let browser: Browser;
  let staff: Page;
  let reader: BrowserContext;
  let page: Page;
  const email = `commenter.${Date.now().toString(36)}@example.org`;
  const words = 'The bakery on our street kept the ovens going all winter.';

  before(async () => {
    buildAdminUi();
    sink = await startSmtpSink();
    server = await startServer({ env: { SMTP_URL: sink.url }, startTimeoutMs: 120_000 });
    browser = await launchBrowser();
    const staffContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    staffContext.setDefaultTimeout(20_000);
    staff = await staffContext.newPage();
    const admin = seededAdmin(server);
    await signIn(staff, server.baseUrl, admin.email, admin.password);
    reader = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    reader.setDefaultTimeout(20_000);
    page = await reader.newPage();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  it('opens comments to members on the Comments screen', async () => {
    await staff.getByRole('link', { name: 'Comments', exact: true }).first().click();
    await staff.getByRole('heading', { name: 'Comments', level: 1 }).waitFor();
    await staff.getByLabel('Comments on articles').selectOption('members');
    await staff.getByRole('button', { name: 'Save' }).click();
    await staff.getByText('Saved.').waitFor();
  });

  it('signs a reader in from the comments page and holds their first comment', async () => {
    // Comments were just opened (a purge): the first answer builds the page, the next is cached.
    await fetch(`${server.baseUrl}${path}`);
    const cached = await fetch(`${server.baseUrl}${path}`);
    assert.equal(cached.headers.get('x-cache'), 'HIT', 'the article page is cached');
    const before = await cached.text();
    assert.match(before, /href="\/comments\/a-bakery-that-never-closed\/"/);
    await page.goto(`${server.baseUrl}${path}`);
    // The script writes the count into the link after load.
    await page.getByRole('link', { name: 'No comments yet' }).click();
    await page.waitForURL((url) => url.pathname === `/comments${path}`);
    await page.getByRole('link', { name: 'Sign in' }).last().click();
    await page.waitForURL(/\/account\/sign-in\?next=/);
    const count = sink.received.length;
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    let message = await sink.waitFor(count + 1);
    for (let i = count + 2; !message.recipients.includes(email); i += 1)
      message = await sink.waitFor(i);
    const link = /https?:\/\/\S+\/account\/sign-in\/confirm\?token=[A-Za-z0-9_-]{43}/.exec(
      (message.parsed.text ?? '').replace(/\s*\n\s*/g, ''),
    )?.[0];
    assert.ok(link, 'the email carries the link');
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === `/comments${path}`);
    await checkPage(page, 'form');

    await page.getByLabel('Your comment').first().fill(words);
    await page.getByLabel('Name shown with your comments').fill('Mykola');
    await page.getByRole('button', { name: 'Post comment' }).first().click();
    await page.getByText('your comment will appear once a moderator has approved it').waitFor();
    await page.getByText('Waiting for review').waitFor();

    const after = await fetch(`${server.baseUrl}${path}`);
    assert.equal(after.headers.get('x-cache'), 'HIT', 'still a cache hit after the comment');
    assert.equal(await after.text(), before, 'and the same bytes');
  });

  it('lets the editor approve it from the queue, and readers then see it', async () => {
    await staff.reload();
    await staff.getByRole('heading', { name: 'Comments', level: 1 }).waitFor();
    await staff.getByText(words).waitFor();
    await checkPage(staff, 'queue');
    await staff.getByRole('button', { name: 'Approve' }).first().click();
    await staff.getByText('Approved the comment by Mykola.').waitFor();

    const anonymousContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const anonymous = await anonymousContext.newPage();
    await anonymous.goto(`${server.baseUrl}/comments${path}`);
    await anonymous.getByText(words).waitFor();
    assert.equal(await anonymous.getByText('Waiting for review').count(), 0);
    await checkPage(anonymous, 'shown');
    await anonymous.goto(`${server.baseUrl}${path}`);
    await anonymous.getByRole('link', { name: '1 comment' }).waitFor();
    // Story cards on listings get their count from the same endpoint.
    await anonymous.goto(`${server.baseUrl}${tagPath}`);
    await anonymous
      .locator(`a[href="/comments${path}"][data-comments-card]`)
      .filter({ hasText: '1 comment' })
      .waitFor();
    await checkPage(anonymous, 'listing');
    await anonymousContext.close();
  });
});
