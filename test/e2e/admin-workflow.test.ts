import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildAdminUi, findOutboxLink, signIn, startAdminTestServer } from './support/admin.js';
import { artifactPath, browserSkipReason, launchBrowser } from './support/browser.js';
import { type RunningServer, seededAdmin } from './support/server.js';

const skip = browserSkipReason();

/** Calls the admin API from inside the page, with its session cookie and CSRF token. */
async function apiFromPage(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/admin/whoami')).json();
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json().catch(() => null) };
    },
    { method, path, body },
  );
}

async function newArticle(page: Page, baseUrl: string, title: string, text: string) {
  await page.goto(`${baseUrl}/admin/articles/new`);
  await page.getByLabel('Headline').fill(title);
  await page.getByRole('button', { name: 'Start writing' }).click();
  const body = page.getByRole('textbox', { name: 'Article body' });
  await body.click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(/^Saved \d/).waitFor();
  return Number(/articles\/(\d+)\/edit/.exec(page.url())?.[1]);
}

describe('admin workflow in Chromium: invitations, roles, conflicts', { skip }, () => {
  let server: RunningServer;
  let browser: Browser;
  let adminContext: BrowserContext;
  let admin: Page;

  before(async () => {
    buildAdminUi();
    server = await startAdminTestServer();
    browser = await launchBrowser();
    adminContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    adminContext.setDefaultTimeout(15_000);
    admin = await adminContext.newPage();
    const credentials = seededAdmin(server);
    await signIn(admin, server.baseUrl, credentials.email, credentials.password);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function invite(email: string, role: string): Promise<Page> {
    await admin.goto(`${server.baseUrl}/admin/staff`);
    await admin.getByLabel('Email').fill(email);
    await admin.getByLabel('Role', { exact: true }).selectOption(role);
    await admin.getByRole('button', { name: 'Send invitation' }).click();
    await admin.getByText(`Invitation sent to ${email}.`).waitFor();
    const link = findOutboxLink(
      server,
      new RegExp(`${server.baseUrl}/admin/accept-invitation\\?token=[\\w%.~-]+`),
    );
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.goto(link);
    await page.getByText(email).waitFor();
    await page.getByLabel('Your name').fill(`New ${role}`);
    await page.getByLabel('Choose a password').fill('a long enough password 42');
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.getByRole('heading', { name: 'Articles', level: 1 }).waitFor();
    return page;
  }

  it('an invited author accepts the emailed invitation, writes and publishes', async () => {
    const author = await invite('reporter@example.org', 'author');
    const id = await newArticle(
      author,
      server.baseUrl,
      'Night trains return to the north',
      'The first train left at midnight.',
    );
    assert.ok(id > 0);
    await author.getByRole('button', { name: 'Publish now' }).click();
    await author.getByRole('status').filter({ hasText: 'Published.' }).waitFor();
    // The public URL as the server reports it (not a guessed slug), then the public page.
    const answer = await apiFromPage(author, 'GET', `/api/admin/articles/${id}`);
    assert.equal(answer.status, 200);
    const { article } = answer.body as { article: { status: string; url: string } };
    assert.equal(article.status, 'published');
    const response = await fetch(article.url);
    const page = await response.text();
    assert.equal(response.status, 200, `${article.url} answers 200`);
    assert.match(page, /Night trains return to the north/);
    assert.match(page, /The first train left at midnight\./);
    await author.context().close();
  });

  it('a contributor sees no publish button, can submit for review, and the API refuses to publish', async () => {
    const contributor = await invite('stringer@example.org', 'contributor');
    const id = await newArticle(
      contributor,
      server.baseUrl,
      'Notes from the market',
      'Prices rose.',
    );
    assert.equal(await contributor.getByRole('button', { name: 'Publish now' }).count(), 0);
    assert.equal(await contributor.getByRole('button', { name: 'Schedule' }).count(), 0);
    const refused = await apiFromPage(contributor, 'POST', `/api/admin/articles/${id}/publish`, {});
    assert.equal(refused.status, 403);
    await contributor.getByRole('button', { name: 'Submit for review' }).click();
    await contributor.getByRole('status').filter({ hasText: 'Submitted for review.' }).waitFor();
    const stored = await apiFromPage(contributor, 'GET', `/api/admin/articles/${id}`);
    assert.equal(stored.body.article.status, 'submitted');
    await contributor.context().close();
  });

  it('two sessions editing one article: the second save gets the conflict message, nothing is overwritten', async () => {
    const id = await newArticle(admin, server.baseUrl, 'Budget hearing live', 'First paragraph.');
    const otherContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    otherContext.setDefaultTimeout(15_000);
    const other = await otherContext.newPage();
    const credentials = seededAdmin(server);
    await signIn(other, server.baseUrl, credentials.email, credentials.password);
    await other.goto(`${server.baseUrl}/admin/articles/${id}/edit`);
    await other.getByRole('textbox', { name: 'Article body' }).waitFor();

    // The first session saves a change…
    await admin.getByRole('textbox', { name: 'Article body' }).click();
    await admin.keyboard.press('Control+End');
    await admin.keyboard.type(' Update from the first desk.');
    await admin.getByRole('button', { name: 'Save', exact: true }).click();
    await admin.getByText(/^Saved \d/).waitFor();

    // …then the second, still on the old version, tries to save its own.
    await other.getByRole('textbox', { name: 'Article body' }).click();
    await other.keyboard.press('Control+End');
    await other.keyboard.type(' Competing edit.');
    await other.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = other.getByRole('alert').filter({ hasText: 'Someone else saved this article' });
    await alert.waitFor();
    assert.match((await alert.textContent()) ?? '', /nothing was overwritten/);
    assert.equal(await other.getByRole('button', { name: 'Reload the article' }).count(), 1);

    const stored = await apiFromPage(admin, 'GET', `/api/admin/articles/${id}`);
    const text = JSON.stringify(stored.body.article.doc);
    assert.match(text, /Update from the first desk\./);
    assert.doesNotMatch(text, /Competing edit/);

    // Reloading shows the other person's text.
    await other.getByRole('button', { name: 'Reload the article' }).click();
    await other.getByText('Update from the first desk.', { exact: false }).waitFor();
    await otherContext.close();
  });

  it('the outbox lists the invitation emails and shows one in a sandboxed frame', async () => {
    await admin.goto(`${server.baseUrl}/admin/outbox`);
    const first = admin.locator('.entity-list button').first();
    await first.waitFor();
    assert.ok((await admin.locator('.entity-list li').count()) >= 2, 'both invitations listed');
    await first.click();
    const frame = admin.locator('iframe.email-frame');
    await frame.waitFor();
    assert.equal(await frame.getAttribute('sandbox'), '');
    assert.match((await frame.getAttribute('srcdoc')) ?? '', /accept-invitation\?token=/);
    for (const width of [1280, 375]) {
      await admin.setViewportSize({ width, height: 900 });
      await admin.screenshot({ path: artifactPath(`admin-outbox-${width}.png`), fullPage: true });
      await admin.goto(`${server.baseUrl}/admin/staff`);
      await admin.locator('table tbody tr').first().waitFor();
      await admin.screenshot({ path: artifactPath(`admin-staff-${width}.png`), fullPage: true });
      await admin.goto(`${server.baseUrl}/admin/outbox`);
      await admin.locator('.entity-list button').first().click();
      await admin.locator('iframe.email-frame').waitFor();
    }
  });
});
