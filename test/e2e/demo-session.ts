import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startDemo } from '../../examples/demo/server.mjs';
import { launchChromium, openDevice } from './browser.js';

export interface DemoSession {
  demo: Awaited<ReturnType<typeof startDemo>>;
  browser: Browser;
  /** Page errors and CSP reports of every device opened. */
  problems: string[];
  /** A fresh browser profile with one page (see `openDevice`), closed with the session. */
  device(options?: Parameters<typeof openDevice>[3]): Promise<Page>;
}

/**
 * The demo on an ephemeral port with a fresh data dir (so its browser bundle is built from the
 * current sources), and Debian's Chromium, for the describe block that calls this: started
 * before its tests, and the profiles, browser, demo and data dir gone after them.
 */
export function demoSession(name: string, startTimeoutMs = 120_000): DemoSession {
  const contexts: BrowserContext[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), `sitegate-e2e-${name}-`));
  const session = {
    problems: [] as string[],
    device: (options?: Parameters<typeof openDevice>[3]) => openDevice(session.browser, contexts, session.problems, options),
  } as DemoSession;
  beforeAll(async () => {
    session.demo = await startDemo({ port: 0, dataDir, databaseUrl: '', smtpUrl: '', log: () => {} });
    session.browser = await launchChromium();
  }, startTimeoutMs);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await session.browser?.close();
    await session.demo?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return session;
}
