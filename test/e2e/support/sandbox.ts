import type { Page } from 'playwright-core';

// The payment sandbox's checkout page (revenue/checkout: the test-mode stand-in for Stripe's
// hosted page), filled in as a reader would.

/** Fills the sandbox card form (and the email when given) and presses Pay/Subscribe. */
export async function payWithCard(
  page: Page,
  card: string,
  options: { name?: string; email?: string } = {},
): Promise<void> {
  await page.getByText('TEST MODE').first().waitFor();
  if (options.email !== undefined) await page.getByLabel('Email').fill(options.email);
  await page.getByLabel('Name on card').fill(options.name ?? 'Olena Reader');
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Expiry date (MM/YY)').fill('12/34');
  await page.getByLabel('Security code (CVC)').fill('123');
  await page.getByRole('button', { name: /^(Pay|Subscribe)/ }).click();
}

/** From /support/, becomes a member with the test card and waits for the thank-you page. */
export async function becomeMemberInSandbox(
  page: Page,
  baseUrl: string,
  email: string,
  name: string,
): Promise<void> {
  await page.goto(`${baseUrl}/support/#membership`);
  await page.locator('#membership').getByRole('button', { name: 'Become a member' }).click();
  await page.waitForURL(/\/support\/sandbox\/checkout\//);
  await payWithCard(page, '4242 4242 4242 4242', { name, email });
  await page.waitForURL(/\/support\/thank-you/);
}
