import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium.mjs';

/** Debian's Chromium, never a downloaded browser; flags that work as root on a closed network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

const SHOTS = new URL('../screenshots/', import.meta.url).pathname;

/** Writes a full-page screenshot for review (git-ignored). */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}e2e-${name}.png`, fullPage: true });
}

/**
 * A fresh browser profile (a person on their own device) with one page, kept in `contexts` for
 * closing; page errors and CSP reports land in `problems`, each prefixed with `label` if given.
 */
export async function openDevice(
  browser: Browser,
  contexts: BrowserContext[],
  problems: string[],
  options: { width?: number; acceptDownloads?: boolean; label?: string } = {},
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, ...(options.acceptDownloads ? { acceptDownloads: true } : {}) });
  contexts.push(context);
  const page = await context.newPage();
  const note = (text: string) => problems.push(options.label ? `${options.label}: ${text}` : text);
  page.on('pageerror', (error) => note(error.message));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) note(message.text());
  });
  return page;
}
