import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type SmtpSink, startSmtpSink } from '../../src/platform/mail/test-fixtures/smtp-sink.js';
import { buildAdminUi, signIn } from './support/admin.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { payWithCard } from './support/sandbox.js';
import { type RunningServer, seededAdmin, startServer } from './support/server.js';

// Reader revenue end to end in Chromium, on a fresh server in sandbox mode (no Stripe key):
// from an article a reader clicks "Support us just once", gives $1, is declined with the
// test card that always fails, pays with 4242…, sees the thank-you page and gets the receipt
// by SMTP; the newsroom finds the donation in the admin; a reader who becomes a member no
// longer sees the prompts.

const skip = browserSkipReason();

async function firstArticlePath(baseUrl: string): Promise<string> {
  const home = await (await fetch(`${baseUrl}/`)).text();
  const match = /<h[23][^>]*>\s*<a href="(\/[a-z0-9-]+\/)"/.exec(home);
  assert.ok(match?.[1], 'the home page links to an article');
  return match[1];
}

describe(
  'reader revenue in Chromium (sandbox): donate $1, receipt, admin, membership',
  { skip },
  () => {
    let server: RunningServer;
    let sink: SmtpSink;
    let browser: Browser;
    let reader: BrowserContext;
    let page: Page;
    let articlePath = '';
    const donor = `donor.${Date.now().toString(36)}@example.org`;

    before(async () => {
      buildAdminUi();
      sink = await startSmtpSink();
      server = await startServer({ env: { SMTP_URL: sink.url }, startTimeoutMs: 120_000 });
      browser = await launchBrowser();
      reader = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      reader.setDefaultTimeout(20_000);
      page = await reader.newPage();
      articlePath = await firstArticlePath(server.baseUrl);
    });

    after(async () => {
      await browser?.close();
      await server?.stop();
      await sink?.close();
    });

    it('gives $1 from an article: a declined card is explained, 4242 pays, thank-you page', async () => {
      await page.goto(`${server.baseUrl}${articlePath}`);
      await page
        .locator('[data-support-prompt]')
        .getByRole('link', { name: 'Support us just once' })
        .first()
        .click();
      await page.waitForURL(/\/support\//);
      const donate = page.locator('#donate');
      await donate.getByLabel('Other amount (USD)').fill('1');
      await donate.getByLabel('Email (optional)').fill(donor);
      await donate.getByRole('button', { name: 'Donate' }).click();

      await page.waitForURL(/\/support\/sandbox\/checkout\//);
      await page.getByText('$1').first().waitFor();
      await page.screenshot({ path: artifactPath('revenue-sandbox-checkout.png'), fullPage: true });

      await payWithCard(page, '4000 0000 0000 0002');
      await page.getByText('Your card was declined. Try another card.').first().waitFor();
      await page.getByText('Nothing was charged.').first().waitFor();
      await page.screenshot({ path: artifactPath('revenue-sandbox-declined.png'), fullPage: true });

      await payWithCard(page, '4242 4242 4242 4242');
      await page.waitForURL(/\/support\/thank-you/);
      await page.getByRole('heading', { name: 'Thank you' }).waitFor();
      await page.getByText('Your donation of $1 has been received.').waitFor();
      await page.screenshot({ path: artifactPath('revenue-thank-you.png'), fullPage: true });
    });

    it('sends the receipt through SMTP', async () => {
      const deadline = Date.now() + 30_000;
      let receipt = sink.received.find((m) => m.recipients.includes(donor));
      while (!receipt && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        receipt = sink.received.find((m) => m.recipients.includes(donor));
      }
      assert.ok(receipt, `a message to ${donor} arrived`);
      assert.match(receipt.parsed.text ?? '', /\$1\b/);
      assert.match(receipt.parsed.subject ?? '', /receipt|thank/i);
    });

    it('shows the donation in the admin members list and member detail', async () => {
      const staff = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      staff.setDefaultTimeout(20_000);
      const admin = await staff.newPage();
      const { email, password } = seededAdmin(server);
      await signIn(admin, server.baseUrl, email, password);
      await admin.getByRole('link', { name: 'Members', exact: true }).first().click();
      await admin.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
      await admin.getByRole('link', { name: donor }).click();
      await admin.getByRole('heading', { name: donor }).waitFor();
      await admin.getByText('$1').first().waitFor();
      await admin.screenshot({ path: artifactPath('revenue-admin-donor.png'), fullPage: true });
      await staff.close();
    });

    it('becomes a member and no longer sees the support prompts', async () => {
      await page.goto(`${server.baseUrl}${articlePath}`);
      assert.ok(await page.locator('[data-support-prompt]').first().isVisible());
      await page.goto(`${server.baseUrl}/support/#membership`);
      const membership = page.locator('#membership');
      await membership.getByRole('button', { name: 'Become a member' }).click();
      await page.waitForURL(/\/support\/sandbox\/checkout\//);
      await page.getByLabel('Email').fill(`member.${donor}`);
      await payWithCard(page, '4242 4242 4242 4242');
      await page.waitForURL(/\/support\/thank-you/);
      await page.getByText(/Welcome! You are now a .+ member/).waitFor();

      await page.goto(`${server.baseUrl}${articlePath}`);
      const prompts = page.locator('[data-support-prompt]');
      const count = await prompts.count();
      assert.ok(count > 0, 'the page carries the prompts (same bytes for everyone)');
      for (let i = 0; i < count; i += 1) {
        assert.equal(await prompts.nth(i).isVisible(), false, `prompt ${i} is hidden for a member`);
      }
      await page.screenshot({ path: artifactPath('revenue-member-article.png'), fullPage: true });
    });
  },
);
