import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

const root = new URL('../../../', import.meta.url).pathname;
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const artifactsDir = join(root, 'test-artifacts');

/**
 * Why a browser test must be skipped, or undefined when Debian's chromium is here. CI sets
 * MASTHEAD_REQUIRE_BROWSER=1 so a missing browser fails the run instead of skipping.
 */
export function browserSkipReason(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  if (process.env.MASTHEAD_REQUIRE_BROWSER === '1')
    throw new Error(`Chromium is required but missing at ${chromiumPath}`);
  return `no Chromium at ${chromiumPath} (apt-get install chromium)`;
}

/** Launches Debian's Chromium headless with the flags this offline machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Where a screenshot named `name` is kept (test-artifacts/, ignored by git). */
export function artifactPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true });
  return join(artifactsDir, name);
}
