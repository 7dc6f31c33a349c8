import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type SmtpSink, startSmtpSink } from '../../src/platform/mail/test-fixtures/smtp-sink.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { becomeMemberInSandbox } from './support/sandbox.js';
import { type RunningServer, startServer } from './support/server.js';

// Reader accounts in Chromium on a fresh sandbox-mode server: a reader becomes a member, signs
// in from the header link with the emailed link, sees the membership on the account page,
// cancels it after the confirm step and signs out. axe on every page, at 375 and 1280 px.

const skip = browserSkipReason();
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

async function checkPage(page: Page, name: string): Promise<void> {
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: artifactPath(`member-${name}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    assert.equal(overflow, false, `${name} fits ${width} px without sideways scrolling`);
  }
}

describe('reader account in Chromium (sandbox): sign in by link, account, cancel', { skip }, () => {
  let server: RunningServer;
  let sink: SmtpSink;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const email = `member.${Date.now().toString(36)}@example.org`;

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

  it('becomes a member in the sandbox', async () => {
    await becomeMemberInSandbox(page, server.baseUrl, email, 'Olena Member');
  });

  it('signs in from the header link with the emailed link', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await page.waitForURL(/\/account\/sign-in$/);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await checkPage(page, 'sign-in');

    await page.getByLabel('Email address').fill('not an address');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('alert').waitFor();
    await checkPage(page, 'sign-in-error');

    const before = sink.received.length;
    await page.getByLabel('Email address').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await checkPage(page, 'sign-in-sent');

    let message = await sink.waitFor(before + 1);
    for (let i = before + 2; !message.recipients.includes(email); i += 1)
      message = await sink.waitFor(i);
    const link = /https?:\/\/\S+\/account\/sign-in\/confirm\?token=[A-Za-z0-9_-]{43}/.exec(
      message.parsed.text ?? '',
    )?.[0];
    assert.ok(link, 'the email carries the link');
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await checkPage(page, 'confirm');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/account\/$/);
    const cookies = await context.cookies();
    assert.equal(cookies.find((c) => c.name === 'masthead_member')?.value, 'paying');
    assert.equal(cookies.find((c) => c.name === 'masthead_member_session')?.httpOnly, true);
  });

  it('shows the membership and payments, and cancels after a confirm step', async () => {
    await page.getByRole('heading', { name: 'Your account', level: 1 }).waitFor();
    await page.getByText(/Next payment: /).waitFor();
    await page.getByRole('link', { name: 'Receipt' }).first().waitFor();
    await checkPage(page, 'account');

    await page.getByRole('link', { name: 'Cancel membership' }).click();
    await page.getByRole('heading', { name: 'Cancel this subscription?' }).waitFor();
    await checkPage(page, 'cancel');
    await page.getByRole('button', { name: 'Yes, cancel it' }).click();
    await page.waitForURL(/\/account\/\?done=cancelled$/);
    await page.getByText(/Ends on .+ You will not be charged again\./).waitFor();
    await checkPage(page, 'account-cancelled');
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/account\/signed-out$/);
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    const cookies = await context.cookies();
    assert.equal(
      cookies.find((c) => c.name === 'masthead_member_session'),
      undefined,
    );
    await page.goto(`${server.baseUrl}/account/`);
    await page.waitForURL(/\/account\/sign-in$/);
  });
});
